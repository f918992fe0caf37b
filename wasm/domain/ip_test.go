package domain

import (
	"math/rand"
	"net/netip"
	"testing"
)

func TestParseIPv6(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" when invalid
	}{
		// Compression.
		{"::", "::"},
		{"::1", "::1"},
		{"1::", "1::"},
		{"1:0:0:0:0:0:0:1", "1::1"},
		{"1:0:0:2:0:0:0:3", "1:0:0:2::3"},
		{"1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"},
		{"0:0:1:0:0:2:0:0", "::1:0:0:2:0:0"},

		// Case and leading zeros.
		{"2001:DB8::0001", "2001:db8::1"},
		{"2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"},

		// Embedded IPv4, serialised as hexadecimal like browsers do.
		{"::ffff:1.2.3.4", "::ffff:102:304"},
		{"::1.2.3.4", "::102:304"},
		{"::ffff:1.2.3", ""},
		{"::ffff:1.2.3.04", ""},
		{"::ffff:1.2.3.256", ""},
		{"1:2:3:4:5:6:7:1.2.3.4", ""},

		// Malformed.
		{"", ""},
		{":1", ""},
		{"1:", ""},
		{"1::2::3", ""},
		{"1:2:3:4:5:6:7:8:9", ""},
		{"1:2:3:4:5:6:7", ""},
		{"12345::", ""},
		{"g::", ""},
	} {
		pieces, ok := parseIPv6Pieces(tc.in)
		got := ""
		if ok {
			got = formatIPv6(pieces)
		}
		if got != tc.want {
			t.Errorf("parseIPv6Pieces(%q) formats as %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestIPv6MatchesNetip cross-checks the small parser and formatter against
// net/netip, which the WebAssembly build leaves out for size.
func TestIPv6MatchesNetip(t *testing.T) {
	rnd := rand.New(rand.NewSource(4))
	for range 20000 {
		var b [16]byte
		for i := 0; i < 16; i += 2 {
			if rnd.Intn(2) == 0 { // many zero pieces, to exercise "::"
				b[i], b[i+1] = byte(rnd.Intn(256)), byte(rnd.Intn(256))
			}
		}
		a := netip.AddrFrom16(b)
		pieces, ok := parseIPv6Pieces(a.StringExpanded())
		if !ok {
			t.Fatalf("parseIPv6Pieces(%q) failed", a.StringExpanded())
		}
		got := formatIPv6(pieces)
		if a.Is4In6() {
			// netip writes the IPv4 part in dotted form; parse it back.
			if again, ok := parseIPv6Pieces(a.String()); !ok || formatIPv6(again) != got {
				t.Errorf("%s: %q and %q differ", a, got, formatIPv6(again))
			}
			continue
		}
		if got != a.String() {
			t.Errorf("formatIPv6(%s) = %q, netip = %q", a.StringExpanded(), got, a.String())
		}
		if back, err := netip.ParseAddr(got); err != nil || back != a {
			t.Errorf("netip reads %q as %v, %v; want %v", got, back, err, a)
		}
	}
}
