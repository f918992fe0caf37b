package detect

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

func TestLinkWords(t *testing.T) {
	// testList's needles: the names of the providers with routes
	// (facebook, google, x), which also cover "continue with facebook" and
	// "mit facebook anmelden".
	got := mustCompile(t, testList()).LinkWords()
	want := []string{"facebook", "google", "x"}
	if !slices.Equal(got, want) {
		t.Errorf("LinkWords() = %q, want %q", got, want)
	}
	l := testList()
	l.Providers = l.Providers[1:2] // Google: a name, no texts
	l.Providers[0].Widgets[0].Signals.Texts = []string{"Mit  Google  fortfahren", "Googleでログイン", "Sign in to chat on WhatsApp", "Log in with Σ-CLUB"}
	l.Partners = nil
	// The name covers the first two; the third adds its longest word
	// (the last of the longest), the fourth its folded one.
	if got, want := mustCompile(t, l).LinkWords(), []string{"google", "whatsapp", "σ-club"}; !slices.Equal(got, want) {
		t.Errorf("LinkWords() = %q, want %q", got, want)
	}
}

// TestLinkWordsCoverDefaultList: on the default list, every text needle
// holds one of the link words, and no word holds another.
func TestLinkWordsCoverDefaultList(t *testing.T) {
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := mustCompile(t, l)
	words := e.LinkWords()
	if len(words) == 0 || len(words) >= len(e.texts.needles) {
		t.Fatalf("%d link words for %d needles", len(words), len(e.texts.needles))
	}
	for _, n := range e.texts.needles {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(LinkFold(n), w) }) {
			t.Errorf("needle %q holds no link word", n)
		}
	}
	for i, w := range words {
		if w == "" || strings.ContainsAny(w, " \t\n") {
			t.Errorf("link word %q is empty or holds white space", w)
		}
		for j, v := range words {
			if i != j && strings.Contains(w, v) {
				t.Errorf("link word %q holds %q", w, v)
			}
		}
	}
}

// TestLinkFold runs the shared table (testdata/contract/rules.json,
// linkFold) against Go's lower case: the content script's linkFold of the
// JavaScript lower case must give the same (extension/test/unit/
// collect.test.mjs runs the table too).
func TestLinkFold(t *testing.T) {
	r := sharedRules(t)
	if len(r.LinkFold) == 0 {
		t.Fatal("rules.json has no linkFold table")
	}
	for _, c := range r.LinkFold {
		if got := LinkFold(strings.ToLower(c[0])); got != c[1] {
			t.Errorf("LinkFold(ToLower(%q)) = %q, want %q", c[0], got, c[1])
		}
		// A needle the engine finds in the normalised text holds a word
		// that the folded text holds.
		if n := normText(c[0]); n != "" && !strings.Contains(c[1], LinkFold(strings.Split(n, " ")[0])) {
			t.Errorf("%q: the folded text %q lacks %q", c[0], c[1], LinkFold(strings.Split(n, " ")[0]))
		}
	}
}

// TestLinkFilter runs the shared table (testdata/contract/rules.json,
// linkFilter), which the content script's linkFilter runs too.
func TestLinkFilter(t *testing.T) {
	lf := sharedRules(t).LinkFilter
	if len(lf.Cases) == 0 {
		t.Fatal("rules.json has no linkFilter cases")
	}
	f := NewLinkFilter(lf.Hosts, lf.Words)
	for _, c := range lf.Cases {
		var href, text, label string
		var want bool
		for i, p := range []any{&href, &text, &label, &want} {
			if err := json.Unmarshal(c[i], p); err != nil {
				t.Fatalf("case %s: %v", c, err)
			}
		}
		if got := f.Keep(href, text, label); got != want {
			t.Errorf("Keep(%q, %q, %q) = %v, want %v", href, text, label, got, want)
		}
	}
	// Without both lists there is no filter, and no filter keeps every link.
	if NewLinkFilter(lf.Hosts, nil) != nil || NewLinkFilter(nil, lf.Words) != nil {
		t.Error("a filter without hosts or without words")
	}
	if !(*LinkFilter)(nil).Keep("https://www.example.org/", "", "") {
		t.Error("the nil filter drops a link")
	}
	// No words: hosts alone.
	hostsOnly := NewLinkFilter([]string{"m.me"}, []string{})
	if !hostsOnly.Keep("https://m.me/page", "", "") || hostsOnly.Keep("https://www.example.org/", "facebook", "") {
		t.Error("a filter with hosts and no words")
	}
}

// rules is the part of testdata/contract/rules.json this package runs.
type rules struct {
	LinkFold   [][2]string `json:"linkFold"`
	LinkFilter struct {
		Hosts []string            `json:"hosts"`
		Words []string            `json:"words"`
		Cases [][]json.RawMessage `json:"cases"`
	} `json:"linkFilter"`
}

func sharedRules(t *testing.T) rules {
	t.Helper()
	data, err := os.ReadFile("../../testdata/contract/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var r rules
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// BenchmarkLinkWords: the link words of the default list, which every list
// load computes (core ListInfo).
func BenchmarkLinkWords(b *testing.B) {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatal(err)
	}
	e := mustCompile(b, l)
	for b.Loop() {
		e.LinkWords()
	}
}
