package list

import (
	"strings"
	"unicode"
)

// Caps of the control recogniser's data.
const (
	MaxTokens     = 64   // tokens of one widget
	MaxCueWords   = 4000 // words of one kind of cue (auth, routes, negative)
	MaxTokenBytes = 64   // bytes of one token or cue word
)

// cues checks the recogniser's cue words: each kind within its cap, every
// word lower-case, short and unique within its kind; routes and negative
// words are single words of letters and digits.
func (v *validator) cues(c *Cues) {
	if c == nil {
		return
	}
	root := (*path)(nil)
	p := root.dot("cues")
	v.cueWords(&p, "auth", c.Auth, false)
	v.cueWords(&p, "routes", c.Routes, true)
	v.cueWords(&p, "negative", c.Negative, true)
}

func (v *validator) cueWords(p *path, field string, words []string, single bool) {
	if len(words) > MaxCueWords {
		fp := p.dot(field)
		v.addf(&fp, "%d entries, more than %d", len(words), MaxCueWords)
		return
	}
	seen := make(map[string]bool, len(words))
	for i, w := range words {
		wp := p.at(field, i)
		if !v.word(&wp, w, single) {
			continue
		}
		if seen[w] {
			v.addf(&wp, "%q is listed twice", w)
		}
		seen[w] = true
	}
}

// word checks one token or cue word: non-empty, at most MaxTokenBytes,
// lower-case, no leading, trailing or double white space; a single word
// (single) has letters and digits only.
func (v *validator) word(p *path, w string, single bool) bool {
	v.text(p, w, MaxTokenBytes)
	if strings.TrimSpace(w) == "" || len(w) > MaxTokenBytes {
		return false
	}
	switch {
	case w != strings.ToLower(w):
		v.addf(p, "%q is not lower-case", w)
	case strings.TrimSpace(w) != w || strings.Contains(w, "  "):
		v.addf(p, "%q has leading, trailing or double spaces", w)
	case single && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0:
		v.addf(p, "%q is not a single word of letters and digits", w)
	default:
		return true
	}
	return false
}

// tokens checks a widget's tokens: login widgets only, single words, and
// each token naming one provider in the whole list.
func (v *validator) tokens(p *path, w *Widget, provider string) {
	if len(w.Signals.Tokens) == 0 {
		return
	}
	sp := p.dot("signals")
	tp := sp.dot("tokens")
	if w.Kind != KindLogin {
		v.add(&tp, "only login widgets take tokens")
		return
	}
	if len(w.Signals.Tokens) > MaxTokens {
		v.addf(&tp, "%d entries, more than %d", len(w.Signals.Tokens), MaxTokens)
		return
	}
	if v.tokenOwners == nil {
		v.tokenOwners = map[string]string{}
	}
	for i, t := range w.Signals.Tokens {
		ip := sp.at("tokens", i)
		if !v.word(&ip, t, true) {
			continue
		}
		if len(t) < 2 {
			v.addf(&ip, "%q is shorter than 2 bytes", t)
		}
		if owner, dup := v.tokenOwners[t]; dup && owner != provider {
			v.addf(&ip, "token %q already names provider %q", t, owner)
		} else if dup {
			v.addf(&ip, "token %q is listed twice for provider %q", t, provider)
		}
		v.tokenOwners[t] = provider
	}
}

// fedcm checks a widget's FedCM flags: login widgets only, each a
// lower-case identifier of letters, digits and underscores.
func (v *validator) fedcm(p *path, w *Widget) {
	if len(w.Signals.FedCM) == 0 {
		return
	}
	sp := p.dot("signals")
	if w.Kind != KindLogin {
		fp := sp.dot("fedcm")
		v.add(&fp, "only login widgets take FedCM flags")
		return
	}
	for i, f := range w.Signals.FedCM {
		ip := sp.at("fedcm", i)
		if f == "" || len(f) > 64 || strings.IndexFunc(f, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') }) >= 0 {
			v.addf(&ip, "%q is not a lower-case identifier (a-z, 0-9, _; at most 64 bytes)", f)
		}
	}
}
