package oauth

import (
	"strings"
	"testing"
)

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		// Literal segments: exact, case-insensitive, one trailing slash.
		{"/dialog/oauth", "/dialog/oauth", true},
		{"/dialog/oauth", "/Dialog/OAuth", true},
		{"/dialog/oauth", "/dialog/oauth/", true},
		{"/dialog/oauth", "/dialog/oauth//", false},
		{"/dialog/oauth", "/dialog", false},
		{"/dialog/oauth", "/dialog/oauth/x", false},
		{"/dialog/oauth", "dialog/oauth", false},
		{"/dialog/oauth", "", false},
		{"/dialog/oauth", "/", false},
		{"/dialog/oauth", "//dialog/oauth", false},
		// {version}.
		{"/{version}/dialog/oauth", "/v19.0/dialog/oauth", true},
		{"/{version}/dialog/oauth", "/v2/dialog/oauth", true},
		{"/{version}/dialog/oauth", "/V3.2/dialog/oauth", true},
		{"/{version}/dialog/oauth", "/v/dialog/oauth", false},
		{"/{version}/dialog/oauth", "/v1./dialog/oauth", false},
		{"/{version}/dialog/oauth", "/v1.2.3/dialog/oauth", false},
		{"/{version}/dialog/oauth", "/19.0/dialog/oauth", false},
		{"/{version}/dialog/oauth", "//dialog/oauth", false},
		// {locale}.
		{"/{locale}/authorize", "/en/authorize", true},
		{"/{locale}/authorize", "/pt-BR/authorize", true},
		{"/{locale}/authorize", "/login/authorize", false},
		{"/{locale}/authorize", "/e1/authorize", false},
		{"/{locale}/authorize", "/en-/authorize", false},
		// {segment}.
		{"/{segment}/oauth2/v2.0/authorize", "/common/oauth2/v2.0/authorize", true},
		{"/{segment}/oauth2/v2.0/authorize", "/contoso.onmicrosoft.com/oauth2/v2.0/authorize", true},
		{"/{segment}/oauth2/v2.0/authorize", "/oauth2/v2.0/authorize", false},
		{"/{segment}/oauth2/v2.0/authorize", "//oauth2/v2.0/authorize", false},
	}
	for _, tc := range tests {
		if got := matchPath(tc.pattern, tc.path); got != tc.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestEndpointTable(t *testing.T) {
	for _, e := range endpoints {
		if len(e.hosts) == 0 || len(e.paths) == 0 {
			t.Errorf("%s: endpoint without hosts or paths", e.provider)
		}
		if e.wrapper != (len(e.params) > 0) {
			t.Errorf("%s: wrapper and params disagree: %+v", e.provider, e)
		}
		for _, p := range e.paths {
			if p == "" || p[0] != '/' {
				t.Errorf("%s: path %q does not start with /", e.provider, p)
			}
			if len(p) > 1 && strings.HasSuffix(p, "/") {
				t.Errorf("%s: path %q ends with / (a trailing slash is always optional)", e.provider, p)
			}
		}
	}
}

func TestBrowserAgrees(t *testing.T) {
	tests := []struct {
		url, host string
		want      bool
	}{
		{"https://accounts.google.com/o/oauth2/v2/auth", "accounts.google.com", true},
		{"HTTPS://Accounts.Google.com./o/oauth2/v2/auth", "accounts.google.com", true},
		// A browser reads a backslash as a slash: the host is the part before it.
		{`https://accounts.google.com\@evil.io/o/oauth2/v2/auth`, "evil.io", false},
		// The last @ ends the user information.
		{"https://a@b@evil.io/", "b", false},
		{"not a url", "accounts.google.com", false},
	}
	for _, tc := range tests {
		if got := browserAgrees(tc.url, tc.host); got != tc.want {
			t.Errorf("browserAgrees(%q, %q) = %v, want %v", tc.url, tc.host, got, tc.want)
		}
	}
}
