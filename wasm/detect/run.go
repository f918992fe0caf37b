package detect

import (
	"slices"
	"sort"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// run is the state of one Report call.
type run struct {
	e      *Engine
	accByW []int32 // acc index by widget, -1 for none
	accs   []*acc
	synth  map[string]*acc // authorize findings without a list widget
	hosts  hostCache       // the page's hosts, resolved once each

	buf      []byte  // scratch for normalised texts
	textHits []int32 // widgets whose text matched the current item
	nameHits []int32 // providers whose name the current item contains
	auth     []authHit
	ids      []int32 // scratch for app-link pattern IDs

	controls []Control   // the observation's controls
	ctlByRef map[int]int // control index by ref, built on first use
}

func newRun(e *Engine, pageHost string) *run {
	r := &run{e: e, accByW: make([]int32, len(e.widgets)), hosts: newHostCache(e, pageHost)}
	for i := range r.accByW {
		r.accByW[i] = -1
	}
	return r
}

// acc accumulates the evidence of one widget.
type acc struct {
	widget   int32 // -1 for a synthetic authorize finding
	provider int32 // -1 when the list does not name the provider
	provID   string
	kinds    uint16 // bit set of sigKind, strong and weak
	strong   int8   // highest level of a strong signal, -1 for none
	items    []evItem
	counts   [6]uint8 // items per rank, each capped at MaxEvidence
	oauth    *oauth.Request
	fedcm    bool // the sign-in runs through the browser's FedCM dialog
}

type evItem struct {
	ev   Evidence
	rank uint8
}

func (a *acc) fired() bool { return a.strong >= 0 }

func (r *run) accFor(widget int32) *acc {
	if i := r.accByW[widget]; i >= 0 {
		return r.accs[i]
	}
	w := &r.e.widgets[widget]
	a := &acc{widget: widget, provider: w.provider, provID: r.e.providers[w.provider].id, strong: -1}
	r.accByW[widget] = int32(len(r.accs))
	r.accs = append(r.accs, a)
	return a
}

// add records one signal of a widget.
func (r *run) add(widget int32, kind sigKind, weak bool, signal, value string, ref int) {
	r.addTo(r.accFor(widget), kind, weak, signal, value, ref)
}

func (r *run) addTo(a *acc, kind sigKind, weak bool, signal, value string, ref int) {
	a.kinds |= 1 << kind
	lvl := kind.level()
	if !weak && int8(lvl) > a.strong {
		a.strong = int8(lvl)
	}
	// Rank: strong before weak, then by level.
	rank := uint8(levelHigh - lvl)
	if weak {
		rank += 3
	}
	if a.counts[rank] >= MaxEvidence {
		return
	}
	for i := range a.items {
		if it := &a.items[i]; it.ev.Signal == signal && it.ev.Value == value {
			if it.rank > rank { // the same evidence, now as a stronger signal
				a.counts[it.rank]--
				it.rank = rank
				a.counts[rank]++
			}
			return
		}
	}
	a.counts[rank]++
	a.items = append(a.items, evItem{Evidence{Signal: signal, Value: value, Ref: ref}, rank})
}

// url checks one URL against the patterns of one kind, and against the
// authorize endpoints when auth is set.
func (r *run) url(raw string, ref int, kind sigKind, signal string, auth bool) {
	if raw == "" {
		return
	}
	raw = Cut(raw, MaxURLBytes)
	en, rest, ok := r.hosts.resolve(raw)
	if !ok {
		if r.e.apps != nil {
			r.appLink(raw, ref, kind, signal)
		}
		return
	}
	p := urlParts{host: en.host, rest: rest}
	authHost := auth && en.oauth
	if len(en.ids) > 0 || authHost {
		p.pathQuery()
	}
	for _, id := range en.ids {
		pat := &r.e.patterns[id]
		if pat.kind != kind || !pat.path.match(p.path) || !matchQuery(p.query, pat.query) {
			continue
		}
		if pat.profile && r.followLink(ref, pat.widget) {
			continue
		}
		r.add(pat.widget, kind, pat.weak, signal, raw, ref)
	}
	// Most links to a provider's host (a profile, a post) are no authorize
	// request: the pre-check keeps them from oauth.Parse.
	if authHost && oauth.MaybeAuthorize(en.host, p.path) {
		if req, ok := oauth.Parse(raw); ok && req != nil && req.Login {
			r.auth = append(r.auth, authHit{req: req, url: raw, ref: ref})
		}
	}
}

// appLink checks a link of an app scheme (viber://chat?number=...) against
// the app-link patterns of its scheme.
func (r *run) appLink(raw string, ref int, kind sigKind, signal string) {
	scheme, host, rest, ok := splitAppLink(raw)
	if !ok || host == "" {
		return
	}
	x := r.e.apps[scheme]
	if x == nil {
		return
	}
	r.ids = x.lookup(r.ids[:0], host)
	if len(r.ids) == 0 {
		return
	}
	p := urlParts{host: host, rest: rest}
	p.pathQuery()
	for _, id := range r.ids {
		pat := &r.e.patterns[id]
		if pat.kind != kind || !pat.path.match(p.path) || !matchQuery(p.query, pat.query) {
			continue
		}
		r.add(pat.widget, kind, pat.weak, signal, raw, ref)
	}
}

// scanTexts matches an item's visible text and label against the widgets'
// texts and the providers' names, records text evidence, and reports whether
// anything matched (the gate for routes).
func (r *run) scanTexts(ref int, texts ...string) bool {
	r.textHits, r.nameHits = r.textHits[:0], r.nameHits[:0]
	if r.e.texts == nil {
		return false
	}
	for i, t := range texts {
		if t == "" || i > 0 && t == texts[i-1] {
			continue // a label that repeats the text adds nothing
		}
		t = Cut(t, MaxTextBytes)
		if !r.e.texts.mayMatchFolded(t) {
			continue
		}
		r.buf = appendNormText(r.buf[:0], t)
		buf := r.buf
		var found []int32 // widgets this text matched, maybe again
		r.e.texts.scan(buf, func(id, end int) {
			n := &r.e.textNeedles[id]
			found = append(found, n.widgets...)
			if len(n.providers) > 0 {
				start := end - r.e.texts.lens[id]
				if (start == 0 || !isWordByte(buf[start-1])) && (end == len(buf) || !isWordByte(buf[end])) {
					for _, p := range n.providers {
						r.nameHits = appendUnique(r.nameHits, p)
					}
				}
			}
		})
		if len(found) > 0 {
			value := string(buf)
			for _, w := range found {
				r.add(w, sigText, false, kindSignal[sigText], value, ref)
				r.textHits = appendUnique(r.textHits, w)
			}
		}
	}
	return len(r.textHits) > 0 || len(r.nameHits) > 0
}

// routes checks a URL against the route patterns of the widgets whose text,
// or whose provider's name, the item's text matched (scanTexts).
func (r *run) routes(raw string, ref int) {
	if raw == "" {
		return
	}
	raw = Cut(raw, MaxURLBytes)
	en, rest, ok := r.hosts.resolve(raw)
	if !ok {
		return
	}
	p := urlParts{host: en.host, rest: rest}
	p.pathQuery()
	check := func(id int32) {
		pat := &r.e.patterns[id]
		if pat.kind != sigRoute || !r.gated(pat.widget) || !pat.path.match(p.path) || !matchQuery(p.query, pat.query) {
			return
		}
		r.add(pat.widget, sigRoute, pat.weak, kindSignal[sigRoute], raw, ref)
	}
	for _, id := range en.ids {
		check(id)
	}
	if len(r.e.anyHostRoutes) == 0 {
		return
	}
	// Host-less routes, of the gated widgets only (check gates again: a
	// widget may come both from a text and from its provider's name).
	for _, w := range r.textHits {
		for _, id := range r.e.anyHostRoutes[w] {
			check(id)
		}
	}
	for _, p := range r.nameHits {
		cp := &r.e.providers[p]
		for w := cp.first; w < cp.end; w++ {
			if slices.Contains(r.textHits, w) {
				continue // done above
			}
			for _, id := range r.e.anyHostRoutes[w] {
				check(id)
			}
		}
	}
}

func (r *run) gated(widget int32) bool {
	for _, w := range r.textHits {
		if w == widget {
			return true
		}
	}
	prov := r.e.widgets[widget].provider
	for _, p := range r.nameHits {
		if p == prov {
			return true
		}
	}
	return false
}

// scanCalls finds SDK calls in one inline script.
func (r *run) scanCalls(text string) {
	r.e.calls.scan(text, func(id, _ int) {
		for _, w := range r.e.callWidgets[id] {
			r.add(w, sigCall, false, kindSignal[sigCall], r.e.callNeedles[id], -1)
		}
	})
}

// applyAuthorize turns the authorize requests seen into login evidence: on
// the provider's first login widget that fired, else on its first login
// widget, else on a finding named after the provider.
func (r *run) applyAuthorize() {
	for _, h := range r.auth {
		a := r.authAcc(h.req.Provider)
		r.addTo(a, sigLink, false, evAuthorize, h.url, h.ref)
		if a.oauth == nil {
			a.oauth = h.req
		}
	}
}

func (r *run) authAcc(provID string) *acc {
	pi, known := r.e.providerByID[provID]
	if known {
		if a := r.firedLogin(pi); a != nil {
			return a
		}
		if w := r.e.providers[pi].login; w >= 0 {
			return r.accFor(w)
		}
	} else {
		pi = -1
	}
	if a, ok := r.synth[provID]; ok {
		return a
	}
	if r.synth == nil {
		r.synth = map[string]*acc{}
	}
	a := &acc{widget: -1, provider: pi, provID: provID, strong: -1}
	r.synth[provID] = a
	r.accs = append(r.accs, a)
	return a
}

// firedLogin returns the accumulator of a provider's login widget that
// fired, the first in list order, or nil.
func (r *run) firedLogin(provider int32) *acc {
	for _, a := range r.accs {
		if a.provider == provider && a.widget >= 0 && a.fired() && r.e.widgets[a.widget].kind == list.KindLogin {
			return a
		}
	}
	return nil
}

// finding turns an accumulator into a Finding.
func (r *run) finding(a *acc, partner *PartnerMatch) Finding {
	sort.SliceStable(a.items, func(i, j int) bool { return a.items[i].rank < a.items[j].rank })
	f := Finding{Provider: a.provID, Anchor: -1, Grants: []int{}, OAuth: a.oauth}
	if a.provider >= 0 {
		f.ProviderName = r.e.providers[a.provider].name
	} else {
		f.ProviderName = a.provID
	}
	if a.widget >= 0 {
		w := &r.e.widgets[a.widget]
		f.Kind, f.Widget, f.WidgetName = w.kind, w.id, w.name
	} else {
		f.Kind, f.Widget, f.WidgetName = list.KindLogin, a.provID+"-oauth", f.ProviderName+" sign-in"
	}
	f.Confidence = confidence(int(a.strong), a.kinds)
	n := min(len(a.items), MaxEvidence)
	f.Evidence = make([]Evidence, n)
	for i := range n {
		f.Evidence[i] = a.items[i].ev
	}
	for _, it := range a.items {
		if it.ev.Ref >= 0 {
			f.Anchor = it.ev.Ref
			break
		}
	}
	f.FedCM = a.fedcm
	f.Grants = GrantsFor(partner, f.Provider)
	f.Alert = len(f.Grants) > 0
	return f
}

// confidence is a finding's confidence: the level of its strongest strong
// signal, one step higher when two or more distinct signal kinds (strong or
// weak) fired.
func confidence(strongest int, kinds uint16) string {
	n := 0
	for k := kinds; k != 0; k &= k - 1 {
		n++
	}
	if n >= 2 && strongest < levelHigh {
		strongest++
	}
	return levelNames[strongest]
}
