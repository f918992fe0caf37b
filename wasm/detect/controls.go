package detect

import (
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// The control recogniser finds site-rendered sign-in controls: links,
// buttons and form controls that go through the site's own backend and name
// the provider only in a URL path, a class, a title, an icon's alt text, a
// data attribute or a hidden form input. It reads the observation's
// Controls with the list's data: the tokens that name each provider
// (list.Signals.Tokens) and the cue words (list.Cues).
//
// A control names a provider when one of its words is a token. Words are
// split at every character that is not a letter or a digit and at
// lower-to-upper case changes ("theChampFacebookLogin" is the, champ,
// facebook, login); a word that is not itself known is split into known
// words when it can be ("loginwithfacebook", "fbbtn"); two adjacent words
// of a text also count joined ("Linked In"). Tokens in scripts written
// without spaces ("微博") are found anywhere in the text, label and
// attributes. A control that names no provider, or more than one, is left
// alone, and so is a link to a provider's own domain: link rules and the
// authorize parser judge those.
//
// A control that names one provider is a sign-in control when its cues
// score at least controlThreshold:
//
//	cueText    3  its text or label holds an auth phrase ("Continue with", "Войти")
//	cueRoute   3  its target's path or query, or its click handler, holds a route word (/auth/, oauth2, login)
//	cueAttrs   2  its class, id, name, value, data-* or icons hold a route word (social-login__google)
//	cueContext 2  its group's caption or class holds an auth phrase or a route word ("Or sign in with")
//	cueGroup   2  another control of its group, naming another provider, is a sign-in control
//
// A negative word (share, follow, like, pin, checkout...) in the control's
// target, text or label vetoes it; one in its attributes or click handler
// vetoes it unless its text or label holds an auth phrase; one in the
// group's context cancels the context and group cues. So a provider token
// alone, as in a row of follow icons or a share bar, is never a finding.
const (
	cueText          = 3
	cueRoute         = 3
	cueAttrs         = 2
	cueContext       = 2
	cueGroup         = 2
	controlThreshold = 2
)

// controlRules is the compiled recogniser data.
type controlRules struct {
	// tokens maps a token to the widget that carries it; wide are the
	// tokens with letters outside Latin, Greek and Cyrillic, matched as
	// substrings.
	tokens map[string]int32
	wide   []wideToken
	// routes and negative are the single cue words; pieces are every word
	// a compound may be split into (tokens, routes, negative words and the
	// neutral affixes).
	routes, negative, pieces map[string]bool
	// auth matches the auth phrases in normalised texts; authWord says for
	// each whether it must stand as whole words.
	auth     *acMatcher
	authWord []bool
	list     []string // every token, sorted: what collectors look for
}

type wideToken struct {
	text   string
	widget int32
}

// affixes are neutral words that compounds are made of besides tokens and
// cue words: "fbbtn" is fb + btn, "loginwithgoogle" login + with + google.
var affixes = []string{
	"btn", "button", "icon", "ico", "logo", "img", "svg", "with", "via", "by", "using", "use", "your",
	"continue", "the", "fa", "fab", "si", "plus", "social", "link", "account", "accounts", "user",
	"users", "api", "v1", "v2", "v3", "in", "up", "on", "sign", "log", "me", "my", "to", "and", "or",
	"new", "large", "small", "big", "round", "square", "white", "dark", "light", "black", "blue", "color",
	"colored", "official", "brand", "mini", "default", "block", "full", "wide", "alt", "hover", "item",
	"form", "box", "wrap", "wrapper", "container", "list", "panel", "area", "section", "modal", "popup",
	"page", "b", "e", "m", "id", "ui", "el",
}

// compileControls compiles the recogniser's data; nil when the list has no
// tokens or no cues.
func compileControls(l *list.List, widgetOf func(pi, wi int) int32) *controlRules {
	if l.Cues == nil {
		return nil
	}
	c := &controlRules{
		tokens: map[string]int32{}, routes: map[string]bool{}, negative: map[string]bool{}, pieces: map[string]bool{},
	}
	for pi := range l.Providers {
		for wi := range l.Providers[pi].Widgets {
			for _, t := range l.Providers[pi].Widgets[wi].Signals.Tokens {
				t = strings.ToLower(strings.TrimSpace(t))
				if t == "" {
					continue
				}
				if _, dup := c.tokens[t]; dup {
					continue
				}
				w := widgetOf(pi, wi)
				c.tokens[t] = w
				c.list = append(c.list, t)
				if isWide(t) {
					c.wide = append(c.wide, wideToken{t, w})
				} else {
					c.pieces[t] = true
				}
			}
		}
	}
	if len(c.tokens) == 0 {
		return nil
	}
	sort.Strings(c.list)
	for _, w := range l.Cues.Routes {
		c.routes[w], c.pieces[w] = true, true
	}
	for _, w := range l.Cues.Negative {
		c.negative[w], c.pieces[w] = true, true
	}
	for _, w := range affixes {
		c.pieces[w] = true
	}
	phrases := make([]string, 0, len(l.Cues.Auth))
	seen := map[string]bool{}
	for _, a := range l.Cues.Auth {
		if n := normText(a); n != "" && !seen[n] {
			seen[n] = true
			phrases = append(phrases, n)
			c.authWord = append(c.authWord, !isWide(n))
		}
	}
	c.auth = newACMatcher(phrases)
	return c
}

// wideRune reports whether r is a letter of a script written without
// spaces (see isWide).
func wideRune(r rune) bool {
	return r >= utf8.RuneSelf && unicode.IsLetter(r) &&
		!unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian, unicode.Georgian)
}

