package cfstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/syumai/workers/cloudflare"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// KV keys: MetaKey holds the current Meta as JSON; each envelope is stored
// under EnvelopePrefix + its SHA-256, written before the Meta that points to
// it and never changed afterwards.
const (
	MetaKey        = "meta"
	EnvelopePrefix = "envelope/"
)

// leaseDuration bounds how long an upload may hold the write lease. A
// Workers request that writes one KV value finishes well within it; a lease
// left by a crashed upload expires after it.
const leaseDuration = 30 * time.Second

// Store is a storage.Store on Workers KV (the record) and D1 (the version).
type Store struct {
	kvBinding, dbBinding string
}

var _ storage.Store = (*Store)(nil)

// New returns a Store using the KV namespace and D1 database bound under
// the given names (LISTS and DB in wrangler.jsonc). Bindings are looked up
// on use, so a missing one fails the request, not the instance.
func New(kvBinding, dbBinding string) *Store {
	return &Store{kvBinding: kvBinding, dbBinding: dbBinding}
}

func (s *Store) binding(name string) (js.Value, error) {
	v := cloudflare.GetBinding(name)
	if v.IsUndefined() || v.IsNull() {
		return js.Value{}, fmt.Errorf("cfstore: binding %s is not configured", name)
	}
	return v, nil
}

// Head reads the current metadata from KV: a small value, so conditional
// requests and /v1/status never read the envelope.
func (s *Store) Head(context.Context) (storage.Meta, error) {
	var m storage.Meta
	kv, err := s.binding(s.kvBinding)
	if err != nil {
		return m, err
	}
	v, err := getKV(kv, MetaKey, "text")
	if err != nil {
		return m, err
	}
	if v.IsNull() || v.IsUndefined() {
		return m, storage.ErrNotFound
	}
	if err := json.Unmarshal([]byte(v.String()), &m); err != nil {
		return m, fmt.Errorf("cfstore: stored metadata: %v", err)
	}
	if m.SHA256 == "" || m.Version <= 0 {
		return m, errors.New("cfstore: stored metadata is incomplete")
	}
	return m, nil
}

// Envelope reads the envelope m names. Envelope keys are immutable and are
// written before the metadata that names them, so a location that sees the
// metadata finds the envelope too (an edge cache miss reads KV's central
// store).
func (s *Store) Envelope(_ context.Context, m storage.Meta) ([]byte, error) {
	kv, err := s.binding(s.kvBinding)
	if err != nil {
		return nil, err
	}
	v, err := getKV(kv, EnvelopePrefix+m.SHA256, "arrayBuffer")
	if err != nil {
		return nil, err
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, fmt.Errorf("cfstore: envelope %s is missing", m.SHA256)
	}
	u8 := js.Global().Get("Uint8Array").New(v)
	b := make([]byte, u8.Get("byteLength").Int())
	js.CopyBytesToGo(b, u8)
	return b, nil
}

// getKV reads key as the given type ("text", "arrayBuffer"); a missing key
// is null.
func getKV(kv js.Value, key, typ string) (js.Value, error) {
	p, err := call(kv, "get", key, map[string]any{"type": typ})
	if err == nil {
		var v js.Value
		if v, err = await(p); err == nil {
			return v, nil
		}
	}
	return js.Value{}, fmt.Errorf("cfstore: KV get %s: %v", key, err)
}

// Put claims the D1 lease, writes KV, and commits the version.
func (s *Store) Put(_ context.Context, rec *storage.Record) error {
	db, err := s.binding(s.dbBinding)
	if err != nil {
		return err
	}
	kv, err := s.binding(s.kvBinding)
	if err != nil {
		return err
	}
	meta, err := json.Marshal(rec.Meta)
	if err != nil {
		return err
	}
	if err := ensureSchema(db); err != nil {
		return err
	}
	v := rec.Meta.Version
	now := time.Now().UnixMilli()
	n, err := exec(db, `UPDATE list_head SET lease_version = ?1, lease_until = ?2
		WHERE id = 1 AND version < ?1 AND (lease_until IS NULL OR lease_until < ?3)`,
		v, now+leaseDuration.Milliseconds(), now)
	if err != nil {
		return err
	}
	if n != 1 {
		cur, err := first(db, `SELECT version FROM list_head WHERE id = 1`)
		if err != nil {
			return err
		}
		if current := int64(cur.Get("version").Float()); current >= v {
			return &storage.ConflictError{Version: v, Current: current}
		}
		return storage.ErrBusy
	}
	err = putKV(kv, EnvelopePrefix+rec.Meta.SHA256, bytesToJS(rec.Envelope))
	if err == nil {
		// The envelope write (up to 25 MiB) is the slow step. Before the small
		// meta write that makes the new list live, check that the lease is
		// still ours and renew it: an upload that outlived its lease must not
		// put its older list back over a newer upload's.
		err = renewLease(db, v)
	}
	if err == nil {
		err = putKV(kv, MetaKey, string(meta))
	}
	if err != nil {
		if _, rerr := exec(db, `UPDATE list_head SET lease_version = NULL, lease_until = NULL WHERE id = 1 AND lease_version = ?1`, v); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return err
	}
	n, err = exec(db, `UPDATE list_head SET version = ?1, sha256 = ?2, lease_version = NULL, lease_until = NULL
		WHERE id = 1 AND lease_version = ?1`, v, rec.Meta.SHA256)
	if err != nil {
		return err
	}
	if n != 1 {
		return errors.New("cfstore: the upload's write lease expired before it committed")
	}
	return nil
}

// errLeaseLost means another upload took the write lease: this one gives up
// before making its list live.
var errLeaseLost = errors.New("cfstore: the upload's write lease expired before its list went live; nothing was changed, try again")

// renewLease extends the write lease of version v if it is still held and
// unexpired.
func renewLease(db js.Value, v int64) error {
	now := time.Now().UnixMilli()
	n, err := exec(db, `UPDATE list_head SET lease_until = ?2
		WHERE id = 1 AND lease_version = ?1 AND lease_until >= ?3`, v, now+leaseDuration.Milliseconds(), now)
	if err != nil {
		return err
	}
	if n != 1 {
		return errLeaseLost
	}
	return nil
}

// putKV writes value (a string or an ArrayBuffer) under key.
func putKV(kv js.Value, key string, value any) error {
	p, err := call(kv, "put", key, value)
	if err == nil {
		_, err = await(p)
	}
	if err != nil {
		return fmt.Errorf("cfstore: KV put %s: %v", key, err)
	}
	return nil
}

// bytesToJS copies b into a new ArrayBuffer.
func bytesToJS(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8.Get("buffer")
}
