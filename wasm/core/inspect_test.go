package core

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// defaultCore returns a Core with the embedded default list loaded, as the
// extension has it.
func defaultCore(t testing.TB) *Core {
	t.Helper()
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatalf("defaultlist.Load: %v", err)
	}
	c := New()
	c.Now = func() time.Time { return issued.Add(time.Hour) }
	if _, err := c.LoadTrusted(l); err != nil {
		t.Fatalf("LoadTrusted: %v", err)
	}
	return c
}

// inspectURL asks the core about one URL.
func inspectURL(t testing.TB, c *Core, u string) (*Response, []byte) {
	t.Helper()
	b, err := (&InspectRequest{URL: u}).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	out := c.Inspect(b)
	return parse(t, out), out
}

// authorize builds an authorize URL with the given query parameters.
func authorize(endpoint string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	return endpoint + "?" + q.Encode()
}

const (
	fbDialog   = "https://www.facebook.com/v19.0/dialog/oauth"
	googleAuth = "https://accounts.google.com/o/oauth2/v2/auth"
	gmailRead  = "https://www.googleapis.com/auth/gmail.readonly"
)

// TestInspectConsent checks what the consent warning is built from: the
// site that receives the answer, the scopes with labels and severities, and
// the partner's grants from this provider.
func TestInspectConsent(t *testing.T) {
	c := defaultCore(t)
	tests := []struct {
		name     string
		url      string
		provider string
		site     string
		scopes   string // scope names, space separated
		severity string
		partner  string
		alert    bool
	}{
		// The examples.
		{"facebook partner", authorize(fbDialog, "client_id", "174829003346", "redirect_uri", "https://accounts.spotify.com/login/facebook", "scope", "email,user_friends"),
			"facebook", "spotify.com", "email user_friends", "medium", "spotify", true},
		{"google gmail", authorize(googleAuth, "client_id", "1.apps.googleusercontent.com", "redirect_uri", "https://www.example-shop.test/cb", "scope", "openid email "+gmailRead, "response_type", "code"),
			"google", "example-shop.test", "openid email " + gmailRead, "high", "", false},
		// A partner of one platform signing in with another: named, no alert.
		{"partner, other platform", authorize(googleAuth, "client_id", "1", "redirect_uri", "https://www.spotify.com/cb", "scope", "email"),
			"google", "spotify.com", "email", "low", "spotify", false},
		// Plain http (the end-to-end tests serve authorize pages locally).
		{"http endpoint", authorize("http://www.facebook.com/v19.0/dialog/oauth", "client_id", "1", "redirect_uri", "http://www.netflix.com/cb"),
			"facebook", "netflix.com", "", "low", "netflix", true},
		// The redirect URI names the site; look-alikes do not borrow a partner.
		{"userinfo in redirect", authorize(fbDialog, "client_id", "1", "redirect_uri", "https://spotify.com@evil.example/cb"),
			"facebook", "evil.example", "", "low", "", false},
		{"partner as subdomain", authorize(fbDialog, "client_id", "1", "redirect_uri", "https://spotify.com.evil.example/cb"),
			"facebook", "evil.example", "", "low", "", false},
		{"partner in query", authorize(fbDialog, "client_id", "1", "redirect_uri", "https://evil.example/cb?next=https://spotify.com/"),
			"facebook", "evil.example", "", "low", "", false},
		{"partner in path", authorize(fbDialog, "client_id", "1", "redirect_uri", "https://evil.example/spotify.com/cb"),
			"facebook", "evil.example", "", "low", "", false},
		{"no redirect", authorize(fbDialog, "client_id", "1", "scope", "email"),
			"facebook", "", "email", "low", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, raw := inspectURL(t, c, tt.url)
			if !r.OK || r.Consent == nil {
				t.Fatalf("no consent: %s", raw)
			}
			k := r.Consent
			var names []string
			for _, s := range k.Request.Scopes {
				names = append(names, s.Name)
				if s.Label == "" || s.Severity == "" {
					t.Errorf("scope %q without a label or severity", s.Name)
				}
			}
			partner := ""
			if k.Partner != nil {
				partner = k.Partner.ID
			}
			if k.Request.Provider != tt.provider || k.Request.RedirectSite != tt.site || strings.Join(names, " ") != tt.scopes ||
				k.Request.Severity != tt.severity || partner != tt.partner || k.Alert != tt.alert {
				t.Errorf("got %s site %q scopes %q severity %s partner %q alert %v\nwant %s site %q scopes %q severity %s partner %q alert %v",
					k.Request.Provider, k.Request.RedirectSite, strings.Join(names, " "), k.Request.Severity, partner, k.Alert,
					tt.provider, tt.site, tt.scopes, tt.severity, tt.partner, tt.alert)
			}
			if k.Alert != (len(k.Grants) > 0) {
				t.Errorf("alert %v with grants %v", k.Alert, k.Grants)
			}
			for _, g := range k.Grants {
				if g < 0 || k.Partner == nil || g >= len(k.Partner.Grants) || k.Partner.Grants[g].Platform != tt.provider {
					t.Errorf("grant index %d does not name a %s grant", g, tt.provider)
				}
			}
			// The contract says never nil: scopes and grants are arrays.
			if !bytes.Contains(raw, []byte(`"scopes":[`)) || !bytes.Contains(raw, []byte(`"grants":[`)) || bytes.Contains(raw, []byte("null")) {
				t.Errorf("consent JSON: %s", raw)
			}
		})
	}
}

