package domain

import "testing"

// benchHosts mixes short and long hosts, ICANN and private suffixes, a
// wildcard rule and an unlisted TLD.
var benchHosts = []string{
	"www.facebook.com",
	"open.spotify.com",
	"a.b.example.co.uk",
	"evil.github.io",
	"x.y.compute.amazonaws.com",
	"a.city.kawasaki.jp",
	"intranet.corp",
	"static.xx.fbcdn.net",
}

func BenchmarkRegistrable(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Registrable(benchHosts[i%len(benchHosts)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	for _, bc := range []struct{ name, host string }{
		{"canonical", "open.spotify.com"},
		{"upper-port", "Open.Spotify.COM:443"},
		{"idn", "www.bücher.de"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Normalize(bc.host); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHostOf(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HostOf("https://connect.facebook.net/en_US/sdk.js?version=v19.0"); err != nil {
			b.Fatal(err)
		}
	}
}
