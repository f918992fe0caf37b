package oauth

import (
	"sort"
	"strings"
)

// byHost indexes endpoints by exact host; it is built once from the table.
var byHost = indexEndpoints(endpoints)

// indexEndpoints maps each host to the endpoints it serves, in table order.
func indexEndpoints(table []endpoint) map[string][]*endpoint {
	m := make(map[string][]*endpoint)
	for i := range table {
		e := &table[i]
		for _, h := range e.hosts {
			m[h] = append(m[h], e)
		}
	}
	return m
}

// lookup returns the endpoint serving host and path, or nil. host must
// already be lower-case without a port or a trailing dot.
func lookup(host, path string) *endpoint {
	candidates := byHost[host]
	if len(candidates) == 0 {
		return nil
	}
	for _, e := range candidates {
		for _, p := range e.paths {
			if matchPath(p, path) {
				return e
			}
		}
	}
	return nil
}

// matchPath reports whether path matches pattern: segment by segment,
// case-insensitively, ignoring one trailing slash on path.
func matchPath(pattern, path string) bool {
	if len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	if !strings.HasPrefix(path, "/") {
		return false
	}
	pattern, path = pattern[1:], path[1:]
	for {
		ps, prest, pmore := strings.Cut(pattern, "/")
		s, rest, more := strings.Cut(path, "/")
		if !matchSegment(ps, s) {
			return false
		}
		if pmore != more {
			return false
		}
		if !pmore {
			return true
		}
		pattern, path = prest, rest
	}
}

// matchSegment matches one path segment against one pattern segment.
func matchSegment(pattern, s string) bool {
	switch pattern {
	case wildVersion:
		return isVersion(s)
	case wildLocale:
		return isLocale(s)
	case wildSegment:
		return s != ""
	}
	return asciiEqualFold(pattern, s)
}

// asciiEqualFold compares ASCII case-insensitively. Unlike strings.EqualFold
// it does not fold non-ASCII letters onto ASCII ones (the long s "ſ" onto
// "s", the Kelvin sign onto "k"), which servers do not do in paths either.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases one ASCII letter and leaves other bytes alone.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isVersion reports whether s looks like v19.0, v2.12 or v10.
func isVersion(s string) bool {
	if len(s) < 2 || (s[0] != 'v' && s[0] != 'V') {
		return false
	}
	digits, dot := 0, false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// isLocale reports whether s looks like a language tag: en, de, pt-BR, zh-Hant.
func isLocale(s string) bool {
	lang, region, hasRegion := strings.Cut(s, "-")
	if len(lang) < 2 || len(lang) > 3 || !isLetters(lang) {
		return false
	}
	if hasRegion && (len(region) < 2 || len(region) > 4 || !isLetters(region)) {
		return false
	}
	return true
}

// isLetters reports whether s is ASCII letters only.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := lowerASCII(s[i]); c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// Providers returns the IDs of the providers Parse knows, sorted.
func Providers() []string {
	seen := make(map[string]bool)
	out := []string{}
	for _, e := range endpoints {
		if !seen[e.provider] {
			seen[e.provider] = true
			out = append(out, e.provider)
		}
	}
	sort.Strings(out)
	return out
}

// Endpoints returns the authorize endpoint hosts Parse knows, sorted (used
// for network observation filters).
func Endpoints() []string {
	out := make([]string, 0, len(byHost))
	for h := range byHost {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