// isWide reports whether s has a letter of a script written without spaces
// between words: anything but Latin, Greek, Cyrillic, Armenian and Georgian
// letters, digits, spaces and punctuation.
func isWide(s string) bool {
	for _, r := range s {
		if wideRune(r) {
			return true
		}
	}
	return false
}

// Tokens returns every control token of the list, sorted. Collectors keep a
// control when its features contain one of them (see Control).
func (e *Engine) Tokens() []string {
	if e.ctl == nil {
		return []string{}
	}
	return append(make([]string, 0, len(e.ctl.list)), e.ctl.list...)
}

// controlScan is what the recogniser found in one control.
type controlScan struct {
	widget int32 // the widget of the one provider named, or -1
	score  int
	cue    string // the strongest cue, for the evidence
	veto   bool
	ctxNeg bool // the context has a negative word
}

// recogniseControls runs the recogniser over an observation's controls.
func (r *run) recogniseControls(controls []Control) {
	c := r.e.ctl
	if c == nil || len(controls) == 0 {
		return
	}
	scans := make([]controlScan, len(controls))
	fired := map[int][]int32{} // group ref → providers with a sign-in control
	for i := range controls {
		s := r.scanControl(&controls[i])
		scans[i] = s
		if s.widget >= 0 && !s.veto && s.score >= controlThreshold {
			g := controls[i].Group
			fired[g] = appendUnique(fired[g], r.e.widgets[s.widget].provider)
		}
	}
	for i := range controls {
		s := &scans[i]
		if s.widget < 0 || s.veto {
			continue
		}
		if s.score < controlThreshold && !s.ctxNeg {
			prov := r.e.widgets[s.widget].provider
			for _, p := range fired[controls[i].Group] {
				if p != prov {
					s.score += cueGroup
					if s.cue == "" {
						s.cue = "group"
					}
					break
				}
			}
		}
		if s.score >= controlThreshold {
			ctl := &controls[i]
			r.addTo(r.controlAcc(s.widget), sigControl, false, kindSignal[sigControl], s.cue+": "+Cut(ctl.describe(), 160), ctl.Ref)
		}
	}
}

