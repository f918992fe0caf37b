package list

// corrections checks the corrections log: each entry dated, naming a
// partner of the list or none, saying what changed and why, with an https
// source.
func (v *validator) corrections(cs []Correction) {
	root := (*path)(nil)
	if len(cs) > MaxCorrections {
		p := root.dot("corrections")
		v.addf(&p, "%d corrections, more than %d", len(cs), MaxCorrections)
		return
	}
	for i := range cs {
		if v.done() {
			return
		}
		c := &cs[i]
		p := root.at("corrections", i)
		dp := p.dot("date")
		v.fullDate(&dp, c.Date)
		if c.Partner != "" && !v.partners[c.Partner] {
			pp := p.dot("partner")
			v.addf(&pp, "%q is not a partner id of this list", c.Partner)
		}
		cp := p.dot("change")
		v.text(&cp, c.Change, MaxTextBytes)
		rp := p.dot("reason")
		v.text(&rp, c.Reason, MaxTextBytes)
		up := p.dot("url")
		v.httpsURL(&up, c.URL)
	}
}
