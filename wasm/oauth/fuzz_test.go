package oauth

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// FuzzParse checks that Parse never panics and that whatever it accepts is
// well formed: a known provider on a known host, a non-nil scope list within
// the cap, a severity that is the highest of its scopes, and a browser that
// would go to the same host.
func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.url)
	}
	for _, s := range []string{
		`https://accounts.google.com\@evil.io/o/oauth2/v2/auth`,
		"https://accounts.google.com%2F@evil.io/o/oauth2/v2/auth",
		"https://www.facebook.com/login.php?next=%2Flogin.php%3Fnext%3D%252Fdialog%252Foauth",
		"https://oauth.vk.com/authorize?scope=99999999999999999999",
		"https://slack.com/oauth/v2/authorize?scope=,,,+++&user_scope=%20",
	} {
		f.Add(s)
	}
	providers := map[string]bool{}
	for _, p := range Providers() {
		providers[p] = true
	}
	hosts := map[string]bool{}
	for _, h := range Endpoints() {
		hosts[h] = true
	}
	f.Fuzz(func(t *testing.T, raw string) {
		req, ok := Parse(raw)
		if !ok {
			if req != nil {
				t.Fatalf("ok false with a request")
			}
			return
		}
		if len(raw) > maxURLLength {
			t.Fatalf("accepted a URL of %d bytes", len(raw))
		}
		if !providers[req.Provider] {
			t.Fatalf("unknown provider %q", req.Provider)
		}
		scheme, rest, _ := strings.Cut(req.Endpoint, "://")
		host, _, _ := strings.Cut(rest, "/")
		if (scheme != "https" && scheme != "http") || !hosts[host] {
			t.Fatalf("endpoint %q is not on a known host", req.Endpoint)
		}
		if req.Scopes == nil || len(req.Scopes) > maxScopes {
			t.Fatalf("scopes nil or over the cap: %d", len(req.Scopes))
		}
		want := SeverityLow
		for _, s := range req.Scopes {
			want = list.MaxSeverity(want, s.Severity)
		}
		if req.Severity != want {
			t.Fatalf("severity %q, want %q", req.Severity, want)
		}
		again, _ := Parse(raw)
		if !reflect.DeepEqual(req, again) {
			t.Fatalf("Parse is not deterministic")
		}
	})
}
