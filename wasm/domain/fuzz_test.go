package domain

import (
	"strings"
	"testing"
)

// Fuzz targets check invariants that hold for any input. Run one with, for
// example, `go test -run '^$' -fuzz FuzzNormalize -fuzztime 20s ./wasm/domain`.

// fuzzSeeds are hosts worth starting from.
var fuzzSeeds = []string{
	"spotify.com", "Open.Spotify.COM.", "spotify.com.evil.io", "notspotify.com",
	"bücher.de", "例え.jp", "ｅｘａｍｐｌｅ.com", "例え。jp", "xn--bcher-kva.de",
	"evil.github.io", "github.io", "myblog.blogspot.com", "app.herokuapp.com", "p.appspot.com",
	"a.b.ck", "www.ck", "a.city.kawasaki.jp", "a.b.example.co.uk", "co.uk",
	"127.0.0.1", "0x7f.1", "[::1]:443", "2001:db8::1", "fe80::1%eth0",
	"a..b", ".", "", "spotify.com:443", strings.Repeat("a", 64) + ".com",
	// Homoglyphs, NUL and invalid UTF-8 (the checklist's A1 seeds).
	"ѕpotify.com", "spotıfy.com", "xn--spotfy-3ya.com", "spotify.com\x00.evil.io", "spotify\xff.com", "\ufeffspotify.com",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		n, err := Normalize(host)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Normalize(%q) error %T is not *Error", host, err)
			}
			return
		}
		again, err := Normalize(n)
		if err != nil || again != n {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q, %v", host, n, n, again, err)
		}
		if IsIP(n) {
			return
		}
		if len(n) > maxHostLen {
			t.Fatalf("Normalize(%q) = %q: %d bytes", host, n, len(n))
		}
		for _, label := range strings.Split(n, ".") {
			if label == "" || len(label) > maxLabelLen {
				t.Fatalf("Normalize(%q) = %q: bad label %q", host, n, label)
			}
			for i := 0; i < len(label); i++ {
				if !isLabelByte(label[i]) {
					t.Fatalf("Normalize(%q) = %q: byte %q", host, n, label[i])
				}
			}
		}
	})
}

func FuzzHostOf(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add("https://" + s + "/")
	}
	for _, s := range []string{
		"https://spotify.com@evil.io/", `https://spotify.com\@evil.io/`, "//x.com/a",
		"HTTPS:evil.io", "ftp://a", "https://[::1]:80/", "https://%65vil.io",
		" ht\ttps://a.b ", "wss://u:p@h:1/#x", "https://evil%2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rawURL string) {
		h, err := HostOf(rawURL)
		if err != nil {
			return
		}
		if n, err := Normalize(h); err != nil || n != h {
			t.Fatalf("HostOf(%q) = %q, not normalised: Normalize gives %q, %v", rawURL, h, n, err)
		}
		authority := h
		if strings.Contains(h, ":") {
			authority = "[" + h + "]"
		}
		if back, err := HostOf("https://" + authority + "/"); err != nil || back != h {
			t.Fatalf("HostOf(%q) = %q, but HostOf of its own URL gives %q, %v", rawURL, h, back, err)
		}
	})
}

func FuzzRegistrable(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		// Raw input must not panic, whatever it holds.
		_, _ = Registrable(host)
		_, _ = PublicSuffix(host)
		n, err := Normalize(host)
		if err != nil {
			return
		}
		suffix, _ := PublicSuffix(n)
		if !strings.HasSuffix(n, suffix) {
			t.Fatalf("PublicSuffix(%q) = %q, not a suffix", n, suffix)
		}
		r, err := Registrable(n)
		if err != nil {
			if suffix != n {
				t.Fatalf("Registrable(%q) failed (%v) but its public suffix is %q", n, err, suffix)
			}
			return
		}
		if r != n && !strings.HasSuffix(n, "."+r) {
			t.Fatalf("Registrable(%q) = %q, not a suffix at a label boundary", n, r)
		}
		if again, err := Registrable(r); err != nil || again != r {
			t.Fatalf("Registrable(%q) = %q, but Registrable(%q) = %q, %v", n, r, r, again, err)
		}
		if !IsIP(n) && !strings.HasSuffix(r, "."+suffix) {
			t.Fatalf("Registrable(%q) = %q does not end in its public suffix %q", n, r, suffix)
		}
	})
}
