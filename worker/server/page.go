package server

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// maxPagePartners caps the partners one page shows; a search narrows the
// rest down.
const maxPagePartners = 200

//go:embed page.tmpl
var pageSource string

// The template is parsed on first use, not at package init, because on
// Workers every request starts a fresh Go instance.
var (
	pageOnce sync.Once
	pageTmpl *template.Template
)

func pageTemplate() *template.Template {
	pageOnce.Do(func() { pageTmpl = template.Must(template.New("page").Parse(pageSource)) })
	return pageTmpl
}

// pageData is what the page template renders. html/template escapes every
// string, and drops source URLs that are not http(s).
type pageData struct {
	Query     string
	ID        string
	Version   int64
	IssuedAt  string
	ExpiresAt string
	Stale     bool
	Source    string
	KeyID     string
	Total     int
	Matched   int
	Partners  []partnerView
	// Corrections is the list's corrections log, newest first.
	Corrections []list.Correction
}

type partnerView struct {
	ID      string
	Name    string
	Domains []string
	Grants  []grantView
}

type grantView struct {
	Platform string
	// Manage is the platform's manage-access page (list.Provider.Manage),
	// empty when the list names none.
	Manage      string
	Permissions []list.Permission
	Summary     string
	Account     string
	Evidence    string
	Access      list.Access
	Sources     []list.Source
	Responses   []list.Response
}

// pageCache keeps the last served list parsed, and its page without a
// search rendered, so that the page route verifies and parses a list once
// per version, not once per request (on Workers: once per isolate).
type pageCache struct {
	mu   sync.Mutex
	sha  string
	list *list.Verified
	// key names the rendered page: sha, source and staleness.
	key  string
	html []byte
}

// servePage renders the partner list as HTML: the one route that reads the
// list's payload, which it verifies first.
func (h *Handler) servePage(r *Request) *Response {
	s, v, aerr := h.pageList(r)
	if aerr != nil {
		return errorResponse(aerr)
	}
	q := strings.TrimSpace(r.query("q"))
	stale := v.List.Stale(h.cfg.Now())
	key := fmt.Sprintf("%s %s %v", s.meta.SHA256, s.source, stale)
	c := &h.page
	c.mu.Lock()
	html := c.html
	if q != "" || c.key != key {
		html = nil
	}
	c.mu.Unlock()
	if html == nil {
		data := buildPage(v.List, q)
		data.Source = s.source
		data.KeyID = v.KeyID
		data.Stale = stale
		var b bytes.Buffer
		if err := pageTemplate().Execute(&b, data); err != nil {
			h.cfg.Logf("rendering the page failed: %v", err)
			return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "rendering the page failed"})
		}
		html = b.Bytes()
		if q == "" {
			c.mu.Lock()
			c.key, c.html = key, html
			c.mu.Unlock()
		}
	}
	res := newResponse(statusOK)
	res.Header["Cache-Control"] = "public, max-age=60"
	res.Header["X-Content-Type-Options"] = "nosniff"
	res.Header["Referrer-Policy"] = "no-referrer"
	res.Header["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	res.setBody(r, "text/html; charset=utf-8", html)
	return res
}

// pageList returns what is served and its verified list, from the cache
// when the served envelope has not changed.
func (h *Handler) pageList(r *Request) (*served, *list.Verified, *apiError) {
	s, aerr := h.current(r)
	if aerr != nil {
		return nil, nil, aerr
	}
	c := &h.page
	c.mu.Lock()
	v := c.list
	if c.sha != s.meta.SHA256 {
		v = nil
	}
	c.mu.Unlock()
	if v != nil {
		return s, v, nil
	}
	s, envelope, aerr := h.withEnvelope(r, s, false)
	if aerr != nil {
		return nil, nil, aerr
	}
	keys, err := h.pinnedKeys()
	if err != nil {
		h.cfg.Logf("public keys unusable: %v", err)
		return nil, nil, &apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "this worker's public keys are misconfigured"}
	}
	v, err = storage.Reverify(envelope.Bytes, keys)
	if err != nil {
		h.cfg.Logf("served list does not verify: %v", err)
		return nil, nil, &apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "the served list does not verify with this worker's keys"}
	}
	c.mu.Lock()
	c.sha, c.list = s.meta.SHA256, v
	c.mu.Unlock()
	return s, v, nil
}

// buildPage selects the partners matching q (all when q is empty) and
// resolves permission and platform names.
func buildPage(l *list.List, q string) pageData {
	perms := make(map[string]list.Permission, len(l.Permissions))
	for _, p := range l.Permissions {
		perms[p.ID] = p
	}
	platforms := make(map[string]string, len(l.Providers))
	manage := make(map[string]string)
	for _, p := range l.Providers {
		platforms[p.ID] = p.Name
		if p.Manage != nil {
			manage[p.ID] = p.Manage.URL
		}
	}
	d := pageData{
		Query: q, ID: l.ID, Version: l.Version, IssuedAt: l.IssuedAt, ExpiresAt: l.ExpiresAt,
		Total: len(l.Partners), Partners: []partnerView{},
		Corrections: make([]list.Correction, 0, len(l.Corrections)),
	}
	for i := len(l.Corrections) - 1; i >= 0; i-- {
		d.Corrections = append(d.Corrections, l.Corrections[i])
	}
	needle := strings.ToLower(q)
	for _, p := range l.Partners {
		pv := partnerView{ID: p.ID, Name: p.Name, Domains: p.Domains}
		for _, g := range p.Grants {
			gv := grantView{
				Platform: g.Platform, Summary: g.Summary, Account: g.Account,
				Evidence: g.Evidence, Access: g.Access,
				Sources: g.Sources, Responses: g.Responses,
				Manage: manage[g.Platform],
			}
			if name := platforms[g.Platform]; name != "" {
				gv.Platform = name
			}
			for _, id := range g.Permissions {
				perm, ok := perms[id]
				if !ok {
					perm = list.Permission{ID: id, Label: id}
				}
				gv.Permissions = append(gv.Permissions, perm)
			}
			pv.Grants = append(pv.Grants, gv)
		}
		if needle != "" && !strings.Contains(partnerText(pv), needle) {
			continue
		}
		d.Matched++
		if len(d.Partners) < maxPagePartners {
			d.Partners = append(d.Partners, pv)
		}
	}
	return d
}

// partnerText is the lowercase text a search matches: names, domains,
// platforms, permissions and summaries.
func partnerText(p partnerView) string {
	var b strings.Builder
	b.WriteString(p.ID + "\n" + p.Name + "\n" + strings.Join(p.Domains, "\n"))
	for _, g := range p.Grants {
		b.WriteString("\n" + g.Platform + "\n" + g.Summary + "\n" + g.Evidence + "\n" + g.Access.State)
		for _, perm := range g.Permissions {
			b.WriteString("\n" + perm.ID + "\n" + perm.Label)
		}
	}
	return strings.ToLower(b.String())
}
