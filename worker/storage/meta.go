package storage

import "github.com/partnerwatch/partnerwatch/wasm/list"

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
