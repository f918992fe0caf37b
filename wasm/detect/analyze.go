package detect

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// Evidence signal names. The list's signal kinds give their own names
// (kindSignal); these name where a link pattern or authorize request was
// seen.
const (
	evForm      = "form"
	evRequest   = "request"
	evAuthorize = "authorize"
	evFedCM     = "fedcm"
)

var kindSignal = [...]string{
	sigScript:   "script",
	sigFrame:    "frame",
	sigLink:     "link",
	sigSelector: "selector",
	sigCall:     "call",
	sigRoute:    "route",
	sigText:     "text",
	sigControl:  "control",
}

// MaxEvidence is the most evidence a finding carries.
const MaxEvidence = 8

// Problem codes, as the core reports them.
const (
	// ProblemBadRequest: there is no observation, or its page URL has no
	// usable host (the core's bad_request); the report has no site and no
	// findings.
	ProblemBadRequest = "bad_request"
	// ProblemStaleSelectors: elements carry selector matches from another
	// list version; the matches were ignored.
	ProblemStaleSelectors = "stale_selectors"
)

// Problem is something wrong with an observation that the engine worked
// around. It is data for the caller, not a failure: the report is still
// made.
type Problem struct {
	Code    string
	Message string
}

// Report makes the report for one observation. It never fails: see Analyze
// for the problems it works around.
func (e *Engine) Report(obs *Observation) *Report {
	r, _ := e.Analyze(obs)
	return r
}

// Analyze is Report that also says what was wrong with the observation, or
// nil.
func (e *Engine) Analyze(obs *Observation) (*Report, *Problem) {
	rep := &Report{Findings: []Finding{}, ListVersion: e.list.Version}
	if obs == nil {
		return rep, &Problem{ProblemBadRequest, "no observation"}
	}
	o := truncate(obs)
	pageURL, host, ok := normalizePage(o.URL)
	if !ok && o.TopURL != "" && !strings.HasPrefix(strings.ToLower(o.URL), "http") {
		// about:blank, srcdoc and blob frames belong to their top page.
		pageURL, host, ok = normalizePage(o.TopURL) // truncate cut it
	}
	if !ok {
		rep.URL = o.URL
		return rep, &Problem{ProblemBadRequest, "the page URL " + quoteShort(o.URL) + " is not an http or https URL with a valid host"}
	}
	rep.URL, rep.Host = pageURL, host
	ip := domain.IsIP(host)
	rep.Site = host
	if !ip {
		if s, err := domain.Registrable(host); err == nil && s != "" {
			rep.Site = s
		}
	}

	r := newRun(e, host)
	problem := r.observe(o)

	rep.Partner = e.Partner(rep.Site, ip)
	for _, a := range r.accs {
		if !a.fired() || (a.provider >= 0 && e.firstParty(a.provider, rep.Site, ip)) {
			continue
		}
		rep.Findings = append(rep.Findings, r.finding(a, rep.Partner))
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := &rep.Findings[i], &rep.Findings[j]
		if a.Provider != b.Provider {
			return a.Provider < b.Provider
		}
		return a.Widget < b.Widget
	})
	return rep, problem
}

// normalizePage returns the page URL without user info and fragment, with a
// normalised host, and the host; false when the URL is not http(s) or its
// host does not normalise.
func normalizePage(raw string) (string, string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", "", false
	}
	host, err := domain.Normalize(u.Hostname())
	if err != nil || host == "" {
		return "", "", false
	}
	hostPort := host
	if strings.Contains(host, ":") {
		hostPort = "[" + host + "]"
	}
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80" || u.Scheme == "https" && p == "443") {
		hostPort += ":" + p
	}
	u.User, u.Host, u.Fragment, u.RawFragment = nil, hostPort, "", ""
	return u.String(), host, true
}

// firstParty reports whether site is under one of the provider's domains.
func (e *Engine) firstParty(provider int32, site string, ip bool) bool {
	found := false
	walkDomains(site, ip, func(d string) bool {
		for _, p := range e.providerDomains[d] {
			if p == provider {
				found = true
			}
		}
		return found
	})
	return found
}

func quoteShort(s string) string {
	return "\"" + Cut(s, 80) + "\""
}

// authHit is a login authorize request seen on the page.
type authHit struct {
	req *oauth.Request
	url string
	ref int
}

// observe gathers the evidence of every part of an observation (already
// truncated): scripts, inline texts, frames, links, forms, elements,
// network requests, then controls, authorize requests and FedCM flags. It
// reports stale selector matches, which it ignores.
func (r *run) observe(o *Observation) *Problem {
	var problem *Problem
	r.controls = o.Controls
	for _, s := range o.Scripts {
		r.url(s, -1, sigScript, kindSignal[sigScript], false)
	}
	for _, text := range o.Inline {
		r.scanCalls(text)
	}
	for i := range o.Frames {
		f := &o.Frames[i]
		r.url(f.Src, f.Ref, sigFrame, kindSignal[sigFrame], true)
	}
	for i := range o.Links {
		l := &o.Links[i]
		r.url(l.Href, l.Ref, sigLink, kindSignal[sigLink], true)
		if r.scanTexts(l.Ref, l.Text, l.Label) {
			r.routes(l.Href, l.Ref)
		}
	}
	for i := range o.Forms {
		f := &o.Forms[i]
		r.url(f.Action, f.Ref, sigLink, evForm, true)
		if r.scanTexts(f.Ref, f.Text, f.Label) {
			r.routes(f.Action, f.Ref)
		}
	}
	e := r.e
	useMatches := o.ListVersion == e.list.Version
	for i := range o.Elements {
		el := &o.Elements[i]
		if len(el.Matches) > 0 && !useMatches {
			if problem == nil {
				problem = &Problem{ProblemStaleSelectors, "the observation's selector matches were made with list version " +
					strconv.FormatInt(o.ListVersion, 10) + ", not " + strconv.FormatInt(e.list.Version, 10) + "; they were ignored"}
			}
		} else {
			for _, m := range el.Matches {
				if m < 0 || m >= len(e.selectors) {
					continue
				}
				for _, w := range e.selWidgets[m] {
					r.add(w, sigSelector, false, kindSignal[sigSelector], e.selectors[m], el.Ref)
				}
			}
		}
		if r.scanTexts(el.Ref, el.Text, el.Label) {
			for _, a := range [...]string{"href", "formaction"} {
				if v := el.Attrs.Get(a); v != "" {
					r.routes(v, el.Ref)
				}
			}
		}
	}
	for i := range o.Requests {
		q := &o.Requests[i]
		switch q.Type {
		case "script":
			r.url(q.URL, -1, sigScript, evRequest, false)
		case "sub_frame":
			r.url(q.URL, -1, sigFrame, evRequest, true)
		default:
			r.url(q.URL, -1, sigLink, evRequest, true)
		}
	}
	// Controls after every other signal: their evidence joins a login
	// finding of their provider that fired already.
	r.recogniseControls(o.Controls)
	r.applyAuthorize()
	r.fedcm(o)
	return problem
}
