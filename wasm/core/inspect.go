package core

import (
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/domain"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// Inspect answers an InspectRequest: when its URL is a sign-in authorize
// request, the consent it asks for and what the list says about the site
// that asks (the redirect URI's site). Any other URL answers ok with no
// consent: most navigations are not consent screens.
func (c *Core) Inspect(req []byte) []byte {
	return guard(func() *Response {
		var r InspectRequest
		if bad := decode("inspect request", req, detect.MaxObservation, &r); bad != nil {
			return bad
		}
		if r.URL == "" {
			return &Response{Error: &Error{Code: CodeBadRequest, Message: "the inspect request has no url", Path: "url"}}
		}
		s := c.detection()
		if s == nil {
			return fail(CodeNoList, "no list is loaded: call loadList first")
		}
		parsed, ok := oauth.Parse(r.URL)
		if !ok || parsed == nil {
			return &Response{OK: true}
		}
		consent := &Consent{Request: *parsed, ProviderName: s.engine.ProviderName(parsed.Provider)}
		if consent.Request.Scopes == nil {
			consent.Request.Scopes = []oauth.Scope{}
		}
		var prov []string
		if site := parsed.RedirectSite; site != "" {
			consent.Partner, prov = s.merge(s.engine.Partner(site, domain.IsIP(site)), site)
		}
		consent.Grants = detect.GrantsFor(consent.Partner, parsed.Provider)
		consent.Alert = len(consent.Grants) > 0
		return &Response{OK: true, Consent: consent, Provenance: prov}
	})
}
