package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  string // a substring of the error message; "" for success
	}{
		// Already canonical.
		{"spotify.com", "spotify.com", ""},
		{"open.spotify.com", "open.spotify.com", ""},
		{"localhost", "localhost", ""},
		{"_dmarc.example.com", "_dmarc.example.com", ""},
		{"-leading-hyphen.blogspot.com", "-leading-hyphen.blogspot.com", ""},

		// Case.
		{"Spotify.COM", "spotify.com", ""},
		{"WWW.FACEBOOK.COM", "www.facebook.com", ""},

		// IDN.
		{"bücher.de", "xn--bcher-kva.de", ""},
		{"BÜCHER.de", "xn--bcher-kva.de", ""},
		{"例え.jp", "xn--r8jz45g.jp", ""},
		{"www.Bücher.DE", "www.xn--bcher-kva.de", ""},
		{"xn--bcher-kva.de", "xn--bcher-kva.de", ""},
		{"XN--BCHER-KVA.DE", "xn--bcher-kva.de", ""},
		{"ｅｘａｍｐｌｅ.com", "example.com", ""},
		{"例え。jp", "xn--r8jz45g.jp", ""},
		{"правительство.рф", "xn--80aealotwbjpid2k.xn--p1ai", ""},

		// Trailing dots.
		{"spotify.com.", "spotify.com", ""},
		{"Spotify.com.:443", "spotify.com", ""},
		{"spotify.com..", "", "empty label"},
		{".", "", "empty host"},

		// Ports.
		{"spotify.com:443", "spotify.com", ""},
		{"spotify.com:", "spotify.com", ""},
		{"spotify.com:0443", "spotify.com", ""},
		{"spotify.com:65536", "", "invalid port"},
		{"spotify.com:https", "", "invalid port"},
		{":443", "", "empty host"},

		// IPv4.
		{"127.0.0.1", "127.0.0.1", ""},
		{"127.0.0.1:8080", "127.0.0.1", ""},
		{"0x7f.1", "127.0.0.1", ""},
		{"0177.0.0.1", "127.0.0.1", ""},
		{"2130706433", "127.0.0.1", ""},
		{"1.2.3.4.", "1.2.3.4", ""},
		{"256.1.1.1", "", "invalid IPv4"},
		{"1.2.3.4.5", "", "invalid IPv4"},
		{"evil.123", "", "invalid IPv4"},
		{"08.1.1.1", "", "invalid IPv4"},

		// IPv6.
		{"[::1]", "::1", ""},
		{"[::1]:443", "::1", ""},
		{"[2001:DB8::0001]", "2001:db8::1", ""},
		{"[::FFFF:1.2.3.4]", "::ffff:102:304", ""},
		{"2001:db8::1", "2001:db8::1", ""},
		{"[::1", "", "missing ']'"},
		{"[::1]x", "", "invalid port"},
		{"[1.2.3.4]", "", "invalid IPv6"},
		{"[fe80::1%25eth0]", "", "zone"},
		{"fe80::1%eth0", "", "zone"},

		// Look-alikes stay what they are.
		{"spotify.com.evil.io", "spotify.com.evil.io", ""},
		{"notspotify.com", "notspotify.com", ""},

		// Empty labels and hosts.
		{"", "", "empty host"},
		{"a..b", "", "empty label"},
		{".spotify.com", "", "empty label"},

		// Invalid characters.
		{"spo tify.com", "", "invalid character"},
		{"spotify.com/", "", "invalid character"},
		{"spotify%2ecom", "", "invalid character"},
		{"a@b.com", "", "invalid character"},
		{"bü★cher.de", "", "invalid character"},
		{"\xff.com", "", "invalid UTF-8"},

		// Length limits.
		{strings.Repeat("a", 63) + ".com", strings.Repeat("a", 63) + ".com", ""},
		{strings.Repeat("a", 64) + ".com", "", "label"},
		{strings.Repeat("ü", 60) + ".com", "", "over the limit of 63"},
		{strings.Repeat("a.", 126) + "a", strings.Repeat("a.", 126) + "a", ""},
		{strings.Repeat("a.", 126) + "ab", "", "over the limit of 253"},
	} {
		got, err := Normalize(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Normalize(%q) = %q, %v; want an error containing %q", tc.in, got, err, tc.err)
		}
		var de *Error
		if err != nil && (!errors.As(err, &de) || de.Input != tc.in) {
			t.Errorf("Normalize(%q) error %v is not an *Error for the input", tc.in, err)
		}
	}
}

func TestNormalizeFastPathDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := Normalize("open.spotify.com"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Normalize of a canonical host allocates %v times", allocs)
	}
}