// controlAcc is where a sign-in control's evidence goes: the provider's
// login finding that fired already (its SDK or official button was seen),
// so that one button gives one finding, else the widget that carries the
// token.
func (r *run) controlAcc(widget int32) *acc {
	if a := r.firedLogin(r.e.widgets[widget].provider); a != nil {
		return a
	}
	return r.accFor(widget)
}

// followLink reports whether the link with this ref is a follow or
// channel link rather than a chat (list.URLPattern.Profile): its control
// says follow, channel or subscribe, in its own words or its group's
// context, or its group holds two or more other controls that link to
// other platforms' own domains (a row of profile links).
func (r *run) followLink(ref int, widget int32) bool {
	c := r.e.ctl
	if c == nil || ref < 0 || len(r.controls) == 0 {
		return false
	}
	if r.ctlByRef == nil {
		r.ctlByRef = make(map[int]int, len(r.controls))
		for i := range r.controls {
			r.ctlByRef[r.controls[i].Ref] = i
		}
	}
	i, ok := r.ctlByRef[ref]
	if !ok {
		return false
	}
	ctl := &r.controls[i]
	words := wordSink{c: c}
	for _, s := range [...]string{ctl.Text, ctl.Label, ctl.Attrs, ctl.Context} {
		eachWord(s, func(w string) { words.word(w) })
	}
	if words.negative {
		return true
	}
	prov := r.e.widgets[widget].provider
	others := 0
	for j := range r.controls {
		o := &r.controls[j]
		if j == i || o.Group != ctl.Group || o.Href == "" {
			continue
		}
		if p := r.hrefProvider(o.Href); p >= 0 && p != prov {
			others++
		}
	}
	return others >= 2
}

// hrefProvider returns a provider whose own domain a URL is on, or -1.
func (r *run) hrefProvider(raw string) int32 {
	en, _, ok := r.hosts.resolve(raw)
	if !ok {
		return -1
	}
	return r.providerOf(en)
}

// providerOf returns a provider whose own domain a host is on, or -1,
// looked up once per host of the page.
func (r *run) providerOf(en *hostEntry) int32 {
	if en.provider == -2 {
		en.provider = -1
		walkDomains(en.host, false, func(d string) bool {
			if ps := r.e.providerDomains[d]; len(ps) > 0 {
				en.provider = ps[0]
			}
			return en.provider >= 0
		})
	}
	return en.provider
}

// describe is the most telling feature of a control, for evidence.
func (ctl *Control) describe() string {
	for _, s := range [...]string{ctl.Text, ctl.Label, ctl.Href, ctl.Handler, ctl.Attrs} {
		if s != "" {
			return s
		}
	}
	return ctl.Tag
}

// wordSink collects what the words of one control name.
type wordSink struct {
	c        *controlRules
	tokens   []string // the tokens named
	route    bool     // a route word was seen
	negative bool
}

func (ws *wordSink) word(w string) {
	c := ws.c
	if c.isToken(w) {
		ws.tokens = append(ws.tokens, w)
		return
	}
	if c.routes[w] {
		ws.route = true
		return
	}
	if c.negative[w] {
		ws.negative = true
		return
	}
	for _, p := range segment(w, c.pieces) {
		switch {
		case c.routes[p]:
			ws.route = true
		case c.negative[p]:
			ws.negative = true
		default:
			if c.isToken(p) {
				ws.tokens = append(ws.tokens, p)
			}
		}
	}
}

// isToken reports whether w is a token.
func (c *controlRules) isToken(w string) bool {
	_, ok := c.tokens[w]
	return ok
}

// widgetsOf returns the widgets that tokens name, leaving out a token
// that a longer token named beside it contains ("yahoo" beside
// "yahoojapan"): the longer one is the more specific name.
func (c *controlRules) widgetsOf(tokens []string) []int32 {
	var out []int32
	for _, t := range tokens {
		specific := true
		for _, u := range tokens {
			if len(u) > len(t) && strings.Contains(u, t) {
				specific = false
				break
			}
		}
		if specific {
			out = appendUnique(out, c.tokens[t])
		}
	}
	return out
}

