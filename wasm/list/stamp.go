package list

import (
	"fmt"
	"time"
)

// MaxVersion is the largest list version: 2^53−1, the largest integer a
// JavaScript number holds exactly. The extension keeps versions as numbers,
// so a larger one would be rounded there and compare wrongly.
const MaxVersion = 1<<53 - 1

// MaxValidity is the longest a list may stay fresh: expires_at may lie at
// most this long after issued_at. It bounds how long a mirror can replay an
// old list before clients show it as stale (TUF's freeze attack). A release
// is signed for 30 days by default (listctl sign -validity), so 90 days
// leaves room for two missed re-signings.
const MaxValidity = 90 * 24 * time.Hour

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

// CheckStamp checks the rules that tie a signed list's version to time, the
// ones Stamp follows: the version is the issue time in Unix seconds (so,
// with Verify's clock check, no list can claim a version more than the
// clock skew ahead of now, which bounds a fast-forward), it is at most
// MaxVersion, and the list expires at most MaxValidity after its issue.
// Verify applies it to every list; the list must have passed Validate.
func CheckStamp(l *List) *Error {
	if l.Version > MaxVersion {
		return &Error{Code: CodeBadVersion, Path: "version", Message: fmt.Sprintf("version %d is larger than %d (2^53-1)", l.Version, int64(MaxVersion))}
	}
	issued, err1 := time.Parse(time.RFC3339, l.IssuedAt)
	expires, err2 := time.Parse(time.RFC3339, l.ExpiresAt)
	if err1 != nil || err2 != nil {
		return &Error{Code: CodeInvalidList, Path: "issued_at", Message: "issued_at or expires_at is not an RFC 3339 time"}
	}
	if l.Version != issued.Unix() {
		return &Error{Code: CodeBadVersion, Path: "version", Message: fmt.Sprintf("version %d is not the issue time %s in Unix seconds (%d)", l.Version, l.IssuedAt, issued.Unix())}
	}
	if d := expires.Sub(issued); d > MaxValidity {
		return &Error{Code: CodeBadValidity, Path: "expires_at", Message: fmt.Sprintf("the list stays valid for %s after its issue, more than the %s limit", d, MaxValidity)}
	}
	return nil
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
