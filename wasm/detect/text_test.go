package detect

import "testing"

func TestNormText(t *testing.T) {
	tests := []struct{ in, want string }{
		// Case folding.
		{"Continue with Facebook", "continue with facebook"},
		{"MIT GOOGLE ANMELDEN", "mit google anmelden"},
		{"ВОЙТИ ЧЕРЕЗ VK", "войти через vk"},
		// White space: runs folded, ends trimmed, Unicode spaces included.
		{"  Sign\tin \n with\u00a0Google  ", "sign in with google"},
		{"Sign\u200bin", "sign in"},
		{"\u3000ログイン\u3000", "ログイン"},
		// Nothing to do.
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := normText(tt.in); got != tt.want {
			t.Errorf("normText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCutString(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"abcdef", 3, "abc"},
		{"abc", 3, "abc"},
		{"aé", 2, "a"}, // never cut inside a rune
		{"日本", 4, "日"},
	}
	for _, tt := range tests {
		if got := Cut(tt.in, tt.n); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
