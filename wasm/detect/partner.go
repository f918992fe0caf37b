package detect

import "github.com/partnerwatch/partnerwatch/wasm/list"

// partnerMatch resolves partner pi, matched by domain d, for display.
func (e *Engine) partnerMatch(pi int, d string) *PartnerMatch {
	p := &e.list.Partners[pi]
	m := &PartnerMatch{ID: p.ID, Name: p.Name, Domain: d, Grants: make([]GrantView, 0, len(p.Grants))}
	for _, g := range p.Grants {
		v := GrantView{Grant: g, Severity: list.SeverityLow, Resolved: make([]list.Permission, 0, len(g.Permissions))}
		for _, id := range g.Permissions {
			perm, ok := e.permissions[id]
			if !ok {
				perm = list.Permission{ID: id, Label: id, Severity: list.SeverityMedium}
			}
			v.Resolved = append(v.Resolved, perm)
			v.Severity = list.MaxSeverity(v.Severity, perm.Severity)
		}
		m.Grants = append(m.Grants, v)
	}
	return m
}

// Partner returns the partner that operates site, a registrable domain (or a
// host without one), with its grants resolved; nil when the list names none.
func (e *Engine) Partner(site string, ip bool) *PartnerMatch {
	var m *PartnerMatch
	walkDomains(site, ip, func(d string) bool {
		if pi, ok := e.partnerDomains[d]; ok {
			m = e.partnerMatch(int(pi), d)
			return true
		}
		return false
	})
	return m
}

// GrantsFor returns the indexes into m.Grants of the grants whose platform is
// provider; never nil.
func GrantsFor(m *PartnerMatch, provider string) []int {
	out := []int{}
	if m == nil {
		return out
	}
	for i, g := range m.Grants {
		if g.Platform == provider {
			out = append(out, i)
		}
	}
	return out
}

// ProviderName returns the display name of a provider ID, or the ID when the
// list does not name it.
func (e *Engine) ProviderName(id string) string {
	if pi, ok := e.providerByID[id]; ok && e.providers[pi].name != "" {
		return e.providers[pi].name
	}
	return id
}
