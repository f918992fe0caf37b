package domain

import "strings"

// HostOf parses an absolute (http, https, ws, wss) or scheme-relative ("//x")
// URL and returns its normalised host. It handles userinfo
// ("https://spotify.com@evil.io/" has host evil.io), ports, IPv6 literals,
// percent-encoding. Error for other schemes or unparsable URLs.
//
// It reads the authority the way the WHATWG URL standard (and so the browser)
// does, which differs from RFC 3986 parsers such as net/url in ways an
// attacker can use: tabs and newlines anywhere are dropped, leading and
// trailing spaces and control characters are trimmed, the scheme is case
// insensitive, backslashes count as slashes ("https://spotify.com\@evil.io"
// has host spotify.com), any number of slashes may follow the scheme
// ("https:evil.io" has host evil.io), and the last "@" of the authority ends
// the userinfo. The host is percent-decoded before Normalize.
func HostOf(rawURL string) (string, error) {
	s := cleanURL(rawURL)
	var rest string
	switch {
	case len(s) >= 2 && isSlash(s[0]) && isSlash(s[1]):
		rest = s[2:]
	default:
		colon := strings.IndexByte(s, ':')
		if colon <= 0 || !isScheme(s[:colon]) {
			return "", errorf(rawURL, "not an absolute or scheme-relative URL")
		}
		switch scheme := strings.ToLower(s[:colon]); scheme {
		case "http", "https", "ws", "wss":
		default:
			return "", errorf(rawURL, "unsupported scheme %q (want http, https, ws or wss)", scheme)
		}
		rest = strings.TrimLeft(s[colon+1:], `/\`)
	}
	authority := rest
	if i := strings.IndexAny(rest, `/\?#`); i >= 0 {
		authority = rest[:i]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		authority = authority[at+1:]
	}
	host := authority
	if strings.HasPrefix(authority, "[") {
		// An IPv6 literal: its colons are not a port separator, and it is
		// not percent-decoded.
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return "", errorf(rawURL, "missing ']' after IPv6 address")
		}
		host = authority[:end+1]
		if rest := authority[end+1:]; rest != "" && (rest[0] != ':' || !validPort(rest[1:])) {
			return "", errorf(rawURL, "invalid port %q", rest)
		}
	} else {
		if i := strings.IndexByte(authority, ':'); i >= 0 {
			host = authority[:i]
			if !validPort(authority[i+1:]) {
				return "", errorf(rawURL, "invalid port %q", authority[i+1:])
			}
		}
		var ok bool
		if host, ok = percentDecode(host); !ok {
			return "", errorf(rawURL, "invalid percent-encoding in host")
		}
		if strings.ContainsAny(host, ":[]") {
			return "", errorf(rawURL, "invalid host %q", host)
		}
	}
	if host == "" {
		return "", errorf(rawURL, "empty host")
	}
	h, err := Normalize(host)
	if err != nil {
		return "", errorf(rawURL, "%s", err.(*Error).Reason)
	}
	return h, nil
}

// cleanURL trims leading and trailing C0 controls and spaces and removes all
// tabs and newlines, as the WHATWG URL parser does before anything else.
func cleanURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// isScheme reports whether s is a URL scheme: a letter, then letters, digits,
// "+", "-" or ".".
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := lowerASCII(s[i])
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// percentDecode decodes %XX escapes. It fails on a "%" not followed by two
// hexadecimal digits.
func percentDecode(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	return string(b), true
}

func isHex(c byte) bool {
	c = lowerASCII(c)
	return isDigit(c) || 'a' <= c && c <= 'f'
}

func unhex(c byte) byte {
	c = lowerASCII(c)
	if isDigit(c) {
		return c - '0'
	}
	return c - 'a' + 10
}
