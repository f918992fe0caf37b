package detect

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

func setFind(m *substringSet, text string) []acHit {
	var hits []acHit
	m.scan(text, func(id, end int) { hits = append(hits, acHit{id, end}) })
	slices.SortFunc(hits, func(a, b acHit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.id - b.id
	})
	return hits
}

func TestSubstringSet(t *testing.T) {
	tests := []struct {
		needles []string
		text    string
	}{
		// SDK calls in a script.
		{[]string{"FB.login(", "FB.init(", "login("}, "window.fbAsyncInit=function(){FB.init({});FB.login(cb)}"},
		{[]string{"google.accounts.id.initialize(", "gapi.auth2.init("}, "google.accounts.id.initialize({client_id:1});gapi.auth2.init()"},
		// At the very start and end, overlapping, repeated.
		{[]string{"ab", "abc", "bc"}, "abcabc"},
		{[]string{"aaa", "aa"}, "aaaaa"},
		// One-byte needles, empty needles, a text shorter than a needle.
		{[]string{"x", "", "xyz"}, "axbxyz"},
		{[]string{"xy", "abcd"}, "xyabcdxy"},
		{[]string{"longneedle"}, "long"},
		{[]string{"Intercom('boot'", "Intercom(\"boot\""}, `window.Intercom("boot",{app_id:"x"})`},
	}
	for _, tt := range tests {
		got, want := setFind(newSubstringSet(tt.needles), tt.text), naiveFind(tt.needles, tt.text)
		if !slices.Equal(got, want) {
			t.Errorf("needles %q in %q: got %v, want %v", tt.needles, tt.text, got, want)
		}
	}
	if newSubstringSet([]string{""}) != nil {
		t.Errorf("set of empty needles is not nil")
	}
}

// TestSubstringSetRandom cross-checks the set with the naive search.
func TestSubstringSetRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abc.("[rng.Intn(5)])
		}
		return b.String()
	}
	for round := range 500 {
		needles := make([]string, 1+rng.Intn(8))
		for i := range needles {
			needles[i] = word(1 + rng.Intn(6))
		}
		text := word(rng.Intn(80))
		got, want := setFind(newSubstringSet(needles), text), naiveFind(needles, text)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: needles %q in %q: got %v, want %v", round, needles, text, got, want)
		}
	}
}
