// Package storage defines how the list worker keeps the current signed list:
// a Store holds one Record, the envelope exactly as uploaded plus the few
// facts about it (Meta) that the read routes need, so that serving
// GET /v1/list never parses the list payload, and answering a conditional
// GET or /v1/status reads the metadata only.
//
// Versions only go up. Put is a compare-and-swap on the version: a Store
// refuses a record whose version is not greater than the stored one with a
// *ConflictError, whatever the interleaving of concurrent uploads. The native
// server keeps the record in a file (package filestore); on Cloudflare
// Workers it lives in KV, with D1 as the atomic version check (package
// cfstore).
package storage

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sources of the record a worker serves.
const (
	// SourceStored is a list uploaded to this worker and kept in its store.
	SourceStored = "stored"
	// SourceBundled is the list built into the worker, served while the
	// store is empty, unreadable or holds a list that fails verification.
	SourceBundled = "bundled"
)

// ErrNotFound is returned by Head when the store holds no list yet.
var ErrNotFound = errors.New("storage: no list stored")

// Meta describes a stored envelope. It is computed once, when the envelope
// is verified (at upload, or when the bundle is built), and kept beside it.
type Meta struct {
	// ID, Version, IssuedAt and ExpiresAt are copied from the list payload.
	ID        string `json:"id"`
	Version   int64  `json:"version"`
	IssuedAt  string `json:"issued_at"`
	ExpiresAt string `json:"expires_at"`
	// KeyID names the key that signed the envelope.
	KeyID string `json:"key_id"`
	// SHA256 is the hex SHA-256 of the envelope bytes; the worker's ETag.
	SHA256 string `json:"sha256"`
}

// Stale reports whether the list is past its expiry at now, as
// list.(*List).Stale does. An expiry that does not parse counts as stale.
func (m Meta) Stale(now time.Time) bool {
	exp, err := time.Parse(time.RFC3339, m.ExpiresAt)
	if err != nil {
		return true
	}
	return now.After(exp)
}

// Record is an envelope and its metadata.
type Record struct {
	Meta     Meta
	Envelope []byte
}

// Store keeps the current record.
type Store interface {
	// Head returns the current record's metadata, or ErrNotFound when there
	// is none.
	Head(ctx context.Context) (Meta, error)
	// Envelope returns the envelope that m, as returned by Head, describes.
	// The caller must not modify it.
	Envelope(ctx context.Context, m Meta) ([]byte, error)
	// Put replaces the current record when rec.Meta.Version is greater than
	// the stored version, atomically; otherwise it returns a *ConflictError
	// and leaves the store unchanged.
	Put(ctx context.Context, rec *Record) error
}

// Body is an envelope as a store hands it over: its bytes, or, from a
// BodyStore, a value of the platform that the platform's adapter sends as
// it is (on Workers, the JavaScript ArrayBuffer KV returned), so that the
// bytes are never copied into Go and back.
type Body struct {
	Bytes  []byte
	Opaque any
	// Size is the envelope's length in bytes.
	Size int
}

// BodyStore is a Store that can return an envelope without copying it
// into Go, for routes that only pass it on (GET /v1/list).
type BodyStore interface {
	EnvelopeBody(ctx context.Context, m Meta) (Body, error)
}

// ConflictError reports a Put whose version is not greater than the stored
// one.
type ConflictError struct {
	// Version is the rejected version; Current is the stored one.
	Version, Current int64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("storage: version %d is not greater than the stored version %d", e.Version, e.Current)
}

// ErrBusy is returned by Put when another upload holds the store's write
// lease; the caller may retry shortly.
var ErrBusy = errors.New("storage: another upload is in progress")
