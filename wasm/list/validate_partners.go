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
	v.partners = ids
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
