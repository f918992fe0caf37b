package oauth

import (
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// hostPath splits an http(s) URL into its host, read the browser's way, and
// its raw path, the way a caller of MaybeAuthorize reads a link.
func hostPath(raw string) (host, path string, ok bool) {
	h, err := domain.HostOf(raw)
	if err != nil {
		return "", "", false
	}
	_, rest, found := strings.Cut(raw, "://")
	if !found {
		return "", "", false
	}
	i := strings.IndexAny(rest, "/?#\\")
	if i < 0 {
		return h, "/", true
	}
	rest = rest[i:]
	if j := strings.IndexAny(rest, "?#"); j >= 0 {
		rest = rest[:j]
	}
	if rest == "" {
		rest = "/"
	}
	return h, rest, true
}

// TestMaybeAuthorize covers the pre-check's answers.
func TestMaybeAuthorize(t *testing.T) {
	tests := []struct {
		host, path string
		want       bool
	}{
		// Authorize endpoints and sign-in wrappers.
		{"www.facebook.com", "/v19.0/dialog/oauth", true},
		{"www.facebook.com", "/dialog/oauth/", true},
		{"m.facebook.com", "/login.php", true},
		{"accounts.google.com", "/o/oauth2/v2/auth", true},
		{"accounts.google.com", "/O/OAuth2/V2/Auth", true},
		{"login.microsoftonline.com", "/common/oauth2/v2.0/authorize", true},
		{"accounts.spotify.com", "/pt-BR/authorize", true},
		// Host case and a trailing dot, as Parse folds them.
		{"WWW.Facebook.COM.", "/dialog/oauth", true},
		// Encoded paths are left to Parse.
		{"www.facebook.com", "/%64ialog/oauth", true},
		{"www.facebook.com", `\dialog\oauth`, true},
		// Other paths on endpoint hosts.
		{"www.facebook.com", "/shopexample/posts/1", false},
		{"www.facebook.com", "/", false},
		{"www.facebook.com", "/v19.0/dialog/feed", false},
		{"accounts.google.com", "/gsi/client", false},
		{"twitter.com", "/shopexample", false},
		// Hosts that serve no endpoint, and lookalikes.
		{"www.shop.example.co.uk", "/dialog/oauth", false},
		{"accounts.google.com.evil.io", "/o/oauth2/v2/auth", false},
		{"", "/dialog/oauth", false},
	}
	for _, tt := range tests {
		if got := MaybeAuthorize(tt.host, tt.path); got != tt.want {
			t.Errorf("MaybeAuthorize(%q, %q) = %v, want %v", tt.host, tt.path, got, tt.want)
		}
	}
}

// TestMaybeAuthorizeAdmitsEveryParse checks the pre-check's promise on every
// URL the Parse tests accept: MaybeAuthorize never refuses one.
func TestMaybeAuthorizeAdmitsEveryParse(t *testing.T) {
	n := 0
	for _, tc := range parseCases {
		if _, ok := Parse(tc.url); !ok {
			continue
		}
		n++
		host, path, ok := hostPath(tc.url)
		if !ok || !MaybeAuthorize(host, path) {
			t.Errorf("%s: Parse accepts %q but MaybeAuthorize(%q, %q) is false", tc.name, tc.url, host, path)
		}
	}
	if n == 0 {
		t.Fatal("no parse case is accepted")
	}
}

// FuzzMaybeAuthorize checks the same promise on any input: whatever Parse
// accepts, MaybeAuthorize admits.
func FuzzMaybeAuthorize(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.url)
	}
	f.Add("https://www.facebook.com/%64ialog/oauth?client_id=1")
	f.Add("https://WWW.FACEBOOK.COM./DIALOG/OAUTH/?client_id=1")
	f.Add("https://www.facebook.com:443/dialog/oauth?client_id=1")
	f.Fuzz(func(t *testing.T, raw string) {
		if _, ok := Parse(raw); !ok {
			return
		}
		host, path, ok := hostPath(strings.TrimSpace(raw))
		if ok && !MaybeAuthorize(host, path) {
			t.Fatalf("Parse accepts %q but MaybeAuthorize(%q, %q) is false", raw, host, path)
		}
	})
}
