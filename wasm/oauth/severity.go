package oauth

// Severities of a scope, from least to most sensitive. They are the same
// strings as the list's severities (package list), so a scope and a grant
// compare directly.
const (
	// SeverityLow is for sign-in basics: openid, email, public profile.
	SeverityLow = "low"
	// SeverityMedium is for friends lists, posts, activity, profile details
	// beyond the basics, and any scope the catalogue does not know.
	SeverityMedium = "medium"
	// SeverityHigh is for messages and mail, contacts, files, calendars,
	// write access to code, and administration.
	SeverityHigh = "high"
)

// severityRank orders severities; an unknown string ranks as medium.
func severityRank(s string) int {
	switch s {
	case SeverityLow:
		return 0
	case SeverityHigh:
		return 2
	}
	return 1
}

// maxSeverity returns the higher of two severities.
func maxSeverity(a, b string) string {
	if severityRank(b) > severityRank(a) {
		return b
	}
	return a
}
