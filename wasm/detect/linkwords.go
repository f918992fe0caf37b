package detect

import (
	"slices"
	"sort"
	"strings"
)

// LinkWords returns words that a collector may use to drop links that
// cannot matter: one word of every text needle (a widget's text or a
// provider's name), folded as LinkFold folds, without the words that
// contain another of them, sorted.
//
// A link's text or label can match a needle only if its lower-cased text
// holds every word of that needle (normalising a text only lower-cases it
// and folds white space), so a link whose text and label hold none of
// these words, and whose host is under none of Hosts, adds nothing to a
// report: a collector may leave it out. The core still makes every
// decision about the links it is sent. The word kept of each needle is its
// longest (the last of the longest), the least likely to occur by chance.
func (e *Engine) LinkWords() []string {
	if e.texts == nil {
		return []string{}
	}
	// One-word needles (the providers' names) first: most texts hold one.
	needles := make([]string, len(e.texts.needles))
	for i, n := range e.texts.needles {
		needles[i] = LinkFold(n)
	}
	sort.Slice(needles, func(i, j int) bool {
		wi, wj := strings.Count(needles[i], " "), strings.Count(needles[j], " ")
		if wi != wj {
			return wi < wj
		}
		return needles[i] < needles[j]
	})
	var words []string
	for _, n := range needles {
		if slices.ContainsFunc(words, func(w string) bool { return strings.Contains(n, w) }) {
			continue
		}
		best := ""
		for _, w := range strings.Split(n, " ") {
			if len(w) >= len(best) {
				best = w
			}
		}
		words = append(words, best)
	}
	// A word that holds another kept word adds nothing.
	cover := []string{}
	for _, w := range words {
		if !slices.ContainsFunc(words, func(v string) bool { return v != w && strings.Contains(w, v) }) {
			cover = append(cover, w)
		}
	}
	sort.Strings(cover)
	return slices.Compact(cover)
}

// LinkFold folds a lower-cased text the way a collector folds a link's
// text before looking for LinkWords in it: the final sigma becomes a
// sigma and combining dots above are dropped. JavaScript's toLowerCase
// differs from Go's unicode.ToLower in only these two (İ becomes i and a
// combining dot there; a final Σ becomes ς), so a text that holds a word
// in Go's lower case holds it in the collector's too.
func LinkFold(s string) string {
	return strings.NewReplacer("ς", "σ", "\u0307", "").Replace(s)
}