// TestInspectHighSeverity checks that the scopes a consent warning singles
// out are the ones the catalogue rates high.
func TestInspectHighSeverity(t *testing.T) {
	c := defaultCore(t)
	tests := []struct {
		name string
		url  string
		high []string
	}{
		{"gmail", authorize(googleAuth, "client_id", "1", "redirect_uri", "https://a.example/cb", "scope", "email "+gmailRead), []string{gmailRead}},
		{"profile only", authorize(googleAuth, "client_id", "1", "redirect_uri", "https://a.example/cb", "scope", "openid email profile"), nil},
		{"facebook basic", authorize(fbDialog, "client_id", "1", "redirect_uri", "https://a.example/cb", "scope", "public_profile,email"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, raw := inspectURL(t, c, tt.url)
			if r.Consent == nil {
				t.Fatalf("no consent: %s", raw)
			}
			var high []string
			for _, s := range r.Consent.Request.Scopes {
				if s.Severity == "high" {
					high = append(high, s.Name)
				}
			}
			if strings.Join(high, " ") != strings.Join(tt.high, " ") {
				t.Errorf("high scopes %q, want %q", high, tt.high)
			}
			if (r.Consent.Request.Severity == "high") != (len(tt.high) > 0) {
				t.Errorf("severity %q with high scopes %q", r.Consent.Request.Severity, high)
			}
		})
	}
}

// TestInspectNotConsent checks URLs that a page may navigate to, open or
// forge, which are not consent screens: the answer is ok with no consent.
func TestInspectNotConsent(t *testing.T) {
	c := defaultCore(t)
	tests := []struct{ name, url string }{
		// Look-alikes of an authorize URL.
		{"look-alike host", "https://www.facebook.com.evil.example/v19.0/dialog/oauth?client_id=1"},
		{"userinfo host", "https://www.facebook.com@evil.example/v19.0/dialog/oauth?client_id=1"},
		{"provider in path", "https://evil.example/www.facebook.com/v19.0/dialog/oauth?client_id=1"},
		{"provider in query", "https://evil.example/?u=https://www.facebook.com/v19.0/dialog/oauth%3Fclient_id%3D1"},
		{"other port", "https://www.facebook.com:8443/v19.0/dialog/oauth?client_id=1"},
		{"other path", "https://www.facebook.com/spotify"},
		// Other schemes.
		{"javascript", "javascript:location='https://www.facebook.com/v19.0/dialog/oauth?client_id=1'"},
		{"data", "data:text/html,<a href=https://www.facebook.com/v19.0/dialog/oauth>x</a>"},
		{"about", "about:blank"},
		{"extension", "chrome-extension://abc/options/options.html"},
		// Oversized: refused by the parser's bound, not an error.
		{"huge", fbDialog + "?client_id=1&scope=" + strings.Repeat("a", 9000)},
		// Not a URL.
		{"garbage", "%%%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, raw := inspectURL(t, c, tt.url)
			if !r.OK || r.Consent != nil || r.Error != nil {
				t.Errorf("want ok with no consent, got %s", raw)
			}
		})
	}
}

// TestInspectBounds checks that a hostile authorize URL cannot make the
// answer unbounded.
func TestInspectBounds(t *testing.T) {
	c := defaultCore(t)
	scopes := make([]string, 1000)
	for i := range scopes {
		scopes[i] = "s" + strings.Repeat("x", i%7)
	}
	r, raw := inspectURL(t, c, authorize(fbDialog, "client_id", "1", "redirect_uri", "https://a.example/cb", "scope", strings.Join(scopes, ",")))
	if r.Consent == nil {
		t.Fatalf("no consent: %.200s", raw)
	}
	if n := len(r.Consent.Request.Scopes); n == 0 || n > 200 {
		t.Errorf("%d scopes kept, want 1..200", n)
	}
	if len(raw) > 64<<10 {
		t.Errorf("answer of %d bytes for one URL", len(raw))
	}
	// Malformed requests are errors as data.
	for name, req := range map[string]string{"not JSON": "{", "wrong type": `{"url":1}`, "no url": `{}`} {
		if r := parse(t, c.Inspect([]byte(req))); r.OK || code(r) != CodeBadRequest || r.Error.Message == "" {
			t.Errorf("%s: %+v", name, r.Error)
		}
	}
}
