package list

import (
	"strings"
	"unicode/utf8"
)

// grant checks one grant: its platform and permissions, a summary without
// quotation marks, its evidence against its sources and responses, its
// access, and each source and response.
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
	if q := quotationMark(g.Summary); q != "" {
		v.addf(&sp, "holds the quotation mark %s; a summary is in the list's own words, put a quote in a response of kind quote", q)
	}
	ap := p.dot("account")
	v.optionalText(&ap, g.Account, MaxTextBytes)
	v.access(p, &g.Access)
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
		v.pressOnly(&srcPath, g.Sources)
	}
	if len(g.Responses) > MaxResponses {
		rp := p.dot("responses")
		v.addf(&rp, "%d responses, more than %d", len(g.Responses), MaxResponses)
	} else {
		for i := range g.Responses {
			ep := p.at("responses", i)
			v.response(&ep, &g.Responses[i])
		}
	}
	v.evidence(p, g)
}

// evidence checks that a grant's evidence is one of the Evidence values and
// that its sources or responses can carry it (the evidence ladder of
// LIST.md): a confirmation needs the confirming party's own statement, as a
// source of its kind, a primary document or a quote of that party; a
// denial needs a response of the partner.
func (v *validator) evidence(p *path, g *Grant) {
	ep := p.dot("evidence")
	switch g.Evidence {
	case EvidenceReportedByPress, EvidenceAllegedInCourt:
	case EvidenceConfirmedByPlatform:
		if !hasSource(g.Sources, SourcePlatformStatement) && !hasSource(g.Sources, SourcePrimaryDocument) && !hasQuote(g.Responses, PartyPlatform) {
			v.add(&ep, "confirmed-by-platform needs a platform-statement or primary-document source, or a quote of the platform")
		}
	case EvidenceConfirmedByPartner:
		if !hasSource(g.Sources, SourcePartnerStatement) && !hasSource(g.Sources, SourcePrimaryDocument) && !hasQuote(g.Responses, PartyPartner) {
			v.add(&ep, "confirmed-by-partner needs a partner-statement or primary-document source, or a quote of the partner")
		}
	case EvidenceDeniedByPartner:
		denied := false
		for i := range g.Responses {
			r := &g.Responses[i]
			if r.Party == PartyPartner && (r.Kind == ResponseQuote || r.Kind == ResponseSummary) {
				denied = true
			}
		}
		if !denied {
			v.add(&ep, "denied-by-partner needs a response of the partner (a quote or a summary) that records the denial")
		}
	case "":
		v.addf(&ep, "missing; want one of %s, %s, %s, %s, %s", EvidenceReportedByPress, EvidenceConfirmedByPlatform, EvidenceConfirmedByPartner, EvidenceAllegedInCourt, EvidenceDeniedByPartner)
	default:
		v.addf(&ep, "%q is not one of %s, %s, %s, %s, %s", g.Evidence, EvidenceReportedByPress, EvidenceConfirmedByPlatform, EvidenceConfirmedByPartner, EvidenceAllegedInCourt, EvidenceDeniedByPartner)
	}
}

// hasSource reports whether a source of the kind is among sources.
func hasSource(sources []Source, kind string) bool {
	for i := range sources {
		if sources[i].Kind == kind {
			return true
		}
	}
	return false
}

// hasQuote reports whether a quote of the party is among responses.
func hasQuote(responses []Response, party string) bool {
	for i := range responses {
		if responses[i].Kind == ResponseQuote && responses[i].Party == party {
			return true
		}
	}
	return false
}

// pressOnly checks the two-source rule: a grant whose sources are all press
// reports cites at least two publishers.
func (v *validator) pressOnly(p *path, sources []Source) {
	for i := range sources {
		if sources[i].Kind != SourcePressReport {
			return
		}
	}
	for i := range sources {
		for j := range sources[:i] {
			if !strings.EqualFold(sources[i].Publisher, sources[j].Publisher) {
				return
			}
		}
	}
	v.add(p, "only press reports from one publisher; a press-only claim needs two independent publishers, or a statement or primary document")
}

// access checks a grant's access: a known state, partial dates, an end (To
// or By) exactly when ended, an AsOf date exactly when ongoing or unknown,
// and no end before the start.
func (v *validator) access(p *path, a *Access) {
	ap := p.dot("access")
	sp := ap.dot("state")
	fp, tp, bp, op := ap.dot("from"), ap.dot("to"), ap.dot("by"), ap.dot("as_of")
	okFrom := a.From == "" || v.partialDate(&fp, a.From)
	switch a.State {
	case AccessEnded:
		switch {
		case a.To == "" && a.By == "":
			v.add(&sp, "ended needs to (the end date) or by (a date by which it had ended)")
		case a.To != "" && a.By != "":
			v.add(&tp, "give to or by, not both")
		}
		for _, end := range []struct {
			p *path
			s string
		}{{&tp, a.To}, {&bp, a.By}} {
			if end.s != "" && v.partialDate(end.p, end.s) && okFrom && a.From != "" {
				n := min(len(a.From), len(end.s))
				if end.s[:n] < a.From[:n] {
					v.addf(end.p, "%q is before from %q", end.s, a.From)
				}
			}
		}
		if a.AsOf != "" {
			v.add(&op, "an ended access takes to or by, not as_of")
		}
	case AccessOngoing, AccessUnknown:
		if a.To != "" {
			v.addf(&tp, "a %s access has no end date; set state to ended", a.State)
		}
		if a.By != "" {
			v.addf(&bp, "a %s access has no end date; set state to ended", a.State)
		}
		if a.AsOf == "" {
			v.addf(&op, "missing; a %s access says as of which date (YYYY-MM-DD)", a.State)
		} else {
			v.fullDate(&op, a.AsOf)
		}
	case "":
		v.addf(&sp, "missing; want %s, %s or %s", AccessOngoing, AccessEnded, AccessUnknown)
	default:
		v.addf(&sp, "%q is not one of %s, %s, %s", a.State, AccessOngoing, AccessEnded, AccessUnknown)
	}
}

