package detect

import "strings"

// glob is a compiled path glob: "*" matches a run of characters other than
// "/", "**" matches anything, every other byte matches itself. Globs without
// wildcards compare as strings, and a glob whose only wildcard is a trailing
// "**" compares as a prefix; the rest run as a small automaton that reads the
// path once (no regexp, no backtracking).
type glob struct {
	pattern string
	mode    globMode
	literal string // globExact, globPrefix
	prefix  string // literal prefix every match starts with (globAuto)
	tokens  []globToken
}

type globMode uint8

const (
	globAny globMode = iota
	globExact
	globPrefix
	globAuto
)

// A globToken is a literal byte, or one of the two wildcards.
type globToken struct {
	kind globTokenKind
	b    byte
}

type globTokenKind uint8

const (
	tokByte globTokenKind = iota
	tokStar
	tokDoubleStar
)

// compileGlob compiles a path glob; the empty glob matches any path.
func compileGlob(pattern string) glob {
	g := glob{pattern: pattern}
	switch {
	case pattern == "" || pattern == "**":
		g.mode = globAny
		return g
	case !strings.Contains(pattern, "*"):
		g.mode, g.literal = globExact, pattern
		return g
	case strings.HasSuffix(pattern, "**") && !strings.Contains(pattern[:len(pattern)-2], "*"):
		g.mode, g.literal = globPrefix, pattern[:len(pattern)-2]
		return g
	}
	g.mode = globAuto
	g.prefix = pattern[:strings.IndexByte(pattern, '*')]
	for i := 0; i < len(pattern); i++ {
		switch {
		case strings.HasPrefix(pattern[i:], "**"):
			// Runs of three or more stars are one "**".
			for i+1 < len(pattern) && pattern[i+1] == '*' {
				i++
			}
			g.tokens = append(g.tokens, globToken{kind: tokDoubleStar})
		case pattern[i] == '*':
			g.tokens = append(g.tokens, globToken{kind: tokStar})
		default:
			g.tokens = append(g.tokens, globToken{kind: tokByte, b: pattern[i]})
		}
	}
	return g
}

// match reports whether the glob matches the whole path.
func (g *glob) match(path string) bool {
	switch g.mode {
	case globAny:
		return true
	case globExact:
		return path == g.literal
	case globPrefix:
		return strings.HasPrefix(path, g.literal)
	}
	if !strings.HasPrefix(path, g.prefix) {
		return false
	}
	// State i means "tokens[:i] matched the path read so far". A set of
	// states is a bit set; globs are short, so it is usually one word.
	n := len(g.tokens) + 1
	var small [2][2]uint64
	cur, next := small[0][:], small[1][:]
	if words := (n + 63) / 64; words > 2 {
		cur, next = make([]uint64, words), make([]uint64, words)
	}
	set := func(s []uint64, i int) { s[i/64] |= 1 << (i % 64) }
	has := func(s []uint64, i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
	// closure adds the states reachable by letting wildcards match nothing.
	closure := func(s []uint64) {
		for i := 0; i < n-1; i++ {
			if has(s, i) && g.tokens[i].kind != tokByte {
				set(s, i+1)
			}
		}
	}
	set(cur, 0)
	closure(cur)
	for p := 0; p < len(path); p++ {
		c := path[p]
		clear(next)
		any := false
		for i := 0; i < n-1; i++ {
			if !has(cur, i) {
				continue
			}
			switch t := g.tokens[i]; t.kind {
			case tokByte:
				if t.b == c {
					set(next, i+1)
					any = true
				}
			case tokStar:
				if c != '/' {
					set(next, i)
					any = true
				}
			case tokDoubleStar:
				set(next, i)
				any = true
			}
		}
		if !any {
			return false
		}
		closure(next)
		cur, next = next, cur
	}
	return has(cur, n-1)
}