// scanControl scores one control.
func (r *run) scanControl(ctl *Control) controlScan {
	c := r.e.ctl
	out := controlScan{widget: -1}
	var hrefWords []string
	if ctl.Href != "" {
		var own bool
		hrefWords, own = r.hrefWords(ctl.Href)
		if own {
			return out
		}
	}
	// Text and label: tokens, joined pairs, negative words, auth phrases.
	text := wordSink{c: c}
	r.buf = appendNormText(r.buf[:0], ctl.Text)
	r.buf = append(r.buf, ' ', '|', ' ')
	r.buf = appendNormText(r.buf, ctl.Label)
	norm := string(r.buf)
	// Two adjacent words joined name a token before either alone does:
	// "Linked In", "Yahoo! JAPAN".
	var words []string
	eachWord(norm, func(w string) { words = append(words, w) })
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) {
			if j := words[i] + words[i+1]; c.isToken(j) {
				text.tokens = append(text.tokens, j)
				i++
				continue
			}
		}
		text.word(words[i])
	}
	authText := c.hasAuth(norm)
	// Attributes, handler and target.
	attrs := wordSink{c: c}
	eachWord(ctl.Attrs, func(w string) { attrs.word(w) })
	route := wordSink{c: c}
	for _, hw := range hrefWords {
		eachWord(hw, func(w string) { route.word(w) })
	}
	// A click handler is read like a target for routes and tokens, but its
	// negative words count as the attributes' do (a comment form's login).
	handler := wordSink{c: c}
	eachWord(ctl.Handler, func(w string) { handler.word(w) })
	route.route = route.route || handler.route
	named := append(append(append(text.tokens, attrs.tokens...), route.tokens...), handler.tokens...)
	if len(c.wide) > 0 {
		lowAttrs := strings.ToLower(ctl.Attrs)
		for _, t := range c.wide {
			if strings.Contains(norm, t.text) || strings.Contains(lowAttrs, t.text) {
				named = append(named, t.text)
			}
		}
	}
	widgets := c.widgetsOf(named)
	if len(widgets) != 1 {
		return out // no provider, or a container of several
	}
	out.widget = widgets[0]
	// The target and the text say what a control does (/checkout/paypal,
	// "Connect store"): a negative word there vetoes whatever else the
	// control says; one in its attributes only when its text or label has
	// no auth phrase.
	if route.negative || text.negative || attrs.negative && !authText {
		out.veto = true
		return out
	}
	// The context: a caption or a class around the group.
	ctx := wordSink{c: c}
	ctxNorm := normText(ctl.Context)
	eachWord(ctxNorm, func(w string) { ctx.word(w) })
	out.ctxNeg = ctx.negative
	add := func(ok bool, score int, cue string) {
		if ok {
			if out.cue == "" {
				out.cue = cue
			}
			out.score += score
		}
	}
	add(authText, cueText, "text")
	add(route.route, cueRoute, "route")
	add(attrs.route, cueAttrs, "attrs")
	add(!ctx.negative && (ctx.route || c.hasAuth(ctxNorm)), cueContext, "context")
	return out
}

// hrefWords returns the parts of a target URL that may name a provider or a
// route: its path and its query keys and values, percent-decoded, leaving
// out values that are themselves URLs or tracking tags, and a fragment that
// is one word. own is true when the target is on a provider's own domain
// or is an app link (link rules judge both).
func (r *run) hrefWords(raw string) (words []string, own bool) {
	en, rest, ok := r.hosts.resolve(raw)
	if !ok {
		scheme, _, found := strings.Cut(raw, ":")
		return nil, found && scheme != "" && !strings.ContainsAny(scheme, "/?#")
	}
	if r.providerOf(en) >= 0 {
		return nil, true
	}
	p := urlParts{host: en.host, rest: rest}
	p.pathQuery()
	if path, err := url.PathUnescape(p.path); err == nil {
		words = append(words, path)
	} else {
		words = append(words, p.path)
	}
	if p.query != "" {
		for _, kv := range strings.Split(p.query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			words = append(words, k)
			if skipQueryValue(strings.ToLower(k)) || strings.Contains(v, "/") {
				continue
			}
			words = append(words, v)
		}
	}
	if _, frag, ok := strings.Cut(rest, "#"); ok && frag != "" && !strings.Contains(frag, "/") {
		words = append(words, frag)
	}
	return words, false
}

