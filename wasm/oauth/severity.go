package oauth

import "github.com/partnerwatch/partnerwatch/wasm/list"

// Severities of a scope, from least to most sensitive: the list's own
// (package list), so a scope and a grant compare directly and rank in one
// order (list.SeverityRank).
const (
	// SeverityLow is for sign-in basics: openid, email, public profile.
	SeverityLow = list.SeverityLow
	// SeverityMedium is for friends lists, posts, activity, profile details
	// beyond the basics, and any scope the catalogue does not know.
	SeverityMedium = list.SeverityMedium
	// SeverityHigh is for messages and mail, contacts, files, calendars,
	// write access to code, and administration.
	SeverityHigh = list.SeverityHigh
)
