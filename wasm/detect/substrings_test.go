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

// oneCursor is scan with a single cursor over the whole text: the order scan
// must keep when it reads a long text with two.
func oneCursor(m *substringSet, text string) []acHit {
	var hits []acHit
	fn := func(id, end int) { hits = append(hits, acHit{id, end}) }
	for _, id := range m.short {
		n := m.needles[id]
		for i := 0; i+len(n) <= len(text); i++ {
			if text[i:i+len(n)] == n {
				fn(int(id), i+len(n))
			}
		}
	}
	if len(m.ends) > 0 {
		m.scanRange(text, m.window-1, len(text), fn)
	}
	return hits
}

// TestSubstringSetTwoCursors cross-checks the two-cursor reading of long
// texts with the naive search (the same occurrences) and with one cursor
// (the same order), including occurrences across the middle.
func TestSubstringSetTwoCursors(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abc.(FB"[rng.Intn(7)])
		}
		return b.String()
	}
	for round := range 300 {
		needles := make([]string, 1+rng.Intn(10))
		for i := range needles {
			needles[i] = word(1 + rng.Intn(9))
		}
		text := word(twoCursorBytes + rng.Intn(3*twoCursorBytes))
		if round%3 == 0 {
			// A needle right across the middle.
			n := needles[0]
			mid := len(text) / 2
			at := max(0, mid-len(n)/2)
			text = text[:at] + n + text[at+len(n):]
		}
		m := newSubstringSet(needles)
		var seq []acHit
		m.scan(text, func(id, end int) { seq = append(seq, acHit{id, end}) })
		if want := oneCursor(m, text); !slices.Equal(seq, want) {
			t.Fatalf("round %d: needles %q: order %v, one cursor gives %v", round, needles, seq, want)
		}
		if got, want := setFind(m, text), naiveFind(needles, text); !slices.Equal(got, want) {
			t.Fatalf("round %d: needles %q in %q: got %v, want %v", round, needles, text, got, want)
		}
	}
}
