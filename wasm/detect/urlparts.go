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
	path  string // "/" when the URL has none; set by pathQuery
	query string // raw query, without "?"; set by pathQuery
	rest  string // what follows the authority
}

// splitURL splits an absolute http(s) URL (or a scheme-relative "//host/...").
// It reports false for other schemes, relative URLs and hosts that do not
// normalise.
func splitURL(raw string) (urlParts, bool) {
	p, ok := splitURLMemo(raw, nil)
	if ok {
		p.pathQuery()
	}
	return p, ok
}

// hostMemo remembers the last authority normalised: most URLs of a page
// share a few hosts, and Normalize is the costly part of splitting.
type hostMemo struct {
	authority, host string
	// prefix is the last URL up to the end of its authority
	// ("https://host:port"), whose host is host.
	prefix string
}

// splitURLMemo is splitURL with a memo of the last authority, or nil.
func splitURLMemo(raw string, memo *hostMemo) (urlParts, bool) {
	var p urlParts
	if memo != nil && len(memo.prefix) < len(raw) && raw[:len(memo.prefix)] == memo.prefix {
		if c := raw[len(memo.prefix)]; c == '/' || c == '?' || c == '#' || c == '\\' {
			p.host, p.rest = memo.host, raw[len(memo.prefix):]
			return p, true
		}
	}
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
	authority := rest[at+1 : end]
	rest = rest[end:]
	if memo != nil && memo.authority == authority && authority != "" {
		p.host = memo.host
	} else {
		host, err := domain.Normalize(authority)
		if err != nil || host == "" {
			return p, false
		}
		p.host = host
		if memo != nil {
			memo.authority, memo.host = authority, host
		}
	}
	if memo != nil {
		memo.prefix = raw[:len(raw)-len(rest)]
	}
	p.rest = rest
	return p, true
}

// pathQuery fills path and query from rest; splitURL leaves them for later
// because most URLs of a page are rejected by their host alone.
func (p *urlParts) pathQuery() {
	if p.rest == "" || p.path != "" {
		if p.path == "" {
			p.path = "/"
		}
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
