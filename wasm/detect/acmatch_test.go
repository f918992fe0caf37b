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
	m.scan([]byte(text), func(id, end int) { hits = append(hits, acHit{id, end}) })
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

// TestMayMatchFolded checks the raw-text prefilter against the exact
// answer (normalise, then search): it may say yes wrongly, never no.
func TestMayMatchFolded(t *testing.T) {
	needles := []string{"sign in with google", "continue with facebook", "log in", "x", "войти через vk"}
	m := newACMatcher(needles)
	tests := []struct {
		text string
		want bool // an exact match exists
	}{
		{"Sign In With Google", true},
		{"  SIGN\tin\n\n with   Google!", true},
		{"Continue with Facebook", true},
		{"LOG  IN", true},
		{"Войти через VK", true},
		{"nothing here", false},
		{"signin with google", false},
	}
	for _, tt := range tests {
		exact := false
		m.scan(appendNormText(nil, tt.text), func(int, int) { exact = true })
		if exact != tt.want {
			t.Fatalf("exact search of %q = %v, want %v", tt.text, exact, tt.want)
		}
		if exact && !m.mayMatchFolded(tt.text) {
			t.Errorf("mayMatchFolded(%q) = false, but it matches", tt.text)
		}
	}
	if m.mayMatchFolded("nothing here") {
		t.Errorf("mayMatchFolded is not selective")
	}
	// Random texts made of needle pieces, case and white space.
	rng := rand.New(rand.NewSource(2))
	pieces := []string{"Sign", "sign ", " IN", "in", " with", "\tWITH ", "google", "Log", "  ", "\n", "X", "continue", " facebook", "ВОЙТИ", " через", " vk", "é"}
	for round := range 2000 {
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		exact := false
		m.scan(appendNormText(nil, text), func(int, int) { exact = true })
		if exact && !m.mayMatchFolded(text) {
			t.Fatalf("round %d: mayMatchFolded(%q) = false, but it matches", round, text)
		}
	}
}

// TestMayMatchFoldedFilters cross-checks the prefilter's pair and triple
// filters on needles they could get wrong: two-byte needles, needles whose
// second byte is a space (which raw text may spell as a run of white
// space), needles that end a text, and texts with no needle at all, which
// it must mostly refuse.
func TestMayMatchFoldedFilters(t *testing.T) {
	needles := []string{"vk", "a b", "ok go", "line", "chat with us on viber", "facebook"}
	m := newACMatcher(needles)
	rng := rand.New(rand.NewSource(9))
	pieces := []string{"V", "k", "K", "a", "A", " ", "\t\t", "\n ", "b", "ok", "OK", "go", "li", "LINE", "ne", "chat", " with us", " ON ", "viber", "Face", "book", ".", "x", "é"}
	refused, none := 0, 0
	for round := range 5000 {
		var b strings.Builder
		for range rng.Intn(10) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		exact := false
		m.scan(appendNormText(nil, text), func(int, int) { exact = true })
		got := m.mayMatchFolded(text)
		if exact && !got {
			t.Fatalf("round %d: mayMatchFolded(%q) = false, but it matches", round, text)
		}
		if !exact {
			none++
			if !got {
				refused++
			}
		}
	}
	// The filters must refuse a fair share of texts that do not match (most
	// of those left have a non-ASCII byte or a one-off near miss).
	if none == 0 || refused*3 < none {
		t.Errorf("refused %d of %d texts without a match", refused, none)
	}
}
