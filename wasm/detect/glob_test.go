package detect

import "testing"

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		// The empty glob and "**" match any path.
		{"", "/anything/at/all", true},
		{"**", "/", true},
		// Literal globs compare the whole path.
		{"/dialog/oauth", "/dialog/oauth", true},
		{"/dialog/oauth", "/dialog/oauth/", false},
		{"/dialog/oauth", "/x/dialog/oauth", false},
		{"/dialog/oauth", "/Dialog/oauth", false},
		// "*" matches a run of characters other than "/", including none.
		{"/v*/dialog/oauth", "/v18.0/dialog/oauth", true},
		{"/v*/dialog/oauth", "/v/dialog/oauth", true},
		{"/v*/dialog/oauth", "/v1/x/dialog/oauth", false},
		{"/*/sdk.js", "/en_US/sdk.js", true},
		{"/*/sdk.js", "/sdk.js", false},
		{"/*/sdk.js", "/a/b/sdk.js", false},
		{"/auth/*", "/auth/", true},
		{"/auth/*", "/auth/google/callback", false},
		// "**" matches anything, "/" included.
		{"/gsi/**", "/gsi/client", true},
		{"/gsi/**", "/gsi/", true},
		{"/gsi/**", "/gs", false},
		{"/**/login.js", "/a/b/c/login.js", true},
		{"/**/login.js", "/login.js", false},
		{"**/login.js", "/login.js", true},
		{"/**", "/", true},
		// Mixed wildcards, where backtracking matchers go wrong.
		{"/*/**/x", "/a/b/c/x", true},
		{"/*/**/x", "/a/x", false},
		{"/a*b*c", "/aXbYbZc", true},
		{"/a*b*c", "/aXbYbZ", false},
		{"/a**c", "/a/b/c", true},
		{"/a*c", "/a/b/c", false},
		{"***", "/x/y", true},
		// A long glob needs more than one word of states.
		{"/" + repeat("a*", 40), "/" + repeat("aa", 40), true},
		{"/" + repeat("a*", 40), "/" + repeat("b", 80), false},
	}
	for _, tt := range tests {
		g := compileGlob(tt.pattern)
		if got := g.match(tt.path); got != tt.want {
			t.Errorf("glob %q match %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
