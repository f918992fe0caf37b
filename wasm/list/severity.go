package list

// SeverityRank orders severities from least to most sensitive: low 0,
// medium 1, high 2. An unknown string ranks as medium, the severity a
// permission the list does not define is shown with. It is the one order
// the core uses (grants here and in package detect, OAuth scopes in package
// oauth).
func SeverityRank(s string) int {
	switch s {
	case SeverityLow:
		return 0
	case SeverityHigh:
		return 2
	}
	return 1
}

// MaxSeverity returns the more sensitive of two severities (a when they
// rank the same).
func MaxSeverity(a, b string) string {
	if SeverityRank(b) > SeverityRank(a) {
		return b
	}
	return a
}
