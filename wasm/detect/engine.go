package detect

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// sigKind is a kind of list signal. Evidence names are finer (a link pattern
// matched by a form action is "form" evidence of kind sigLink); distinct
// kinds, not evidence names, raise a finding's confidence.
type sigKind uint8

const (
	sigScript sigKind = iota
	sigFrame
	sigLink
	sigSelector
	sigCall
	sigRoute
	sigText
	sigControl
)

// Levels of confidence, as integers for comparison.
const (
	levelLow = iota
	levelMedium
	levelHigh
)

var levelNames = [...]string{ConfidenceLow, ConfidenceMedium, ConfidenceHigh}

// level is the confidence a signal kind gives on its own.
func (k sigKind) level() int {
	switch k {
	case sigCall, sigRoute, sigControl:
		return levelMedium
	case sigText:
		return levelLow
	}
	return levelHigh
}

// Engine is a compiled list. It is safe for concurrent use and never changes
// after Compile.
type Engine struct {
	list      *list.List
	providers []cprovider
	widgets   []cwidget
	// providerByID maps a provider ID to its index in providers.
	providerByID map[string]int32

	patterns []cpattern
	// hosts indexes the patterns that name a host; anyHostRoutes are the
	// route patterns with an empty host, by widget: a route is checked only
	// for the widgets an item's text gated, so the cost does not grow with
	// the number of providers.
	hosts         hostIndex
	anyHostRoutes map[int32][]int32
	// apps indexes the link patterns of app schemes (viber://chat...) by
	// scheme, then by host.
	apps map[string]*hostIndex

	selectors  []string
	selWidgets [][]int32

	calls       *substringSet
	callNeedles []string
	callWidgets [][]int32

	texts       *acMatcher
	textNeedles []textNeedle

	// ctl is the control recogniser's data, nil when the list has none.
	ctl *controlRules

	// fedcmFlags are the widgets' FedCM configuration flags (fedcm.go).
	fedcmFlags []fedcmFlag

	// oauthHosts indexes the hosts of oauth.Endpoints, to call oauth.Parse
	// only for URLs that can be authorize requests.
	oauthHosts hostIndex
	hostList   []string

	// providerDomains maps a provider domain to the providers that own it;
	// partnerDomains maps a partner domain to its partner's index.
	providerDomains map[string][]int32
	partnerDomains  map[string]int32
	permissions     map[string]list.Permission
}

type cprovider struct {
	id, name string
	// login is the index of the provider's first login widget, or -1.
	login int32
	// first and end bound the provider's widgets in Engine.widgets.
	first, end int32
}

type cwidget struct {
	provider int32
	id       string
	name     string
	kind     string
}

// cpattern is a compiled URLPattern of one widget.
type cpattern struct {
	widget int32
	kind   sigKind
	weak   bool
	// profile: the URL may be a profile or channel (list.URLPattern.Profile).
	profile bool
	path    glob
	query   []queryReq
}

// textNeedle is one normalised text of the texts automaton: a button text of
// some widgets, the name of some providers, or both.
type textNeedle struct {
	widgets   []int32
	providers []int32
}

