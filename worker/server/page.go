package server

import (
	"bytes"
	_ "embed"
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
}

type partnerView struct {
	ID      string
	Name    string
	Domains []string
	Grants  []grantView
}

type grantView struct {
	Platform    string
	Permissions []list.Permission
	Summary     string
	Account     string
	From, To    string
	Status      string
	Sources     []list.Source
	Responses   []list.Response
}

// servePage renders the partner list as HTML. It verifies the current
// envelope to read its payload: the one route that parses the list.
func (h *Handler) servePage(r *Request) *Response {
	var envelope []byte
	s, aerr := h.current(r)
	if aerr == nil {
		s, envelope, aerr = h.withEnvelope(r, s)
	}
	if aerr != nil {
		return errorResponse(aerr)
	}
	keys, err := h.pinnedKeys()
	if err != nil {
		h.cfg.Logf("public keys unusable: %v", err)
		return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "this worker's public keys are misconfigured"})
	}
	v, err := storage.Reverify(envelope, keys)
	if err != nil {
		h.cfg.Logf("served list does not verify: %v", err)
		return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "the served list does not verify with this worker's keys"})
	}
	data := buildPage(v.List, strings.TrimSpace(r.query("q")))
	data.Source = s.source
	data.KeyID = v.KeyID
	data.Stale = v.List.Stale(h.cfg.Now())
	var b bytes.Buffer
	if err := pageTemplate().Execute(&b, data); err != nil {
		h.cfg.Logf("rendering the page failed: %v", err)
		return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "rendering the page failed"})
	}
	res := newResponse(statusOK)
	res.Header["Cache-Control"] = "public, max-age=60"
	res.Header["X-Content-Type-Options"] = "nosniff"
	res.Header["Referrer-Policy"] = "no-referrer"
	res.Header["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	res.setBody(r, "text/html; charset=utf-8", b.Bytes())
	return res
}

// buildPage selects the partners matching q (all when q is empty) and
// resolves permission and platform names.
func buildPage(l *list.List, q string) pageData {
	perms := make(map[string]list.Permission, len(l.Permissions))
	for _, p := range l.Permissions {
		perms[p.ID] = p
	}
	platforms := make(map[string]string, len(l.Providers))
	for _, p := range l.Providers {
		platforms[p.ID] = p.Name
	}
	d := pageData{
		Query: q, ID: l.ID, Version: l.Version, IssuedAt: l.IssuedAt, ExpiresAt: l.ExpiresAt,
		Total: len(l.Partners), Partners: []partnerView{},
	}
	needle := strings.ToLower(q)
	for _, p := range l.Partners {
		pv := partnerView{ID: p.ID, Name: p.Name, Domains: p.Domains}
		for _, g := range p.Grants {
			gv := grantView{
				Platform: g.Platform, Summary: g.Summary, Account: g.Account,
				From: g.Period.From, To: g.Period.To, Status: g.Status,
				Sources: g.Sources, Responses: g.Responses,
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
		b.WriteString("\n" + g.Platform + "\n" + g.Summary + "\n" + g.Status)
		for _, perm := range g.Permissions {
			b.WriteString("\n" + perm.ID + "\n" + perm.Label)
		}
	}
	return strings.ToLower(b.String())
}
