package detect

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

type acHit struct{ id, end int }

// naiveFind is the slow reference: every occurrence of every needle, by
// strings.Index, sorted like the automaton reports them.
func naiveFind(needles []string, text string) []acHit {
	var hits []acHit
	for id, n := range needles {
		if n == "" {
			continue
		}
		for i := 0; i+len(n) <= len(text); i++ {
			if text[i:i+len(n)] == n {
				hits = append(hits, acHit{id, i + len(n)})
			}
		}
	}
	slices.SortFunc(hits, func(a, b acHit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.id - b.id
	})
	return hits
}

func acFind(m *acMatcher, text string) []acHit {
	var hits []acHit
	m.scanString(text, func(id, end int) { hits = append(hits, acHit{id, end}) })
	slices.SortFunc(hits, func(a, b acHit) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.id - b.id
	})
	return hits
}

func TestACMatcher(t *testing.T) {
	tests := []struct {
		needles []string
		text    string
	}{
		// Overlapping needles and needles inside needles.
		{[]string{"he", "she", "his", "hers"}, "ushers"},
		{[]string{"FB.login(", "FB.init(", "login("}, "window.fbAsyncInit=function(){FB.init({});FB.login(cb)}"},
		{[]string{"a", "aa", "aaa"}, "aaaa"},
		// No match, empty needles.
		{[]string{"", "xyz"}, "abc"},
		{[]string{"sign in with google"}, "sign in with googl"},
	}
	for _, tt := range tests {
		m := newACMatcher(tt.needles)
		got, want := acFind(m, tt.text), naiveFind(tt.needles, tt.text)
		if !slices.Equal(got, want) {
			t.Errorf("needles %q in %q: got %v, want %v", tt.needles, tt.text, got, want)
		}
	}
	if m := newACMatcher([]string{"", ""}); m != nil {
		t.Errorf("matcher of empty needles is not nil")
	}
}

// TestACMatcherRandom cross-checks the automaton with the naive search on
// random needles and texts over a small alphabet, where overlaps abound.
func TestACMatcherRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abc."[rng.Intn(4)])
		}
		return b.String()
	}
	for round := range 300 {
		needles := make([]string, 1+rng.Intn(8))
		for i := range needles {
			needles[i] = word(1 + rng.Intn(4))
		}
		text := word(rng.Intn(60))
		got, want := acFind(newACMatcher(needles), text), naiveFind(needles, text)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: needles %q in %q: got %v, want %v", round, needles, text, got, want)
		}
	}
}
