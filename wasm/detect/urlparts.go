package detect

import "strings"

// urlParts is the part of a URL the rules look at.
type urlParts struct {
	host  string // normalised host, without port
	path  string // "/" when the URL has none; set by pathQuery
	query string // raw query, without "?"; set by pathQuery
	rest  string // what follows the authority
}

// splitAuthority splits an absolute http(s) URL (or a scheme-relative
// "//host/...") into its authority, without user information, and what
// follows it. It reports false for other schemes and relative URLs. It does
// not allocate: a large page has thousands of links.
func splitAuthority(raw string) (authority, rest string, ok bool) {
	rest = raw
	switch {
	case hasPrefixFold(rest, "https://"):
		rest = rest[len("https://"):]
	case hasPrefixFold(rest, "http://"):
		rest = rest[len("http://"):]
	case strings.HasPrefix(rest, "//"):
		rest = rest[2:]
	default:
		return "", "", false
	}
	end, at := len(rest), -1
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		// Browsers end an http(s) authority at a backslash too.
		if c == '/' || c == '?' || c == '#' || c == '\\' {
			end = i
			break
		}
		if c == '@' {
			at = i
		}
	}
	return rest[at+1 : end], rest[end:], true
}

// pathQuery fills path and query from rest; the engine calls it only for
// URLs whose host some pattern names, which are few.
func (p *urlParts) pathQuery() {
	if p.path != "" {
		return
	}
	rest := p.rest
	p.path = rest
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '?':
			p.path, p.query = rest[:i], rest[i+1:]
			if j := strings.IndexByte(p.query, '#'); j >= 0 {
				p.query = p.query[:j]
			}
			i = len(rest)
		case '#':
			p.path = rest[:i]
			i = len(rest)
		}
	}
	if p.path == "" {
		p.path = "/"
	}
}

// hasPrefixFold is strings.HasPrefix with ASCII case folding of s; prefix
// must be lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// splitAppLink splits a link of a non-http scheme, "scheme://authority/path?
// query#fragment", as browsers parse a URL of a non-special scheme (see
// list.URLPattern.Scheme): it returns the scheme in lower case, the host
// (the authority without user information and port, in lower case) and
// what follows the authority. It reports false for http and https, for
// relative URLs and for links with no "//" after the scheme (mailto:,
// tel:, tg:resolve). It allocates only when the scheme or host has upper
// case letters.
func splitAppLink(raw string) (scheme, host, rest string, ok bool) {
	colon := -1
	upper := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			upper = true
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			colon = i
		default:
			return "", "", "", false
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 || !strings.HasPrefix(raw[colon+1:], "//") {
		return "", "", "", false
	}
	scheme = raw[:colon]
	if upper {
		scheme = strings.ToLower(scheme)
	}
	if scheme == "http" || scheme == "https" {
		return "", "", "", false
	}
	rest = raw[colon+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host, rest = rest[:end], rest[end:]
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	if !strings.HasPrefix(host, "[") {
		if i := strings.IndexByte(host, ':'); i >= 0 {
			host = host[:i]
		}
	}
	if hasUpperASCII(host) {
		host = strings.ToLower(host)
	}
	return scheme, host, rest, true
}

// hasUpperASCII reports whether s has an ASCII upper case letter.
func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
