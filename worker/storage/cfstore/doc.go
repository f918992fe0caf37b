// Package cfstore keeps the list worker's current record on Cloudflare: KV
// holds the data, read at the edge, and a single D1 row is the atomic
// version check that KV cannot give.
//
// KV layout: "meta" is the current storage.Meta as JSON (a few hundred
// bytes, all that a conditional GET or /v1/status reads), and
// "envelope/<sha256>" holds each envelope byte for byte. Envelope keys are
// content-addressed and written before the "meta" that points to them, so
// metadata and envelope always match. Superseded envelopes are collected
// (Store.Collect) once they have been out of service for Store.Grace.
//
// An upload takes a short write lease on the D1 row with one conditional
// UPDATE:
//
//	UPDATE list_head SET lease_version = ?v, lease_until = ?until
//	 WHERE id = 1 AND (version < ?v OR (version = ?v AND sha256 = ?sha))
//	   AND (lease_until IS NULL OR lease_until < ?now)
//
// One row changed means this upload holds the lease and its version is
// greater than the committed one; no row changed means either a rollback
// (storage.ConflictError) or another upload in flight (storage.ErrBusy).
// The holder writes the envelope (the slow step), then commits the version
// and renews the lease with "UPDATE ... SET version = ?v WHERE lease_version
// = ?v AND lease_until >= ?now", giving up if it lost the lease, then
// writes "meta" (a few hundred bytes), which makes the list live, and
// releases the lease. D1 holds the new version before KV serves it, so the
// served version never goes down when a step fails; the claim also admits
// the list D1 committed last, so that sending a half-done upload again
// completes it. Only a current lease holder writes "meta", so an older
// record can land last only if that one small KV write takes longer than
// the whole renewed 30-second lease; D1 (one primary, serialisable writes)
// makes the compare step atomic across all Cloudflare locations. KV has no compare-and-swap, so this window cannot be
// closed entirely without reading the version from D1 on every GET.
//
// KV is eventually consistent: a new value is visible at once in the
// location that wrote it and within about 60 seconds everywhere else, so
// during that window some locations still serve the previous list. Clients
// re-verify every list and never accept a lower version, so this costs
// freshness, not safety.
//
// Only files ending in _js.go use syscall/js; this file lets the package
// build (empty) on other platforms.
package cfstore
