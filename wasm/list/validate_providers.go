package list

import (
	"net/url"
	"strings"
)

// providerList checks the providers and records their IDs and widget IDs.
func (v *validator) providerList(providers []Provider) {
	root := (*path)(nil)
	v.providers = make(map[string]bool, len(providers))
	v.widgets = make(map[string]string)
	if len(providers) > MaxProviders {
		p := root.dot("providers")
		v.addf(&p, "%d providers, more than %d", len(providers), MaxProviders)
		return
	}
	for i := range providers {
		if v.done() {
			return
		}
		p := root.at("providers", i)
		v.provider(&p, &providers[i])
	}
}

// provider checks one provider.
func (v *validator) provider(p *path, pr *Provider) {
	idPath := p.dot("id")
	if v.slug(&idPath, pr.ID) {
		if v.providers[pr.ID] {
			v.addf(&idPath, "provider %q is defined twice", pr.ID)
		}
		v.providers[pr.ID] = true
	}
	namePath := p.dot("name")
	v.name(&namePath, pr.Name)
	v.domainList(p, pr.Domains, nil, 0)
	if pr.Operator != "" {
		op := p.dot("operator")
		v.slug(&op, pr.Operator)
	}
	if pr.Manage != nil {
		mp := p.dot("manage")
		v.manage(&mp, pr.Manage, pr.Domains)
	}
	if len(pr.Widgets) > MaxWidgets {
		wp := p.dot("widgets")
		v.addf(&wp, "%d widgets, more than %d", len(pr.Widgets), MaxWidgets)
		return
	}
	for i := range pr.Widgets {
		wp := p.at("widgets", i)
		v.widget(&wp, &pr.Widgets[i])
		v.tokens(&wp, &pr.Widgets[i], pr.ID)
		v.fedcm(&wp, &pr.Widgets[i])
	}
}

// manage checks a provider's manage-access page: an https URL under one of
// the provider's own domains (a link that says "manage your Google
// connections" must not lead anywhere else), an https help page, and the
// date it was read.
func (v *validator) manage(p *path, m *Manage, domains []string) {
	up := p.dot("url")
	v.httpsURL(&up, m.URL)
	if isHTTPSURL(m.URL) && len(m.URL) <= MaxURLBytes {
		if host := urlHost(m.URL); !underDomains(host, domains) {
			v.addf(&up, "host %q is not one of the provider's domains or under one; a manage link leads to the platform's own site", host)
		}
	}
	sp := p.dot("source")
	v.httpsURL(&sp, m.Source)
	rp := p.dot("read")
	v.fullDate(&rp, m.Read)
}

// urlHost is the lower-case host name of an absolute URL, without port.
func urlHost(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// underDomains reports whether host is one of domains or a subdomain of one.
func underDomains(host string, domains []string) bool {
	for _, d := range domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// widget checks one widget.
func (v *validator) widget(p *path, w *Widget) {
	idPath := p.dot("id")
	if v.slug(&idPath, w.ID) {
		if first, dup := v.widgets[w.ID]; dup {
			v.addf(&idPath, "widget %q is already defined at %s", w.ID, first)
		} else {
			v.widgets[w.ID] = p.String()
		}
	}
	switch w.Kind {
	case KindLogin, KindMessaging:
	default:
		kp := p.dot("kind")
		v.addf(&kp, "kind %q is not login or messaging", w.Kind)
	}
	namePath := p.dot("name")
	v.name(&namePath, w.Name)
	sp := p.dot("signals")
	v.signals(&sp, &w.Signals)
}

// signals checks a widget's signals: each kind within its cap, every entry
// well formed, and at least one strong signal (a URL pattern not marked
// weak, a selector, a call or a text).
func (v *validator) signals(p *path, s *Signals) {
	strong := len(s.Selectors) > 0 || len(s.Calls) > 0 || len(s.Texts) > 0 || len(s.Tokens) > 0
	for _, kind := range [...]struct {
		name     string
		patterns []URLPattern
		needHost bool
		appLinks bool // patterns may name an app scheme
	}{
		{"scripts", s.Scripts, true, false},
		{"frames", s.Frames, true, false},
		{"links", s.Links, true, true},
		{"routes", s.Routes, false, false},
	} {
		if len(kind.patterns) > MaxSignals {
			kp := p.dot(kind.name)
			v.addf(&kp, "%d entries, more than %d", len(kind.patterns), MaxSignals)
			continue
		}
		for i := range kind.patterns {
			pp := p.at(kind.name, i)
			v.urlPattern(&pp, &kind.patterns[i], kind.needHost, kind.appLinks)
			strong = strong || !kind.patterns[i].Weak
		}
	}
	if len(s.Selectors) > MaxSignals {
		sp := p.dot("selectors")
		v.addf(&sp, "%d entries, more than %d", len(s.Selectors), MaxSignals)
	} else {
		v.selectors += len(s.Selectors)
		if v.selectors > MaxSelectors && v.selectors-len(s.Selectors) <= MaxSelectors {
			sp := p.dot("selectors")
			v.addf(&sp, "the list has more than %d selectors in all", MaxSelectors)
		}
		for i, sel := range s.Selectors {
			sp := p.at("selectors", i)
			v.selector(&sp, sel)
		}
	}
	v.strings(p, "calls", s.Calls)
	v.strings(p, "texts", s.Texts)
	if !strong {
		v.add(p, "no strong signal: add a script, frame, link or route not marked weak, a selector, a call or a text")
	}
}

// strings checks a list of non-empty short strings (calls, texts).
func (v *validator) strings(p *path, field string, list []string) {
	if len(list) > MaxSignals {
		fp := p.dot(field)
		v.addf(&fp, "%d entries, more than %d", len(list), MaxSignals)
		return
	}
	for i, s := range list {
		fp := p.at(field, i)
		v.text(&fp, s, MaxPatternPartBytes)
	}
}

// urlPattern checks one URL pattern. Script, frame and link patterns need a
// host; a route may leave it empty to match any host. Only link patterns
// (appLinks) may name an app scheme.
func (v *validator) urlPattern(p *path, u *URLPattern, needHost, appLinks bool) {
	if u.Scheme != "" {
		sp := p.dot("scheme")
		switch {
		case !appLinks:
			v.add(&sp, "only link patterns take a scheme; script, frame and route patterns match http and https URLs")
		default:
			v.appScheme(&sp, u.Scheme)
		}
	}
	if u.Profile && !appLinks {
		pp := p.dot("profile")
		v.add(&pp, "only link patterns take profile")
	}
	hp := p.dot("host")
	switch {
	case u.Host != "":
		v.hostPattern(&hp, u.Host)
	case needHost:
		v.add(&hp, "missing; script, frame and link patterns name a host (exact or \"*.suffix\")")
	case u.Path == "" && len(u.Query) == 0:
		v.add(p, "matches every URL; give a host, a path or a query")
	}
	pp := p.dot("path")
	v.pathPattern(&pp, u.Path)
	if len(u.Query) > MaxQuery {
		qp := p.dot("query")
		v.addf(&qp, "%d entries, more than %d", len(u.Query), MaxQuery)
		return
	}
	for i, q := range u.Query {
		qp := p.at("query", i)
		v.queryEntry(&qp, q)
	}
}