// source checks one source.
func (v *validator) source(p *path, s *Source) {
	kp := p.dot("kind")
	switch s.Kind {
	case SourcePrimaryDocument, SourcePlatformStatement, SourcePartnerStatement, SourcePressReport:
	case "":
		v.addf(&kp, "missing; want %s, %s, %s or %s", SourcePrimaryDocument, SourcePlatformStatement, SourcePartnerStatement, SourcePressReport)
	default:
		v.addf(&kp, "%q is not one of %s, %s, %s, %s", s.Kind, SourcePrimaryDocument, SourcePlatformStatement, SourcePartnerStatement, SourcePressReport)
	}
	tp := p.dot("title")
	v.text(&tp, s.Title, MaxTextBytes)
	pp := p.dot("publisher")
	v.name(&pp, s.Publisher)
	dp := p.dot("date")
	v.partialDate(&dp, s.Date)
	up := p.dot("url")
	v.httpsURL(&up, s.URL)
	rp := p.dot("read")
	v.fullDate(&rp, s.Read)
	if len(s.Read) == 10 && isPartialDate(s.Read) && isPartialDate(s.Date) && s.Read[:len(s.Date)] < s.Date {
		v.addf(&rp, "%q is before the publication date %q", s.Read, s.Date)
	}
	if s.Archive != "" {
		arp := p.dot("archive")
		v.httpsURL(&arp, s.Archive)
	}
}

// response checks one response: a known kind and party, a dated https
// source, a quote with a speaker and without enclosing quotation marks, a
// summary without any, and no text for a refusal to comment.
func (v *validator) response(p *path, r *Response) {
	kp := p.dot("kind")
	tp := p.dot("text")
	switch r.Kind {
	case ResponseQuote:
		v.text(&tp, r.Text, MaxTextBytes)
		if t := strings.TrimSpace(r.Text); t != "" && (isQuoteRune(firstRune(t)) || isQuoteRune(lastRune(t))) {
			v.add(&tp, "starts or ends with a quotation mark; store the quote's words only, the views add the marks")
		}
		sp := p.dot("speaker")
		if r.Speaker == "" {
			v.add(&sp, "missing; a quote names who said it (a person, or \"a spokesperson\")")
		} else {
			v.name(&sp, r.Speaker)
		}
	case ResponseSummary:
		v.text(&tp, r.Text, MaxTextBytes)
		if q := quotationMark(r.Text); q != "" {
			v.addf(&tp, "holds the quotation mark %s; a summary is in the list's own words, make a verbatim quote a response of kind quote", q)
		}
		if r.Speaker != "" {
			sp := p.dot("speaker")
			v.name(&sp, r.Speaker)
		}
	case ResponseDeclined, ResponseNoReply:
		if r.Text != "" {
			v.addf(&tp, "a %s response has no text; the views say it in their own words", r.Kind)
		}
		if r.Speaker != "" {
			sp := p.dot("speaker")
			v.name(&sp, r.Speaker)
		}
	case "":
		v.addf(&kp, "missing; want %s, %s, %s or %s", ResponseQuote, ResponseSummary, ResponseDeclined, ResponseNoReply)
	default:
		v.addf(&kp, "%q is not one of %s, %s, %s, %s", r.Kind, ResponseQuote, ResponseSummary, ResponseDeclined, ResponseNoReply)
	}
	bp := p.dot("by")
	v.name(&bp, r.By)
	pp := p.dot("party")
	switch r.Party {
	case PartyPartner, PartyPlatform, PartyOther:
	default:
		v.addf(&pp, "%q is not one of %s, %s, %s", r.Party, PartyPartner, PartyPlatform, PartyOther)
	}
	dp := p.dot("date")
	if r.Date == "" {
		v.add(&dp, "missing; every response is dated (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)")
	} else {
		v.partialDate(&dp, r.Date)
	}
	up := p.dot("url")
	v.httpsURL(&up, r.URL)
}

// quotationMark returns the first quotation mark in s, or "". The ASCII
// apostrophe and U+2019 are apostrophes in English text and are not counted.
func quotationMark(s string) string {
	for _, c := range s {
		if isQuoteRune(c) {
			return string(c)
		}
	}
	return ""
}

// isQuoteRune reports whether c is a double or guillemet quotation mark, or
// a left single quotation mark.
func isQuoteRune(c rune) bool {
	switch c {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2039', '\u203a', '\u2018', '\u300c', '\u300d':
		return true
	}
	return false
}

// firstRune returns the first rune of a non-empty string.
func firstRune(s string) rune {
	for _, c := range s {
		return c
	}
	return 0
}

// lastRune returns the last rune of a non-empty string.
func lastRune(s string) rune {
	c, _ := utf8.DecodeLastRuneInString(s)
	return c
}
