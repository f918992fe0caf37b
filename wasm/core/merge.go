package core

import (
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// Several lists, merged here and nowhere else.
//
// The detection list (the bundled list, or its synced successor) gives
// everything: providers, widgets, cues and partners. A grants list
// (LoadRequest.Extra) gives only its partners and their grants, with its own
// permission catalogue for their labels; its providers and widgets serve only
// to validate it and never detect anything. For a site:
//
//   - the operator is the partner the detection list names for it, else the
//     one the first grants list (in load order) that names one gives;
//   - every list that names the same operator id for the site adds its
//     grants, in list order, each tagged with its list id;
//   - a list that names another operator id for the site (a conflict)
//     adds nothing for that site: the earlier list's operator stands;
//   - a grant whose platform is not a provider of the detection list is
//     shown with the partner but matches no finding.

// withExtra stores e as the grants list of id: in place of one with that
// id, else after the others. A grants list cannot take the detection list's
// id.
func (c *Core) withExtra(id string, e *detect.Engine) *Error {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.state.Load()
	s := &state{}
	if old != nil {
		*s = *old
	}
	if s.engine != nil && s.info.ID == id {
		return &Error{Code: CodeBadRequest, Message: "the grants list " + id + " has the detection list's id", Path: "list_id"}
	}
	s.extras = make([]extra, 0, len(s.extras)+1)
	replaced := false
	for _, x := range old.extrasOrNil() {
		if x.id == id {
			x.engine, replaced = e, true
		}
		s.extras = append(s.extras, x)
	}
	if !replaced {
		s.extras = append(s.extras, extra{id: id, engine: e})
	}
	c.state.Store(s)
	return nil
}

// extrasOrNil answers the grants lists of a state that may be nil.
func (s *state) extrasOrNil() []extra {
	if s == nil {
		return nil
	}
	return s.extras
}

// DropList forgets the grants list a DropRequest names; dropping a list that
// is not loaded is not an error.
func (c *Core) DropList(req []byte) []byte {
	return guard(func() *Response {
		var r DropRequest
		if bad := decode("drop request", req, 1<<10, &r); bad != nil {
			return bad
		}
		if r.ListID == "" {
			return &Response{Error: &Error{Code: CodeBadRequest, Message: "the drop request has no list_id", Path: "list_id"}}
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		old := c.state.Load()
		if old == nil {
			return &Response{OK: true}
		}
		s := *old
		s.extras = nil
		for _, x := range old.extras {
			if x.id != r.ListID {
				s.extras = append(s.extras, x)
			}
		}
		c.state.Store(&s)
		return &Response{OK: true}
	})
}

// merge answers the partner for site across the state's lists (see the rules
// above), starting from m, the detection list's match (nil when it names
// none), and the list id of each of its grants.
func (s *state) merge(m *detect.PartnerMatch, site string) (*detect.PartnerMatch, []string) {
	var prov []string
	if m != nil {
		prov = repeat(s.info.ID, len(m.Grants))
	}
	if site == "" {
		return m, prov
	}
	ip := domain.IsIP(site)
	for _, x := range s.extras {
		o := x.engine.Partner(site, ip)
		switch {
		case o == nil:
			continue
		case m == nil:
			m = o
		case o.ID != m.ID:
			continue // a conflicting operator: the earlier list's stands
		default:
			m.Grants = append(m.Grants, o.Grants...)
		}
		prov = append(prov, repeat(x.id, len(o.Grants))...)
	}
	return m, prov
}

// repeat answers n copies of id.
func repeat(id string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = id
	}
	return out
}
