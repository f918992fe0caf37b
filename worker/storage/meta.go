package storage

import (
	"crypto/ed25519"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// anySkew is a clock allowance so large (about 146 years) that Reverify
// never refuses a list for its issue time.
const anySkew = 1 << 62

// Reverify checks an envelope that was accepted once already (the bundled
// list, a stored record, the list being served): size, envelope, signature
// by a pinned key and payload, but not the issue time against the clock, so
// such a list stays servable on a machine whose clock lags the signer's.
// Like list.Verify, it never refuses an expired list (see Meta.Stale).
func Reverify(envelope []byte, keys map[string]ed25519.PublicKey) (*list.Verified, error) {
	return list.Verify(envelope, keys, list.VerifyOptions{MaxSkew: anySkew})
}

// MetaOf returns the metadata of a verified envelope.
func MetaOf(v *list.Verified) Meta {
	return Meta{
		ID:        v.List.ID,
		Version:   v.List.Version,
		IssuedAt:  v.List.IssuedAt,
		ExpiresAt: v.List.ExpiresAt,
		KeyID:     v.KeyID,
		SHA256:    v.SHA256,
	}
}
