package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DNS limits (RFC 1035, section 2.3.4), counted on the ASCII form.
const (
	maxLabelLen = 63
	maxHostLen  = 253
)

// Normalize returns the canonical form of a host: lowercased, trailing dot
// removed, port removed, IPv6 brackets removed, internationalized names
// converted to their ASCII (punycode A-label) form. Errors (clear messages)
// for empty hosts, hosts with invalid characters, labels over 63 bytes, hosts
// over 253 bytes.
//
// IPv6 addresses come back in their RFC 5952 form ("[2001:DB8::0001]:443"
// becomes "2001:db8::1"); zone identifiers are rejected. A host whose last
// label is a number is read as an IPv4 address the way browsers read it
// ("0x7f.1" becomes "127.0.0.1"), and is an error if it is not a valid one.
//
// ASCII labels may hold letters, digits, hyphens and underscores; hyphens are
// allowed anywhere, as browsers allow them. Internationalized labels are
// converted the way UTS #46 does for the common case (ideographic full stops
// separate labels, full-width ASCII becomes ASCII, letters are lowercased,
// then RFC 3492 punycode), with three known gaps kept for size: no Unicode
// normalisation (a decomposed "u" plus U+0308 is not turned into "ü"), simple
// rather than full case folding, and no IDNA 2008 context or bidi checks.
// Letters, marks and digits of any script are accepted; other symbols are not.
func Normalize(host string) (string, error) {
	if host == "" {
		return "", errorf(host, "empty host")
	}
	if isCanonicalName(host) {
		return host, nil
	}
	name, ip6, err := splitHostPort(host)
	if err != nil {
		return "", err
	}
	if ip6 != "" {
		return ip6, nil
	}
	return normalizeName(host, name)
}

// isCanonicalName is the fast path: it reports whether host is already a
// canonical domain name (not an IP address), so that Normalize can return it
// unchanged without allocating.
func isCanonicalName(host string) bool {
	if len(host) > maxHostLen {
		return false
	}
	labelStart := 0
	for i := 0; i <= len(host); i++ {
		if i < len(host) && host[i] != '.' {
			if !isLabelByte(host[i]) {
				return false
			}
			continue
		}
		if n := i - labelStart; n == 0 || n > maxLabelLen {
			return false
		}
		labelStart = i + 1
	}
	// A numeric last label makes the host an IPv4 address, handled by the
	// slow path.
	return !endsInNumber(host)
}

// isLabelByte reports whether b may appear in a canonical ASCII label.
func isLabelByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'
}

// splitHostPort removes an optional port and IPv6 brackets. For an IPv6
// address it returns the canonical address as ip6; otherwise name is the host
// without its port.
func splitHostPort(host string) (name, ip6 string, err error) {
	if host[0] == '[' {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", "", errorf(host, "missing ']' after IPv6 address")
		}
		if rest := host[end+1:]; rest != "" && (rest[0] != ':' || !validPort(rest[1:])) {
			return "", "", errorf(host, "invalid port %q after IPv6 address", rest)
		}
		ip6, err := parseIPv6(host, host[1:end])
		return "", ip6, err
	}
	switch strings.Count(host, ":") {
	case 0:
		return host, "", nil
	case 1:
		i := strings.IndexByte(host, ':')
		if !validPort(host[i+1:]) {
			return "", "", errorf(host, "invalid port %q", host[i+1:])
		}
		if i == 0 {
			return "", "", errorf(host, "empty host")
		}
		return host[:i], "", nil
	default:
		// Without brackets, several colons can only be an IPv6 address.
		ip6, err := parseIPv6(host, host)
		return "", ip6, err
	}
}

// validPort reports whether p is a port: empty, or decimal digits with a
// value of at most 65535 (leading zeros allowed, as browsers allow them).
func validPort(p string) bool {
	v := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		v = v*10 + int(p[i]-'0')
		if v > 65535 {
			return false
		}
	}
	return true
}

// replaceDotLike replaces the characters that UTS #46 maps to a full stop
// (ideographic, full-width and half-width ideographic full stops) with ".".
func replaceDotLike(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u3002', '\uff0e', '\uff61':
			return '.'
		}
		return r
	}, s)
}

// normalizeName converts a domain name (no port, no brackets) label by label.
// input is what the caller passed, for error messages.
func normalizeName(input, name string) (string, error) {
	if !isASCII(name) {
		if !utf8.ValidString(name) {
			return "", errorf(input, "invalid UTF-8")
		}
		name = replaceDotLike(name)
	}
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		return "", errorf(input, "empty host")
	}
	var out string
	if isASCII(name) {
		// One allocation at most: lowercase, then check each label.
		out = strings.ToLower(name)
		for rest := out; ; {
			label, tail, more := strings.Cut(rest, ".")
			if err := checkASCIILabel(input, label); err != nil {
				return "", err
			}
			if !more {
				break
			}
			rest = tail
		}
	} else {
		var b strings.Builder
		b.Grow(len(name))
		for i, label := range strings.Split(name, ".") {
			ascii, err := labelToASCII(input, label)
			if err != nil {
				return "", err
			}
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(ascii)
		}
		out = b.String()
	}
	if endsInNumber(out) {
		ip, ok := parseIPv4(out)
		if !ok {
			return "", errorf(input, "invalid IPv4 address")
		}
		return ip, nil
	}
	if len(out) > maxHostLen {
		return "", errorf(input, "host is %d bytes long, over the limit of %d", len(out), maxHostLen)
	}
	return out, nil
}

// checkASCIILabel reports what is wrong with a lowercase ASCII label, if
// anything.
func checkASCIILabel(input, label string) error {
	if label == "" {
		return errorf(input, "empty label")
	}
	for i := 0; i < len(label); i++ {
		if !isLabelByte(label[i]) {
			return errorf(input, "invalid character %q", label[i])
		}
	}
	if len(label) > maxLabelLen {
		return errorf(input, "label %q is %d bytes long, over the limit of %d", label, len(label), maxLabelLen)
	}
	return nil
}

// labelToASCII returns the canonical ASCII form of one label of a name that
// holds non-ASCII characters.
func labelToASCII(input, label string) (string, error) {
	if isASCII(label) {
		label = strings.ToLower(label)
		return label, checkASCIILabel(input, label)
	}
	runes := make([]rune, 0, len(label))
	ascii := true
	for _, r := range label {
		if 0xff01 <= r && r <= 0xff5e {
			r -= 0xfee0 // full-width ASCII
		}
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf:
			if !isLabelByte(byte(r)) {
				return "", errorf(input, "invalid character %q", r)
			}
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			ascii = false
		default:
			return "", errorf(input, "invalid character %q", r)
		}
		runes = append(runes, r)
	}
	out := string(runes)
	if !ascii {
		enc, err := punyEncode(runes)
		if err != nil {
			return "", errorf(input, "label %q: %v", label, err)
		}
		out = acePrefix + enc
	}
	if len(out) > maxLabelLen {
		return "", errorf(input, "label %q is %d bytes long, over the limit of %d", out, len(out), maxLabelLen)
	}
	return out, nil
}

// lowerASCII lowercases an ASCII letter and leaves other bytes alone.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
