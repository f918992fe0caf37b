package list

// partnerList checks the partners.
func (v *validator) partnerList(partners []Partner) {
	root := (*path)(nil)
	if len(partners) > MaxPartners {
		p := root.dot("partners")
		v.addf(&p, "%d partners, more than %d", len(partners), MaxPartners)
		return
	}
	ids := make(map[string]bool, len(partners))
	v.domains = make(map[string]int, 2*len(partners))
	for i := range partners {
		if v.done() {
			return
		}
		p := root.at("partners", i)
		pa := &partners[i]
		idPath := p.dot("id")
		if v.slug(&idPath, pa.ID) {
			if ids[pa.ID] {
				v.addf(&idPath, "partner %q is defined twice", pa.ID)
			}
			ids[pa.ID] = true
		}
		namePath := p.dot("name")
		v.name(&namePath, pa.Name)
		v.domainList(&p, pa.Domains, v.domains, i)
		if len(pa.Grants) == 0 {
			gp := p.dot("grants")
			v.add(&gp, "no grants; a partner needs at least one")
		} else if len(pa.Grants) > MaxGrants {
			gp := p.dot("grants")
			v.addf(&gp, "%d grants, more than %d", len(pa.Grants), MaxGrants)
		} else {
			for j := range pa.Grants {
				gp := p.at("grants", j)
				v.grant(&gp, &pa.Grants[j])
			}
		}
	}
}

// domainList checks the domains of a provider or partner: at least one,
// each a registrable domain in normal form, none twice. With claims set
// (partners), it also refuses a domain another partner claims and records
// the domains as claimed by owner.
func (v *validator) domainList(p *path, domains []string, claims map[string]int, owner int) {
	dp := p.dot("domains")
	switch {
	case len(domains) == 0:
		v.add(&dp, "no domains; name at least one registrable domain such as \"example.com\"")
		return
	case len(domains) > MaxDomains:
		v.addf(&dp, "%d domains, more than %d", len(domains), MaxDomains)
		return
	}
	for i, d := range domains {
		ep := p.at("domains", i)
		if !v.registrable(&ep, d) {
			continue
		}
		for _, earlier := range domains[:i] {
			if earlier == d {
				v.addf(&ep, "%q is listed twice", d)
				break
			}
		}
		if claims == nil {
			continue
		}
		if other, taken := claims[d]; taken && other != owner {
			v.addf(&ep, "%q is already claimed by partners[%d]", d, other)
			continue
		}
		claims[d] = owner
	}
}

// grant checks one grant.
func (v *validator) grant(p *path, g *Grant) {
	pp := p.dot("platform")
	switch {
	case g.Platform == "":
		v.add(&pp, "missing; want a provider id")
	case !v.providers[g.Platform]:
		v.addf(&pp, "%q is not a provider id of this list", g.Platform)
	}
	permsPath := p.dot("permissions")
	switch {
	case len(g.Permissions) == 0:
		v.add(&permsPath, "no permissions; name at least one from the permission catalogue")
	case len(g.Permissions) > MaxGrantPermissions:
		v.addf(&permsPath, "%d permissions, more than %d", len(g.Permissions), MaxGrantPermissions)
	default:
		for i, id := range g.Permissions {
			ep := p.at("permissions", i)
			if !v.permissions[id] {
				v.addf(&ep, "%q is not in the permission catalogue", id)
				continue
			}
			for _, earlier := range g.Permissions[:i] {
				if earlier == id {
					v.addf(&ep, "%q is listed twice", id)
					break
				}
			}
		}
	}
	sp := p.dot("summary")
	v.text(&sp, g.Summary, MaxTextBytes)
	ap := p.dot("account")
	v.optionalText(&ap, g.Account, MaxTextBytes)
	v.period(p, &g.Period)
	switch g.Status {
	case StatusReported, StatusConfirmed, StatusDeniedByPartner, StatusEnded:
	default:
		stp := p.dot("status")
		v.addf(&stp, "status %q is not one of %s, %s, %s, %s", g.Status, StatusReported, StatusConfirmed, StatusDeniedByPartner, StatusEnded)
	}
	srcPath := p.dot("sources")
	switch {
	case len(g.Sources) == 0:
		v.add(&srcPath, "no sources; every grant cites at least one")
	case len(g.Sources) > MaxSources:
		v.addf(&srcPath, "%d sources, more than %d", len(g.Sources), MaxSources)
	default:
		for i := range g.Sources {
			ep := p.at("sources", i)
			v.source(&ep, &g.Sources[i])
		}
	}
	if len(g.Responses) > MaxResponses {
		rp := p.dot("responses")
		v.addf(&rp, "%d responses, more than %d", len(g.Responses), MaxResponses)
		return
	}
	for i := range g.Responses {
		ep := p.at("responses", i)
		v.response(&ep, &g.Responses[i])
	}
}

// period checks a grant's period: From is a date, To is empty or a date not
// before From.
func (v *validator) period(p *path, per *Period) {
	pp := p.dot("period")
	fp := pp.dot("from")
	okFrom := v.partialDate(&fp, per.From)
	if per.To == "" {
		return
	}
	tp := pp.dot("to")
	if v.partialDate(&tp, per.To) && okFrom {
		n := min(len(per.From), len(per.To))
		if per.To[:n] < per.From[:n] {
			v.addf(&tp, "%q is before from %q", per.To, per.From)
		}
	}
}

// source checks one source.
func (v *validator) source(p *path, s *Source) {
	tp := p.dot("title")
	v.text(&tp, s.Title, MaxTextBytes)
	pp := p.dot("publisher")
	v.name(&pp, s.Publisher)
	dp := p.dot("date")
	v.fullDate(&dp, s.Date)
	up := p.dot("url")
	v.httpsURL(&up, s.URL)
}

// response checks one response.
func (v *validator) response(p *path, r *Response) {
	bp := p.dot("by")
	v.name(&bp, r.By)
	tp := p.dot("text")
	v.text(&tp, r.Text, MaxTextBytes)
	if r.Date != "" {
		dp := p.dot("date")
		v.fullDate(&dp, r.Date)
	}
	if r.URL != "" {
		up := p.dot("url")
		v.httpsURL(&up, r.URL)
	}
}
