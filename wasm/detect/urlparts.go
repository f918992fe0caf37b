package detect

import (
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// urlParts is the part of a URL the rules look at. splitURL fills it without
// allocating for the common case (an http or https URL with a lowercase ASCII
// host), because a large page has thousands of links.
type urlParts struct {
	host  string // normalised host, without port
	path  string // "/" when the URL has none
	query string // raw query, without "?"
}

// splitURL splits an absolute http(s) URL (or a scheme-relative "//host/...").
// It reports false for other schemes, relative URLs and hosts that do not
// normalise.
func splitURL(raw string) (urlParts, bool) {
	var p urlParts
	rest := raw
	switch {
	case hasPrefixFold(rest, "https://"):
		rest = rest[len("https://"):]
	case hasPrefixFold(rest, "http://"):
		rest = rest[len("http://"):]
	case strings.HasPrefix(rest, "//"):
		rest = rest[2:]
	default:
		return p, false
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	rest = rest[end:]
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	host, err := domain.Normalize(authority)
	if err != nil || host == "" {
		return p, false
	}
	p.host = host
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		p.query = rest[i+1:]
		rest = rest[:i]
	}
	p.path = rest
	if p.path == "" {
		p.path = "/"
	}
	return p, true
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
