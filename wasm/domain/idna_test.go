//go:build !js

package domain

import (
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/net/idna"
)

// This host-only file checks the small IDN converter against
// golang.org/x/net/idna, which the WebAssembly build leaves out for size.

// idnaAlphabets are scripts for which lower-casing plus punycode is all that
// UTS #46 does, so Normalize must agree with idna.Lookup exactly.
var idnaAlphabets = []string{
	"abcdefghijklmnopqrstuvwxyz0123456789",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"äöüéèêàçñøåæÄÖÜÉÑ",
	"абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЕЖЗ",
	"αβγδεζηθικλμνξοπρτυφχψωΑΒΓΔΕ",
	"例え日本語中文网站测试",
	"ひらがなカタカナ",
	"한국어도메인",
	"ąćęłńóśźżĄĆĘŁŃ",
	"ğışçöüĞŞÇ",
}

func TestNormalizeMatchesIDNA(t *testing.T) {
	hosts := []string{
		// Well-known IDN hosts.
		"bücher.de", "BÜCHER.de", "例え.jp", "müller.example", "правительство.рф",
		"日本語.jp", "한국.kr", "ελληνικά.gr", "straße.de", "faß.de",
		// Mixed ASCII and Unicode labels.
		"www.bücher.de", "Bücher-Shop.de", "xn--bcher-kva.de",
		// Full-width ASCII and ideographic full stops.
		"ｅｘａｍｐｌｅ.com", "例え。jp", "bücher．de",
	}
	rnd := rand.New(rand.NewSource(2))
	for range 3000 {
		var labels []string
		for range 1 + rnd.Intn(3) {
			alphabet := []rune(idnaAlphabets[rnd.Intn(len(idnaAlphabets))])
			var b strings.Builder
			for range 1 + rnd.Intn(12) {
				b.WriteRune(alphabet[rnd.Intn(len(alphabet))])
			}
			labels = append(labels, b.String())
		}
		hosts = append(hosts, strings.Join(labels, ".")+".com")
	}
	checked := 0
	for _, h := range hosts {
		want, err := idna.Lookup.ToASCII(h)
		if err != nil {
			// idna's Lookup profile rejects some labels this package accepts
			// (none in this alphabet set so far); do not compare those.
			t.Logf("idna rejects %q: %v", h, err)
			continue
		}
		checked++
		got, err := Normalize(h)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; idna.Lookup.ToASCII = %q", h, got, err, want)
		}
	}
	if checked < len(hosts)*9/10 {
		t.Errorf("idna accepted only %d of %d hosts", checked, len(hosts))
	}
}

func TestPunycodeMatchesIDNA(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	all := []rune(strings.Join(idnaAlphabets, "") + "-\U0001F600\u00ad\u0300\uffff")
	for range 5000 {
		label := make([]rune, 1+rnd.Intn(20))
		for i := range label {
			label[i] = all[rnd.Intn(len(all))]
		}
		got, err := punyEncode(label)
		if err != nil {
			t.Fatalf("punyEncode(%q): %v", string(label), err)
		}
		// The Punycode profile only encodes; it does not map or validate.
		want, err := idna.Punycode.ToASCII(string(label))
		if err != nil {
			t.Fatalf("idna.Punycode.ToASCII(%q): %v", string(label), err)
		}
		if isASCII(string(label)) {
			if want != string(label) {
				t.Fatalf("idna changed ASCII label %q to %q", string(label), want)
			}
			continue
		}
		if acePrefix+got != want {
			t.Errorf("punyEncode(%q) = %q, idna = %q", string(label), acePrefix+got, want)
		}
	}
}
