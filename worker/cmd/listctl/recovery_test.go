package main

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestRecoveryFromASigningMistake follows SECURITY.md, "Recovering from a
// signing mistake", with listctl alone: a list signed with a clock far ahead
// is refused; one signed within the skew holds newer lists off only until
// the clock passes it; and a rotated key's list is accepted by clients that
// pin the new key, whatever version the old key's list had.
func TestRecoveryFromASigningMistake(t *testing.T) {
	src := writeFiles(t, sourceFiles())
	oldPriv, oldPub := keyPair(t)
	dir := t.TempDir()
	sign := func(name, priv string, at time.Time) string {
		out := filepath.Join(dir, name+".json")
		runListctl(t, nil, "sign", "-key", priv, "-in", src, "-at", at.Format(time.RFC3339), "-out", out).want(t, 0)
		return out
	}

	// Asked to sign a year ahead, listctl refuses; a list signed on a clock
	// a year ahead is refused by listctl verify (and clients, and the worker).
	runListctl(t, nil, "sign", "-key", oldPriv, "-in", src, "-at", testNow.AddDate(1, 0, 0).Format(time.RFC3339)).want(t, 2, "after this machine's clock")
	saved := testNow
	testNow = testNow.AddDate(1, 0, 0)
	yearAhead := sign("year-ahead", oldPriv, testNow)
	testNow = saved
	runListctl(t, nil, "verify", "-keys", oldPub, yearAhead).want(t, 1, "not_yet_valid")

	// Nine minutes ahead: accepted, and it holds a list signed now off...
	ahead := testNow.Add(9 * time.Minute)
	aheadList := sign("nine-minutes-ahead", oldPriv, ahead)
	runListctl(t, nil, "verify", "-keys", oldPub, aheadList).want(t, 0)
	floor := strconv.FormatInt(ahead.Unix(), 10)
	fixed := sign("fixed-now", oldPriv, testNow)
	runListctl(t, nil, "verify", "-keys", oldPub, "-min-version", floor, fixed).want(t, 1, "rollback")
	// ...only until the clock passes it: a list signed then is newer.
	testNow = ahead.Add(time.Second)
	later := sign("fixed-later", oldPriv, testNow)
	runListctl(t, nil, "verify", "-keys", oldPub, "-min-version", floor, later).want(t, 0)
	testNow = saved

	// Rotation: a new key signs the corrected list; the old key's pin no
	// longer accepts it, the new one does, bound to the list's id.
	newPriv, newPub := keyPair(t)
	rotated := sign("rotated", newPriv, testNow)
	runListctl(t, nil, "verify", "-keys", oldPub, rotated).want(t, 1, "unknown_key")
	runListctl(t, nil, "verify", "-keys", newPub, "-list-id", "partnerwatch-default", rotated).want(t, 0)
}
