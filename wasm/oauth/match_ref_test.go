package oauth

import (
	"regexp"
	"strings"
	"testing"
)

// refPattern compiles a path pattern into a regular expression: the slow,
// obviously correct reference that matchPath is checked against.
func refPattern(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, seg := range strings.Split(pattern[1:], "/") {
		b.WriteString("/")
		switch seg {
		case wildVersion:
			b.WriteString(`v[0-9]+(\.[0-9]+)?`)
		case wildLocale:
			b.WriteString(`[a-z]{2,3}(-[a-z]{2,4})?`)
		case wildSegment:
			b.WriteString(`[^/]+`)
		default:
			b.WriteString(regexp.QuoteMeta(strings.ToLower(seg)))
		}
	}
	b.WriteString("/?$")
	return regexp.MustCompile(b.String())
}

// asciiLower lower-cases ASCII letters only, as matchPath compares.
func asciiLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = lowerASCII(b[i])
	}
	return string(b)
}

// FuzzMatchPath cross-checks matchPath against the regular expression
// reference for every pattern in the endpoint table.
func FuzzMatchPath(f *testing.F) {
	type ref struct {
		pattern string
		re      *regexp.Regexp
	}
	var refs []ref
	for _, e := range endpoints {
		for _, p := range e.paths {
			refs = append(refs, ref{p, refPattern(p)})
			f.Add(p)
			f.Add(strings.ToUpper(p) + "/")
		}
	}
	for _, s := range []string{"/v19.0/dialog/oauth", "/en/authorize", "/pt-BR/authorize", "/common/oauth2/v2.0/authorize", "/ſignin/oauth", "//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		for _, r := range refs {
			got, want := matchPath(r.pattern, path), r.re.MatchString(asciiLower(path))
			if got != want {
				t.Fatalf("matchPath(%q, %q) = %v, reference says %v", r.pattern, path, got, want)
			}
		}
	})
}
