package detect

import (
	"slices"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// splitURL splits an absolute http(s) URL the way hostCache.resolve reads
// one, for the tests. It reports false for other schemes, relative URLs and
// hosts that do not normalise.
func splitURL(raw string) (urlParts, bool) {
	authority, rest, ok := splitAuthority(raw)
	if !ok {
		return urlParts{}, false
	}
	host, err := domain.Normalize(authority)
	if err != nil || host == "" {
		return urlParts{}, false
	}
	p := urlParts{host: host, rest: rest}
	p.pathQuery()
	return p, true
}

func TestHostIndex(t *testing.T) {
	x := newHostIndex()
	for id, p := range []string{"connect.facebook.net", "*.facebook.com", "*.intercom.io", "m.me", "Accounts.Google.com."} {
		if !x.add(p, int32(id)) {
			t.Fatalf("add(%q) refused", p)
		}
	}
	tests := []struct {
		host string
		want []int32
	}{
		// Exact hosts.
		{"connect.facebook.net", []int32{0}},
		{"m.me", []int32{3}},
		{"accounts.google.com", []int32{4}},
		{"facebook.net", nil},
		{"x.m.me", nil},
		// Suffix patterns match the domain itself and any subdomain.
		{"facebook.com", []int32{1}},
		{"www.facebook.com", []int32{1}},
		{"a.b.facebook.com", []int32{1}},
		{"widget.intercom.io", []int32{2}},
		// Look-alikes do not.
		{"facebook.com.evil.io", nil},
		{"notfacebook.com", nil},
		{"intercom.io.example", nil},
	}
	for _, tt := range tests {
		got := x.lookup(nil, tt.host)
		if !slices.Equal(got, tt.want) {
			t.Errorf("lookup(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	// Patterns the index cannot hold are refused.
	for _, bad := range []string{"", "*", "*.", "face*.com", "a/b", ".x.com"} {
		if x.add(bad, 9) {
			t.Errorf("add(%q) accepted", bad)
		}
	}
}

func TestSplitURL(t *testing.T) {
	tests := []struct {
		raw  string
		want urlParts
		ok   bool
	}{
		{"https://www.facebook.com/v18.0/dialog/oauth?client_id=1#x", urlParts{host: "www.facebook.com", path: "/v18.0/dialog/oauth", query: "client_id=1"}, true},
		{"HTTPS://WWW.Facebook.COM:443", urlParts{host: "www.facebook.com", path: "/", query: ""}, true},
		{"http://user:pw@m.me/page?x", urlParts{host: "m.me", path: "/page", query: "x"}, true},
		{"//connect.facebook.net/en_US/sdk.js", urlParts{host: "connect.facebook.net", path: "/en_US/sdk.js", query: ""}, true},
		{"https://facebook.com./a", urlParts{host: "facebook.com", path: "/a", query: ""}, true},
		// Not http(s), relative, or no host.
		{"javascript:void(0)", urlParts{}, false},
		{"mailto:a@b.c", urlParts{}, false},
		{"/auth/facebook", urlParts{}, false},
		{"https:///path", urlParts{}, false},
	}
	for _, tt := range tests {
		got, ok := splitURL(tt.raw)
		got.rest = ""
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("splitURL(%q) = %+v, %v; want %+v, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

// TestHostCache checks that the cache of one page's hosts never answers for
// a different host, whatever order URLs come in.
func TestHostCache(t *testing.T) {
	e := mustCompile(t, testList())
	c := newHostCache(e, "shop.example.com")
	for _, tt := range []struct {
		raw, host, rest string
		ok, indexed     bool
	}{
		{"https://m.me/a", "m.me", "/a", true, true},
		{"https://m.me/b?x", "m.me", "/b?x", true, true},
		{"https://m.me.evil.io/a", "m.me.evil.io", "/a", true, false},
		{"https://m.me:8080/a", "m.me", "/a", true, true},
		{"https://m.mee/a", "m.mee", "/a", true, false},
		{"https://user@m.me/a", "m.me", "/a", true, true},
		{"https://M.ME/a", "m.me", "/a", true, true},
		{"https://m.me", "m.me", "", true, true},
		{"https://m.me#x", "m.me", "#x", true, true},
		{"https://evil.io\\@m.me/", "evil.io", "\\@m.me/", true, false},
		{"/auth/google", "shop.example.com", "/auth/google", true, false},
		{"https://www.facebook.com/x", "www.facebook.com", "/x", true, true},
		{"https://bad host/", "", "", false, false},
		{"mailto:a@m.me", "", "", false, false},
		{"https://m.me/again", "m.me", "/again", true, true},
	} {
		en, rest, ok := c.resolve(tt.raw)
		if ok != tt.ok {
			t.Errorf("resolve(%q) ok %v, want %v", tt.raw, ok, tt.ok)
			continue
		}
		if ok && (en.host != tt.host || rest != tt.rest || (len(en.ids) > 0) != tt.indexed) {
			t.Errorf("resolve(%q) = %q %q indexed %v; want %q %q %v", tt.raw, en.host, rest, len(en.ids) > 0, tt.host, tt.rest, tt.indexed)
		}
	}
}
