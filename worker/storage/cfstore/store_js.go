package cfstore

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/syumai/workers/cloudflare"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// RecordKey is the KV key of the current record.
const RecordKey = "current"

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

// Get reads the record from KV.
func (s *Store) Get(context.Context) (*storage.Record, error) {
	kv, err := s.binding(s.kvBinding)
	if err != nil {
		return nil, err
	}
	p, err := call(kv, "get", RecordKey, map[string]any{"type": "arrayBuffer"})
	if err != nil {
		return nil, fmt.Errorf("cfstore: KV get: %v", err)
	}
	v, err := await(p)
	if err != nil {
		return nil, fmt.Errorf("cfstore: KV get: %v", err)
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, storage.ErrNotFound
	}
	u8 := js.Global().Get("Uint8Array").New(v)
	blob := make([]byte, u8.Get("byteLength").Int())
	js.CopyBytesToGo(blob, u8)
	return storage.Decode(blob)
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
	blob, err := storage.Encode(rec)
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
	if err := putKV(kv, blob); err != nil {
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

// putKV writes the record blob.
func putKV(kv js.Value, blob []byte) error {
	u8 := js.Global().Get("Uint8Array").New(len(blob))
	js.CopyBytesToJS(u8, blob)
	p, err := call(kv, "put", RecordKey, u8.Get("buffer"))
	if err == nil {
		_, err = await(p)
	}
	if err != nil {
		return fmt.Errorf("cfstore: KV put: %v", err)
	}
	return nil
}