// skipQueryValue reports whether a query key's value says where a link
// came from or goes next, not what it does: utm_source=facebook, next=...
func skipQueryValue(key string) bool {
	if strings.HasPrefix(key, "utm") {
		return true
	}
	switch key {
	case "ref", "referrer", "referer", "source", "src", "from", "next", "return", "returnurl", "return_to",
		"returnto", "redirect", "redirect_uri", "redirect_url", "redirect_to", "redirectto", "continue", "back",
		"url", "campaign", "medium", "fbclid", "gclid":
		return true
	}
	return false
}

// hasAuth reports whether a normalised text holds an auth phrase: as whole
// words for phrases of spaced scripts, anywhere for the others.
func (c *controlRules) hasAuth(norm string) bool {
	if norm == "" || c.auth == nil {
		return false
	}
	found := false
	buf := []byte(norm)
	c.auth.scan(buf, func(id, end int) {
		if found {
			return
		}
		if !c.authWord[id] {
			found = true
			return
		}
		start := end - c.auth.lens[id]
		found = (start == 0 || !isLetterBefore(norm, start)) && (end == len(norm) || !isLetterAt(norm, end))
	})
	return found
}

// isLetterAt reports whether the rune at byte i of s is a letter or digit.
func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isLetterBefore reports whether the rune ending at byte i of s is a letter
// or digit.
func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// eachWord calls fn with each lower-cased word of s: runs of letters and
// digits, also split where a lower-case letter is followed by an upper-case
// one, and where a script written without spaces starts or ends
// ("Facebookでログイン" is facebook, でログイン).
func eachWord(s string, fn func(string)) {
	start := -1
	var prev rune
	flush := func(end int) {
		if start >= 0 {
			fn(strings.ToLower(s[start:end]))
			start = -1
		}
	}
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			prev = r
			continue
		}
		if start >= 0 && (unicode.IsUpper(r) && unicode.IsLower(prev) || wideRune(r) != wideRune(prev)) {
			flush(i)
		}
		if start < 0 {
			start = i
		}
		prev = r
	}
	flush(len(s))
}

// segment splits an ASCII word into known pieces, fewest pieces first; nil
// when it cannot be split entirely or is too long to try.
func segment(w string, known map[string]bool) []string {
	const maxWord = 48
	n := len(w)
	if n < 3 || n > maxWord {
		return nil
	}
	for i := 0; i < n; i++ {
		if w[i] >= utf8.RuneSelf {
			return nil
		}
	}
	// best[i] is the fewest pieces that make w[:i], 0 when none; from[i]
	// is where the last of them starts.
	var best, from [maxWord + 1]int
	best[0] = 0
	for i := 1; i <= n; i++ {
		best[i] = -1
		for j := 0; j < i; j++ {
			if (j == 0 || best[j] > 0) && known[w[j:i]] {
				if b := best[j] + 1; best[i] < 0 || b < best[i] {
					best[i], from[i] = b, j
				}
			}
		}
		if best[i] < 0 {
			best[i] = 0
		}
	}
	if best[n] == 0 {
		return nil
	}
	pieces := make([]string, best[n])
	for i, k := n, best[n]-1; i > 0; k-- {
		pieces[k] = w[from[i]:i]
		i = from[i]
	}
	return pieces
}
