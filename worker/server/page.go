package server

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/http"
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

// servePage renders the partner list as HTML. It verifies the current
// envelope to read its payload: the one route that parses the list.
func (h *Handler) servePage(w http.ResponseWriter, r *http.Request) {
	var envelope []byte
	s, aerr := h.current(r)
	if aerr == nil {
		s, envelope, aerr = h.withEnvelope(r, s)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	keys, err := h.pinnedKeys()
	if err != nil {
		h.cfg.Logf("public keys unusable: %v", err)
		writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "this worker's public keys are misconfigured"})
		return
	}
	v, err := storage.Reverify(envelope, keys)
	if err != nil {
		h.cfg.Logf("served list does not verify: %v", err)
		writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "the served list does not verify with this worker's keys"})
		return
	}
	data := buildPage(v.List, strings.TrimSpace(r.URL.Query().Get("q")))
	data.Source = s.source
	data.KeyID = v.KeyID
	data.Stale = v.List.Stale(h.cfg.Now())
	var b bytes.Buffer
	if err := pageTemplate().Execute(&b, data); err != nil {
		h.cfg.Logf("rendering the page failed: %v", err)
		writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "rendering the page failed"})
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "public, max-age=60")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
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