// Compile compiles a list into an Engine. The list must have been validated
// (list.Validate); Compile only rejects what it cannot compile, with an error
// naming the offending widget.
func Compile(l *list.List) (*Engine, error) {
	if l == nil {
		return nil, errors.New("detect: no list to compile")
	}
	e := &Engine{
		list:            l,
		providerByID:    make(map[string]int32, len(l.Providers)),
		hosts:           newHostIndex(),
		oauthHosts:      newHostIndex(),
		providerDomains: map[string][]int32{},
		partnerDomains:  make(map[string]int32, len(l.Partners)),
		permissions:     make(map[string]list.Permission, len(l.Permissions)),
	}
	for _, p := range l.Permissions {
		e.permissions[p.ID] = p
	}
	c := &compiler{e: e, sels: interner{}, calls: interner{}, texts: interner{}}
	for pi := range l.Providers {
		p := &l.Providers[pi]
		if p.ID == "" {
			return nil, errors.New("detect: provider " + strconv.Itoa(pi) + " has no ID")
		}
		if _, dup := e.providerByID[p.ID]; dup {
			return nil, errors.New("detect: provider " + strconv.Quote(p.ID) + " is listed twice")
		}
		e.providerByID[p.ID] = int32(pi)
		cp := cprovider{id: p.ID, name: p.Name, login: -1, first: int32(len(e.widgets))}
		for _, d := range p.Domains {
			d = strings.ToLower(strings.TrimSuffix(d, "."))
			if d != "" {
				e.providerDomains[d] = append(e.providerDomains[d], int32(pi))
			}
		}
		// A provider's name only gates its routes: a provider without
		// routes (a chat vendor) adds no needle to the texts automaton.
		if hasRoutes(p) {
			if n := c.text(p.Name); n >= 0 {
				e.textNeedles[n].providers = append(e.textNeedles[n].providers, int32(pi))
			}
		}
		for wi := range p.Widgets {
			w := &p.Widgets[wi]
			id := int32(len(e.widgets))
			e.widgets = append(e.widgets, cwidget{provider: int32(pi), id: w.ID, name: w.Name, kind: w.Kind})
			if w.Kind == list.KindLogin && cp.login < 0 {
				cp.login = id
			}
			if err := c.signals(id, &w.Signals); err != nil {
				return nil, errors.New("detect: widget " + strconv.Quote(w.ID) + ": " + err.Error())
			}
		}
		cp.end = int32(len(e.widgets))
		e.providers = append(e.providers, cp)
	}
	textStrings := make([]string, len(e.textNeedles))
	for n, i := range c.texts {
		textStrings[i] = n
	}
	e.texts = newACMatcher(textStrings)
	e.calls = newSubstringSet(e.callNeedles)
	firstWidget := make([]int32, len(l.Providers))
	for pi, n := 0, int32(0); pi < len(l.Providers); pi++ {
		firstWidget[pi] = n
		n += int32(len(l.Providers[pi].Widgets))
	}
	e.ctl = compileControls(l, func(pi, wi int) int32 { return firstWidget[pi] + int32(wi) })
	e.shareOperators()
	for pi := range l.Partners {
		for _, d := range l.Partners[pi].Domains {
			d = strings.ToLower(strings.TrimSuffix(d, "."))
			if _, dup := e.partnerDomains[d]; !dup && d != "" {
				e.partnerDomains[d] = int32(pi)
			}
		}
	}
	e.compileHosts()
	return e, nil
}

// compiler holds what Compile numbers as it goes: the distinct selectors,
// call needles and normalised texts of all widgets, each once.
type compiler struct {
	e                  *Engine
	sels, calls, texts interner
}

// interner numbers distinct strings in the order they are first added.
type interner map[string]int

// add returns s's number and whether s is new (numbered len(in) before the
// call).
func (in interner) add(s string) (int, bool) {
	if i, ok := in[s]; ok {
		return i, false
	}
	i := len(in)
	in[s] = i
	return i, true
}

// addFor adds widget id to the widgets of s: strs and widgets are indexed
// by s's number, and s is appended to strs when it is new.
func (in interner) addFor(s string, id int32, strs *[]string, widgets *[][]int32) {
	i, isNew := in.add(s)
	if isNew {
		*strs = append(*strs, s)
		*widgets = append(*widgets, nil)
	}
	(*widgets)[i] = appendUnique((*widgets)[i], id)
}

// text returns the number of t's normalised text in the texts automaton,
// adding it when new; -1 when t normalises to nothing.
func (c *compiler) text(t string) int {
	n := normText(t)
	if n == "" {
		return -1
	}
	i, isNew := c.texts.add(n)
	if isNew {
		c.e.textNeedles = append(c.e.textNeedles, textNeedle{})
	}
	return i
}

// signals compiles the signals of widget id: its URL patterns, selectors,
// calls, texts and FedCM flags.
func (c *compiler) signals(id int32, s *list.Signals) error {
	e := c.e
	for _, group := range []struct {
		kind sigKind
		pats []list.URLPattern
	}{{sigScript, s.Scripts}, {sigFrame, s.Frames}, {sigLink, s.Links}, {sigRoute, s.Routes}} {
		for _, up := range group.pats {
			if err := e.addPattern(id, group.kind, up); err != nil {
				return err
			}
		}
	}
	for _, sel := range s.Selectors {
		if sel = strings.TrimSpace(sel); sel != "" {
			c.sels.addFor(sel, id, &e.selectors, &e.selWidgets)
		}
	}
	for _, call := range s.Calls {
		if call != "" {
			c.calls.addFor(call, id, &e.callNeedles, &e.callWidgets)
		}
	}
	for _, t := range s.Texts {
		if n := c.text(t); n >= 0 {
			e.textNeedles[n].widgets = appendUnique(e.textNeedles[n].widgets, id)
		}
	}
	for _, f := range s.FedCM {
		e.fedcmFlags = append(e.fedcmFlags, fedcmFlag{widget: id, flag: f, attr: "data-" + f})
	}
	return nil
}

