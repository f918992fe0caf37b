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
		{"https://www.facebook.com/v18.0/dialog/oauth?client_id=1#x", urlParts{"www.facebook.com", "/v18.0/dialog/oauth", "client_id=1"}, true},
		{"HTTPS://WWW.Facebook.COM:443", urlParts{"www.facebook.com", "/", ""}, true},
		{"http://user:pw@m.me/page?x", urlParts{"m.me", "/page", "x"}, true},
		{"//connect.facebook.net/en_US/sdk.js", urlParts{"connect.facebook.net", "/en_US/sdk.js", ""}, true},
		{"https://facebook.com./a", urlParts{"facebook.com", "/a", ""}, true},
		// Not http(s), relative, or no host.
		{"javascript:void(0)", urlParts{}, false},
		{"mailto:a@b.c", urlParts{}, false},
		{"/auth/facebook", urlParts{}, false},
		{"https:///path", urlParts{}, false},
	}
	for _, tt := range tests {
		got, ok := splitURL(tt.raw)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("splitURL(%q) = %+v, %v; want %+v, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}
