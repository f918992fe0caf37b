package list

import (
	"fmt"
	"time"
)

// Validate checks every rule of the list format and returns the first
// broken one as a *ValidationError, or nil. Decoding never validates (easyjson
// does not), so every decoded list must pass Validate before use.
//
// The rules, by part of the list:
//   - the list: schema is Schema, id is a slug, version is positive,
//     issued_at and expires_at are RFC 3339 and expiry follows issue;
//   - permissions: unique slug ids, non-empty labels, severity low, medium
//     or high;
//   - providers: unique lowercase slug ids, names, registrable domains,
//     widgets with list-wide unique slug ids, kind login or messaging, at
//     least one strong signal, and well-formed signals (see checkSignals);
//     an optional slug operator; tokens on login widgets only, each naming
//     one provider;
//   - cues: lower-case words within their caps, routes and negative words
//     single words;
//   - partners: unique slug ids, names, registrable domains that no other
//     partner claims, and at least one grant naming a provider, catalogue
//     permissions, a summary without quotation marks, an access state with
//     its dates, evidence that its sources or responses can carry, at least
//     one typed, dated and read source (two publishers when all are press
//     reports), and responses that are dated quotes with a speaker,
//     summaries without quotation marks, or recorded refusals;
//   - corrections: dated, naming a partner of the list or none, with what
//     changed, why, and an https source.
//
// The caps in limits.go bound every array and string.
func (l *List) Validate() error {
	v := validator{limit: 1}
	v.list(l)
	if len(v.problems) == 0 {
		return nil
	}
	p := v.problems[0]
	return &ValidationError{Path: p.Path, Reason: p.Reason}
}

// Problems returns every broken rule, in document order, for list
// maintainers (listctl lint). It stops after 10,000 problems.
func (l *List) Problems() []Problem {
	v := validator{limit: maxProblemsCollected}
	v.list(l)
	return v.problems
}

// validator walks a list and collects problems up to limit.
type validator struct {
	limit    int
	problems []Problem

	permissions map[string]bool   // permission IDs, for grants
	providers   map[string]bool   // provider IDs, for grants
	widgets     map[string]string // widget IDs to the path that defines them
	domains     map[string]int    // partner domains to the partner index that claims them
	partners    map[string]bool   // partner IDs, for corrections
	selectors   int               // selectors seen so far
	tokenOwners map[string]string // control tokens to the provider they name
}

// add records a problem at p.
func (v *validator) add(p *path, reason string) {
	if v.done() {
		return
	}
	v.problems = append(v.problems, Problem{Path: p.String(), Reason: reason})
}

// addf records a formatted problem at p.
func (v *validator) addf(p *path, format string, args ...any) {
	if v.done() {
		return
	}
	v.add(p, fmt.Sprintf(format, args...))
}

// done reports whether the limit is reached, so that walks can stop early.
func (v *validator) done() bool {
	return len(v.problems) >= v.limit
}

// list checks the whole list.
func (v *validator) list(l *List) {
	root := (*path)(nil)
	if l.Schema != Schema {
		p := root.dot("schema")
		v.addf(&p, "schema is %d, want %d", l.Schema, Schema)
	}
	{
		p := root.dot("id")
		v.slug(&p, l.ID)
	}
	if l.Version <= 0 {
		p := root.dot("version")
		v.addf(&p, "version is %d, want a positive number (by convention the issue time in Unix seconds)", l.Version)
	}
	issuedPath, expiresPath := root.dot("issued_at"), root.dot("expires_at")
	issued, okIssued := v.timestamp(&issuedPath, l.IssuedAt)
	expires, okExpires := v.timestamp(&expiresPath, l.ExpiresAt)
	if okIssued && okExpires && !expires.After(issued) {
		v.addf(&expiresPath, "expires_at %s is not after issued_at %s", l.ExpiresAt, l.IssuedAt)
	}
	v.permissionCatalogue(l.Permissions)
	v.providerList(l.Providers)
	v.partnerList(l.Partners)
	v.corrections(l.Corrections)
	v.cues(l.Cues)
}

// timestamp checks an RFC 3339 time.
func (v *validator) timestamp(p *path, s string) (time.Time, bool) {
	if s == "" {
		v.add(p, "missing; want an RFC 3339 time such as 2026-01-02T15:04:05Z")
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		v.addf(p, "%q is not an RFC 3339 time such as 2026-01-02T15:04:05Z", s)
		return time.Time{}, false
	}
	return t, true
}

// permissionCatalogue checks the permissions and records their IDs.
func (v *validator) permissionCatalogue(perms []Permission) {
	root := (*path)(nil)
	v.permissions = make(map[string]bool, len(perms))
	if len(perms) > MaxPermissions {
		p := root.dot("permissions")
		v.addf(&p, "%d permissions, more than %d", len(perms), MaxPermissions)
		return
	}
	for i := range perms {
		if v.done() {
			return
		}
		perm := &perms[i]
		p := root.at("permissions", i)
		idPath := p.dot("id")
		if v.slug(&idPath, perm.ID) {
			if v.permissions[perm.ID] {
				v.addf(&idPath, "permission %q is defined twice", perm.ID)
			}
			v.permissions[perm.ID] = true
		}
		labelPath := p.dot("label")
		v.name(&labelPath, perm.Label)
		switch perm.Severity {
		case SeverityLow, SeverityMedium, SeverityHigh:
		default:
			sp := p.dot("severity")
			v.addf(&sp, "severity %q is not one of low, medium, high", perm.Severity)
		}
	}
}
