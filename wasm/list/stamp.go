package list

import "time"

// Stamp prepares l for signing: it sets Schema, sets Version to the issue
// time in Unix seconds, and sets IssuedAt and ExpiresAt (issued plus
// validity) as RFC 3339 UTC times.
func Stamp(l *List, issued time.Time, validity time.Duration) {
	issued = issued.UTC().Truncate(time.Second)
	l.Schema = Schema
	l.Version = issued.Unix()
	l.IssuedAt = issued.Format(time.RFC3339)
	l.ExpiresAt = issued.Add(validity).Format(time.RFC3339)
}

// Stale reports whether now is past the list's expiry. A stale list keeps
// working; the extension shows it as stale. A list whose ExpiresAt does not
// parse (Validate refuses those) counts as stale.
func (l *List) Stale(now time.Time) bool {
	expires, err := time.Parse(time.RFC3339, l.ExpiresAt)
	if err != nil {
		return true
	}
	return now.After(expires)
}