// shareOperators makes the providers of one operator each other's first
// party: every domain of one of them is a domain of all of them.
func (e *Engine) shareOperators() {
	byOp := map[string][]int32{}
	for pi := range e.list.Providers {
		if op := e.list.Providers[pi].Operator; op != "" {
			byOp[op] = append(byOp[op], int32(pi))
		}
	}
	for _, group := range byOp {
		if len(group) < 2 {
			continue
		}
		for _, pi := range group {
			for _, d := range e.list.Providers[pi].Domains {
				d = strings.ToLower(strings.TrimSuffix(d, "."))
				for _, other := range group {
					e.providerDomains[d] = appendUnique(e.providerDomains[d], other)
				}
			}
		}
	}
}

func (e *Engine) addPattern(widget int32, kind sigKind, up list.URLPattern) error {
	id := int32(len(e.patterns))
	cp := cpattern{widget: widget, kind: kind, weak: up.Weak, profile: up.Profile, path: compileGlob(up.Path)}
	for _, q := range up.Query {
		if q != "" {
			cp.query = append(cp.query, compileQueryReq(q))
		}
	}
	switch {
	case up.Scheme != "":
		if kind != sigLink {
			return errors.New("a " + kindSignal[kind] + " pattern cannot name the scheme " + strconv.Quote(up.Scheme))
		}
		scheme := strings.ToLower(up.Scheme)
		if scheme == "http" || scheme == "https" {
			return errors.New("the scheme " + strconv.Quote(up.Scheme) + " is what an empty scheme means")
		}
		if e.apps == nil {
			e.apps = map[string]*hostIndex{}
		}
		x := e.apps[scheme]
		if x == nil {
			idx := newHostIndex()
			x = &idx
			e.apps[scheme] = x
		}
		if !x.add(up.Host, id) {
			return errors.New("bad host pattern " + strconv.Quote(up.Host) + " for scheme " + strconv.Quote(up.Scheme))
		}
	case up.Host != "":
		if !e.hosts.add(up.Host, id) {
			return errors.New("bad host pattern " + strconv.Quote(up.Host))
		}
	case kind == sigRoute:
		if e.anyHostRoutes == nil {
			e.anyHostRoutes = map[int32][]int32{}
		}
		e.anyHostRoutes[widget] = append(e.anyHostRoutes[widget], id)
	default:
		return errors.New("a " + kindSignal[kind] + " pattern needs a host")
	}
	e.patterns = append(e.patterns, cp)
	return nil
}

// compileHosts indexes the authorize endpoints' hosts and collects the sorted
// host list (Hosts).
func (e *Engine) compileHosts() {
	seen := map[string]bool{}
	for _, p := range e.list.Providers {
		for _, w := range p.Widgets {
			for _, g := range [][]list.URLPattern{w.Signals.Scripts, w.Signals.Frames, w.Signals.Links} {
				for _, up := range g {
					if up.Scheme != "" {
						continue // an app link is no network request
					}
					if h := strings.ToLower(up.Host); h != "" {
						seen[h] = true
					}
				}
			}
		}
	}
	// Endpoints are bare lower-case hosts (oauth's tests hold it to that).
	for _, h := range oauth.Endpoints() {
		e.oauthHosts.add(h, 0)
		seen[h] = true
	}
	e.hostList = make([]string, 0, len(seen))
	for h := range seen {
		e.hostList = append(e.hostList, h)
	}
	sort.Strings(e.hostList)
}

// hasRoutes reports whether any widget of a provider has route patterns.
func hasRoutes(p *list.Provider) bool {
	for i := range p.Widgets {
		if len(p.Widgets[i].Signals.Routes) > 0 {
			return true
		}
	}
	return false
}

func appendUnique(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// List returns the compiled list. Callers must not modify it.
func (e *Engine) List() *list.List { return e.list }

// Selectors returns the combined, deduplicated selector set of the list, in
// list order. Element.Matches index into it.
func (e *Engine) Selectors() []string {
	return append(make([]string, 0, len(e.selectors)), e.selectors...)
}

// Hosts returns the hosts (exact, or "*.suffix") of every script, frame and
// link signal and every authorize endpoint, deduplicated and sorted: what a
// network observer has to watch. Hosts of app-link patterns (viber://chat)
// are not network hosts and are left out.
func (e *Engine) Hosts() []string {
	return append(make([]string, 0, len(e.hostList)), e.hostList...)
}
