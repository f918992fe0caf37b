package domain

import (
	"strings"
	"testing"
)

func TestRegistrable(t *testing.T) {
	for _, tc := range []struct {
		host string
		want string
		err  string // a substring of the error message; "" for success
	}{
		// ICANN suffixes.
		{"spotify.com", "spotify.com", ""},
		{"open.spotify.com", "spotify.com", ""},
		{"a.b.example.co.uk", "example.co.uk", ""},
		{"example.co.uk", "example.co.uk", ""},
		{"www.rbc.com", "rbc.com", ""},
		{"xn--bcher-kva.de", "xn--bcher-kva.de", ""},
		{"www.xn--r8jz45g.jp", "xn--r8jz45g.jp", ""},

		// Look-alikes belong to their real owner.
		{"spotify.com.evil.io", "evil.io", ""},
		{"notspotify.com", "notspotify.com", ""},

		// Private suffixes: each customer is its own registrable domain.
		{"evil.github.io", "evil.github.io", ""},
		{"a.evil.github.io", "evil.github.io", ""},
		{"myblog.blogspot.com", "myblog.blogspot.com", ""},
		{"app.herokuapp.com", "app.herokuapp.com", ""},
		{"x.app.herokuapp.com", "app.herokuapp.com", ""},
		{"project.appspot.com", "project.appspot.com", ""},
		{"github.com", "github.com", ""},

		// Wildcard and exception rules.
		{"a.b.ck", "a.b.ck", ""},
		{"x.a.b.ck", "a.b.ck", ""},
		{"www.ck", "www.ck", ""},
		{"x.www.ck", "www.ck", ""},
		{"city.kawasaki.jp", "city.kawasaki.jp", ""},
		{"a.city.kawasaki.jp", "city.kawasaki.jp", ""},
		{"a.b.kawasaki.jp", "a.b.kawasaki.jp", ""},
		{"x.y.compute.amazonaws.com", "x.y.compute.amazonaws.com", ""},

		// Hosts no rule matches fall back to the last label.
		{"intranet.corp", "intranet.corp", ""},
		{"a.b.corp", "b.corp", ""},

		// IP addresses are their own registrable domain.
		{"127.0.0.1", "127.0.0.1", ""},
		{"2001:db8::1", "2001:db8::1", ""},
		{"::1", "::1", ""},

		// Public suffixes themselves.
		{"com", "", "public suffix"},
		{"co.uk", "", "public suffix"},
		{"github.io", "", "public suffix"},
		{"blogspot.com", "", "public suffix"},
		{"b.ck", "", "public suffix"},
		{"localhost", "", "public suffix"},

		// Not normalised.
		{"", "", "empty host"},
		{"a..b.com", "", "empty label"},
		{"spotify.com.", "", "empty label"},
		{".spotify.com", "", "empty label"},
	} {
		got, err := Registrable(tc.host)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("Registrable(%q) = %q, %v; want %q", tc.host, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Registrable(%q) = %q, %v; want an error containing %q", tc.host, got, err, tc.err)
		}
	}
}

func TestPublicSuffix(t *testing.T) {
	for _, tc := range []struct {
		host   string
		suffix string
		icann  bool
	}{
		// ICANN section.
		{"spotify.com", "com", true},
		{"a.b.example.co.uk", "co.uk", true},
		{"co.uk", "co.uk", true},
		{"www.xn--r8jz45g.jp", "jp", true},

		// Private section.
		{"evil.github.io", "github.io", false},
		{"github.io", "github.io", false},
		{"myblog.blogspot.com", "blogspot.com", false},
		{"app.herokuapp.com", "herokuapp.com", false},
		{"project.appspot.com", "appspot.com", false},
		{"x.y.compute.amazonaws.com", "y.compute.amazonaws.com", false},

		// Wildcard and exception rules.
		{"a.b.ck", "b.ck", true},
		{"www.ck", "ck", true},
		{"a.city.kawasaki.jp", "kawasaki.jp", true},
		{"a.b.kawasaki.jp", "b.kawasaki.jp", true},

		// The implicit rule "*" is not ICANN.
		{"intranet.corp", "corp", false},
		{"localhost", "localhost", false},
		{"ck", "ck", false},

		// No suffix for IPs and empty hosts.
		{"127.0.0.1", "", false},
		{"::1", "", false},
		{"", "", false},
	} {
		suffix, icann := PublicSuffix(tc.host)
		if suffix != tc.suffix || icann != tc.icann {
			t.Errorf("PublicSuffix(%q) = %q, %v; want %q, %v", tc.host, suffix, icann, tc.suffix, tc.icann)
		}
	}
}

func TestIsIP(t *testing.T) {
	for _, tc := range []struct {
		host string
		want bool
	}{
		// IPv4.
		{"127.0.0.1", true},
		{"255.255.255.255", true},
		{"256.0.0.1", false},
		{"1.2.3", false},
		{"01.2.3.4", false},

		// IPv6.
		{"::1", true},
		{"2001:db8::1", true},
		{"[::1]", true},
		{"::ffff:1.2.3.4", true},
		{"1::2::3", false},
		{"fe80::1%eth0", false},
		{"[1.2.3.4]", false},

		// Names.
		{"example.com", false},
		{"1.2.3.4.example", false},
		{"", false},
		{"[]", false},
	} {
		if got := IsIP(tc.host); got != tc.want {
			t.Errorf("IsIP(%q) = %v, want %v", tc.host, got, tc.want)
		}
	}
}
