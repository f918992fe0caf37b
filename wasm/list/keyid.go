package list

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
)

// KeyID names a public key: the first 16 hex characters of the SHA-256 of
// its 32 bytes. Envelopes name their signing key this way, and clients look
// the name up among their pinned keys.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}
