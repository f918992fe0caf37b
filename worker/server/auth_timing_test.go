package server

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAuthorisedTiming checks that how long the token check takes does not
// depend on how much of a wrong token is right (SECURITY.md, D1): a token
// wrong in its first byte and one wrong only in its last take the same
// time. The token is long (4 KiB), so that a comparison that stops at the
// first differing byte would take many times longer for the second; the
// digests authorised compares make both cost one hash of the same length.
// Short batches of the two alternate, and the fastest of each is compared:
// a busy machine only ever adds time, so the fastest batch is the one
// nothing interrupted.
func TestAuthorisedTiming(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	want := strings.Repeat("k", 4096)
	early := "Bearer x" + want[1:]
	late := "Bearer " + want[:len(want)-1] + "x"
	if authorised(early, want) || authorised(late, want) || !authorised("Bearer "+want, want) {
		t.Fatal("authorised does not tell the tokens apart")
	}
	batch := func(header string) time.Duration {
		start := time.Now()
		for range 50 {
			authorised(header, want)
		}
		return time.Since(start)
	}
	var a, b []time.Duration
	for range 101 {
		a = append(a, batch(early))
		b = append(b, batch(late))
	}
	fa, fb := slices.Min(a), slices.Min(b)
	ratio := float64(fb) / float64(fa)
	t.Logf("fastest batch: wrong first byte %v, wrong last byte %v, ratio %.2f", fa, fb, ratio)
	if ratio > 1.5 || ratio < 1/1.5 {
		t.Errorf("a token wrong only in its last byte takes %.2f times as long to refuse as one wrong in its first", ratio)
	}
}
