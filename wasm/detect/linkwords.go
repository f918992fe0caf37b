package detect

import (
	"slices"
	"sort"
	"strings"
)

// LinkWords returns words that a collector may use to drop links that
// cannot matter: every text needle (a widget's text or a provider's name),
// folded as LinkFold folds, holds one of them. Sorted, none inside another.
//
// A link's text or label can match a needle only if its lower-cased text
// holds every word of that needle (normalising a text only lower-cases it
// and folds white space), so a link whose text and label hold none of
// these words, and whose host is under none of Hosts, adds nothing to a
// report: a collector may leave it out. The core still makes every
// decision about the links it is sent. One-word needles (most are
// providers' names) are taken first; a needle none of whose words was
// taken so far adds its longest word (the last of the longest), the least
// likely to occur by chance.
func (e *Engine) LinkWords() []string {
	if e.texts == nil {
		return []string{}
	}
	// One-word needles first: most texts hold one of them.
	needles := make([]string, 0, len(e.texts.needles))
	var more []string // needles of several words
	for _, n := range e.texts.needles {
		if n = LinkFold(n); strings.IndexByte(n, ' ') < 0 {
			needles = append(needles, n)
		} else {
			more = append(more, n)
		}
	}
	needles = append(needles, more...) // in list order, which is fixed
	var words []string
	kept := map[string]bool{}
	for _, n := range needles {
		best, covered := "", false
		for _, w := range strings.Split(n, " ") {
			covered = covered || kept[w]
			if len(w) >= len(best) {
				best = w
			}
		}
		if !covered && best != "" {
			kept[best] = true
			words = append(words, best)
		}
	}
	// A word that holds another kept word adds nothing.
	cover := []string{}
	for _, w := range words {
		if !slices.ContainsFunc(words, func(v string) bool { return len(v) < len(w) && strings.Contains(w, v) }) {
			cover = append(cover, w)
		}
	}
	sort.Strings(cover)
	return cover
}

// LinkFold folds a lower-cased text the way a collector folds a link's
// text before looking for LinkWords in it: the final sigma becomes a
// sigma and combining dots above are dropped. JavaScript's toLowerCase
// differs from Go's unicode.ToLower in only these two (İ becomes i and a
// combining dot there; a final Σ becomes ς), so a text that holds a word
// in Go's lower case holds it in the collector's too.
func LinkFold(s string) string {
	if strings.Contains(s, "ς") {
		s = strings.ReplaceAll(s, "ς", "σ")
	}
	if strings.Contains(s, "\u0307") {
		s = strings.ReplaceAll(s, "\u0307", "")
	}
	return s
}

// LinkFilter keeps the links that can matter to a report, by the list's
// Hosts and LinkWords. Collectors use it to send less: the static observer
// (wasm/htmlobs) through CollectSet, the content script through its copy
// (extension/src/content/rules.js, linkFilter), held to this one by the
// shared table testdata/contract/rules.json (linkFilter, linkFold).
type LinkFilter struct {
	under map[string]bool
	words []string
}

// NewLinkFilter returns the filter of a list's hosts (exact, or
// "*.suffix") and link words; nil, which keeps every link, when either is
// nil.
func NewLinkFilter(hosts, words []string) *LinkFilter {
	if hosts == nil || words == nil {
		return nil
	}
	f := &LinkFilter{under: make(map[string]bool, len(hosts)), words: words}
	for _, h := range hosts {
		f.under[strings.TrimPrefix(h, "*.")] = true
	}
	return f
}

// Keep reports whether a link is kept: when its URL is not a plain http(s)
// URL (see plainHost: the core reads the others), when its host is one of
// the hosts or under one, or when its text or label, lower-cased and
// folded (LinkFold), holds one of the words. A nil filter keeps every link.
func (f *LinkFilter) Keep(href, text, label string) bool {
	if f == nil {
		return true
	}
	h, ok := plainHost(href)
	if !ok {
		return true
	}
	for {
		if f.under[h] {
			return true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	for _, s := range [...]string{text, label} {
		if s == "" {
			continue
		}
		folded := LinkFold(strings.ToLower(s))
		for _, w := range f.words {
			if strings.Contains(folded, w) {
				return true
			}
		}
	}
	return false
}

// plainHost returns the host of an absolute http(s) URL (lower-case scheme)
// whose host is labels of lower-case ASCII letters, digits and hyphens,
// with no user and at most a port, followed by "/", "?", "#" or the end;
// false for every other URL.
func plainHost(u string) (string, bool) {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(u, "http://"); !ok {
			return "", false
		}
	}
	i := 0
	for i < len(rest) {
		if c := rest[i]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' {
			i++
			continue
		}
		break
	}
	host := rest[:i]
	if host == "" || host[0] == '.' || host[len(host)-1] == '.' || strings.Contains(host, "..") {
		return "", false
	}
	if i < len(rest) && rest[i] == ':' {
		for i++; i < len(rest) && '0' <= rest[i] && rest[i] <= '9'; i++ {
		}
	}
	if i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
		return "", false
	}
	return host, true
}
