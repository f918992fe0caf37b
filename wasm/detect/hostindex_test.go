package detect

import (
	"slices"
	"testing"
)

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
	// The memo of the last host never answers for a different host.
	var memo hostMemo
	for _, tt := range []struct{ raw, host string }{
		{"https://m.me/a", "m.me"},
		{"https://m.me/b?x", "m.me"},
		{"https://m.me.evil.io/a", "m.me.evil.io"},
		{"https://m.me:8080/a", "m.me"},
		{"https://m.mee/a", "m.mee"},
		{"https://user@m.me/a", "m.me"},
		{"https://M.ME/a", "m.me"},
		{"https://m.me", "m.me"},
		{"https://m.me#x", "m.me"},
	} {
		p, ok := splitURLMemo(tt.raw, &memo)
		if !ok || p.host != tt.host {
			t.Errorf("splitURLMemo(%q) host %q, %v; want %q", tt.raw, p.host, ok, tt.host)
		}
	}
}
