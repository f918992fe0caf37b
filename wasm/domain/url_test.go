package domain

import (
	"strings"
	"testing"
)

func TestHostOf(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  string // a substring of the error message; "" for success
	}{
		// Schemes.
		{"https://open.spotify.com/embed", "open.spotify.com", ""},
		{"http://example.com", "example.com", ""},
		{"wss://chat.example.com/socket", "chat.example.com", ""},
		{"ws://chat.example.com", "chat.example.com", ""},
		{"HTTPS://WWW.Facebook.COM/login", "www.facebook.com", ""},
		{"ftp://example.com/", "", "unsupported scheme"},
		{"javascript:alert(1)", "", "unsupported scheme"},
		{"data:text/html,hi", "", "unsupported scheme"},
		{"chrome-extension://abc/x", "", "unsupported scheme"},

		// Scheme-relative and relative URLs.
		{"//connect.facebook.net/en_US/sdk.js", "connect.facebook.net", ""},
		{`\\connect.facebook.net\sdk.js`, "connect.facebook.net", ""},
		{"/path/only", "", "not an absolute"},
		{"example.com/path", "", "not an absolute"},
		{"", "", "not an absolute"},

		// Userinfo: the host follows the last "@".
		{"https://spotify.com@evil.io/", "evil.io", ""},
		{"https://user:pass@evil.io:8443/", "evil.io", ""},
		{"https://a@b@evil.io/", "evil.io", ""},
		{"https://evil.io/@spotify.com", "evil.io", ""},
		{"https://evil.io?@spotify.com", "evil.io", ""},
		{"https://evil.io#@spotify.com", "evil.io", ""},
		{`https://spotify.com\@evil.io/`, "spotify.com", ""},
		{"https://@evil.io", "evil.io", ""},

		// Look-alike hosts.
		{"https://spotify.com.evil.io/", "spotify.com.evil.io", ""},
		{"https://notspotify.com/", "notspotify.com", ""},

		// Ports.
		{"https://example.com:443/", "example.com", ""},
		{"https://example.com:/", "example.com", ""},
		{"https://example.com:99999/", "", "invalid port"},
		{"https://example.com:443x/", "", "invalid port"},

		// IPv4 and IPv6 literals.
		{"http://127.0.0.1:8080/", "127.0.0.1", ""},
		{"http://0x7f.1/", "127.0.0.1", ""},
		{"http://[::1]:8080/", "::1", ""},
		{"http://[2001:DB8::1]/x", "2001:db8::1", ""},
		{"http://[::1/", "", "missing ']'"},
		{"http://[::1]x/", "", "invalid port"},
		{"http://::1/", "", "invalid port"},

		// Percent-encoding.
		{"https://%65vil.io/", "evil.io", ""},
		{"https://ev%69l.%69o/", "evil.io", ""},
		{"https://b%C3%BCcher.de/", "xn--bcher-kva.de", ""},
		{"https://evil%2eio/", "evil.io", ""},
		{"https://evil%zz.io/", "", "percent-encoding"},
		{"https://evil%2/", "", "percent-encoding"},
		{"https://evil%2fx.io/", "", "invalid character"},
		{"https://evil%3a80/", "", "invalid host"},

		// What browsers strip or forgive.
		{"  https://example.com/  ", "example.com", ""},
		{"ht\ttps://exa\nmple.com/", "example.com", ""},
		{"https:example.com", "example.com", ""},
		{"https:///example.com", "example.com", ""},
		{`https:\\example.com`, "example.com", ""},

		// IDN and trailing dots.
		{"https://bücher.de./", "xn--bcher-kva.de", ""},
		{"https://例え.jp/", "xn--r8jz45g.jp", ""},

		// Empty or bad hosts.
		{"https://", "", "empty host"},
		{"https:///", "", "empty host"},
		{"https://user@/", "", "empty host"},
		{"https://:443/", "", "empty host"},
		{"https://a..b/", "", "empty label"},
		{"https://exa mple.com/", "", "invalid character"},
	} {
		got, err := HostOf(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("HostOf(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("HostOf(%q) = %q, %v; want an error containing %q", tc.in, got, err, tc.err)
		}
	}
}
