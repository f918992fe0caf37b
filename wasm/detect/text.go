package detect

import (
	"unicode"
	"unicode/utf8"
)

// appendNormText appends s to dst in the form texts are compared in: lower
// case, runs of white space folded into one space, no leading or trailing
// space. ASCII takes a fast path; other runes go through package unicode.
func appendNormText(dst []byte, s string) []byte {
	space := false // a space is pending
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) || r == '\u200b' {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// normText returns s normalised as appendNormText does.
func normText(s string) string {
	return string(appendNormText(nil, s))
}

// isWordByte reports whether c can be part of a word, so that a provider name
// found inside a longer word ("x" in "next") is not taken for the name.
// Bytes of multi-byte runes count as word bytes.
func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// Cut returns s cut to at most n bytes, on a rune boundary. Collectors (the
// static HTML observer) use it to respect the bounds the engine enforces.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
