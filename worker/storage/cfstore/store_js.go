package cfstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"github.com/partnerwatch/partnerwatch/worker/internal/cfjs"
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

// DefaultGrace is how long a superseded envelope is kept: KV shows a new
// "meta" everywhere within about 60 seconds, so after ten minutes no
// location can still read the old "meta" and ask for its envelope.
const DefaultGrace = 10 * time.Minute

// Store is a storage.Store on Workers KV (the record) and D1 (the version).
type Store struct {
	kv, db js.Value
	// Grace is how long an envelope is kept after it stopped being served;
	// New sets DefaultGrace.
	Grace time.Duration
	// Logf logs what collection could not delete; New sets a no-op.
	Logf func(format string, args ...any)
	// Fault, for tests only, makes Put fail before one of its steps
	// ("envelope", "commit", "meta"); empty in production.
	Fault string

	// last is the envelope EnvelopeBody read last. Envelope keys are named
	// by their content's SHA-256 and never change, so it stays right for as
	// long as "meta" names it: a GET then reads "meta" only, like a 304.
	mu   sync.Mutex
	last struct {
		sha  string
		body js.Value
	}
}

var (
	_ storage.Store     = (*Store)(nil)
	_ storage.BodyStore = (*Store)(nil)
)

// New returns a Store on a KV namespace and a D1 database binding (LISTS
// and DB in wrangler.jsonc). A missing binding (undefined) fails the
// requests that need it, not the worker.
func New(kv, db js.Value) *Store {
	return &Store{kv: kv, db: db, Grace: DefaultGrace, Logf: func(string, ...any) {}}
}

func (s *Store) binding(v js.Value, name string) (js.Value, error) {
	if v.IsUndefined() || v.IsNull() {
		return js.Value{}, fmt.Errorf("cfstore: binding %s is not configured", name)
	}
	return v, nil
}

// Head reads the current metadata from KV: a small value, so conditional
// requests and /v1/status never read the envelope.
func (s *Store) Head(context.Context) (storage.Meta, error) {
	var m storage.Meta
	kv, err := s.binding(s.kv, "LISTS")
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
	kv, err := s.binding(s.kv, "LISTS")
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
	return cfjs.Bytes(v), nil
}

// EnvelopeBody reads the envelope m names and returns KV's ArrayBuffer as
// it is, for the Workers adapter to send without copying it through Go.
func (s *Store) EnvelopeBody(_ context.Context, m storage.Meta) (storage.Body, error) {
	s.mu.Lock()
	sha, body := s.last.sha, s.last.body
	s.mu.Unlock()
	if sha == m.SHA256 {
		// A Response copies an ArrayBuffer body, so one buffer serves many.
		return storage.Body{Opaque: body, Size: body.Get("byteLength").Int()}, nil
	}
	kv, err := s.binding(s.kv, "LISTS")
	if err != nil {
		return storage.Body{}, err
	}
	v, err := getKV(kv, EnvelopePrefix+m.SHA256, "arrayBuffer")
	if err != nil {
		return storage.Body{}, err
	}
	if v.IsNull() || v.IsUndefined() {
		return storage.Body{}, fmt.Errorf("cfstore: envelope %s is missing", m.SHA256)
	}
	s.mu.Lock()
	s.last.sha, s.last.body = m.SHA256, v
	s.mu.Unlock()
	return storage.Body{Opaque: v, Size: v.Get("byteLength").Int()}, nil
}

// getKV reads key as the given type ("text", "arrayBuffer"); a missing key
// is null.
func getKV(kv js.Value, key, typ string) (js.Value, error) {
	v, err := cfjs.CallAwait(kv, "get", key, map[string]any{"type": typ})
	if err == nil {
		return v, nil
	}
	return js.Value{}, fmt.Errorf("cfstore: KV get %s: %v", key, err)
}

// Put claims the D1 write lease (claim), writes the envelope, commits the
// version and makes the list live (publish), releases the lease, and then
// collects superseded envelopes.
func (s *Store) Put(_ context.Context, rec *storage.Record) error {
	db, err := s.binding(s.db, "DB")
	if err != nil {
		return err
	}
	kv, err := s.binding(s.kv, "LISTS")
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
	if err := claim(db, v, rec.Meta.SHA256); err != nil {
		return err
	}
	err = s.publish(kv, db, rec, string(meta))
	if _, rerr := exec(db, `UPDATE list_head SET lease_version = NULL, lease_until = NULL WHERE id = 1 AND lease_version = ?1`, v); rerr != nil {
		err = errors.Join(err, rerr)
	}
	if err != nil {
		return err
	}
	if err := s.collect(kv, db, rec.Meta.SHA256); err != nil {
		s.Logf("collecting old envelopes: %v", err)
	}
	return nil
}

// claim takes the write lease for version v of the list with hash sha: for
// a version greater than the committed one, or for the very list D1
// committed last (an upload that failed after its commit and before its
// "meta" write is completed by sending it again).
func claim(db js.Value, v int64, sha string) error {
	now := time.Now().UnixMilli()
	n, err := exec(db, `UPDATE list_head SET lease_version = ?1, lease_until = ?2
		WHERE id = 1 AND (version < ?1 OR (version = ?1 AND sha256 = ?4))
		AND (lease_until IS NULL OR lease_until < ?3)`,
		v, now+leaseDuration.Milliseconds(), now, sha)
	if err != nil || n == 1 {
		return err
	}
	cur, err := first(db, `SELECT version, sha256 FROM list_head WHERE id = 1`)
	if err != nil {
		return err
	}
	current := int64(cur.Get("version").Float())
	if current > v || (current == v && cur.Get("sha256").String() != sha) {
		return &storage.ConflictError{Version: v, Current: current}
	}
	return storage.ErrBusy
}

// publish writes the envelope, commits the version in D1 and writes "meta",
// in that order, as the lease holder.
//
// The version is committed in D1 before the list goes live in KV. Once D1
// holds it, no upload of a lower version passes claim, so what KV serves
// never goes down, even when the "meta" write fails (the old list stays
// served, and sending this upload again completes it). The commit also
// checks that the lease is still ours and renews it: the envelope write (up
// to 25 MiB) is the slow step, and an upload that outlived its lease must
// not put its list over a newer upload's.
func (s *Store) publish(kv, db js.Value, rec *storage.Record, meta string) error {
	v, sha := rec.Meta.Version, rec.Meta.SHA256
	if err := s.fault("envelope"); err != nil {
		return err
	}
	if err := putKV(kv, EnvelopePrefix+sha, bytesToJS(rec.Envelope)); err != nil {
		return err
	}
	if err := s.fault("commit"); err != nil {
		return err
	}
	now := time.Now().UnixMilli()
	n, err := exec(db, `UPDATE list_head SET version = ?1, sha256 = ?2, lease_until = ?3
		WHERE id = 1 AND lease_version = ?1 AND lease_until >= ?4`, v, sha, now+leaseDuration.Milliseconds(), now)
	if err != nil {
		return err
	}
	if n != 1 {
		return errLeaseLost
	}
	if err := s.fault("meta"); err != nil {
		return err
	}
	return putKV(kv, MetaKey, meta)
}

// Collect removes the envelopes that have not been served for longer than
// Grace. Uploads run it; the scheduled handler (a cron trigger) runs it so
// that the last superseded envelope goes too when no upload follows.
func (s *Store) Collect(context.Context) error {
	db, err := s.binding(s.db, "DB")
	if err != nil {
		return err
	}
	kv, err := s.binding(s.kv, "LISTS")
	if err != nil {
		return err
	}
	if err := ensureSchema(db); err != nil {
		return err
	}
	row, err := first(db, `SELECT sha256 FROM list_head WHERE id = 1`)
	if err != nil {
		return err
	}
	return s.collect(kv, db, row.Get("sha256").String())
}

// collect lists the envelopes in KV and removes those superseded for longer
// than Grace. An envelope is superseded from the first collection that
// finds it is neither current (in D1) nor named by KV's "meta": that covers
// replaced lists, envelopes of uploads that failed before they went live,
// and envelopes written before collection existed. An upload in flight has
// written its envelope but not yet committed it; its lease (30 s) ends long
// before Grace, so its envelope is never taken from under it.
func (s *Store) collect(kv, db js.Value, current string) error {
	names, err := listKV(kv, EnvelopePrefix)
	if err != nil {
		return err
	}
	meta, _ := s.Head(context.Background())
	rows, err := all(db, `SELECT sha256, since FROM superseded`)
	if err != nil {
		return err
	}
	since := make(map[string]int64, len(rows))
	for _, r := range rows {
		since[r.Get("sha256").String()] = int64(r.Get("since").Float())
	}
	now := time.Now().UnixMilli()
	var errs []error
	for _, name := range names {
		sha := name[len(EnvelopePrefix):]
		t, seen := since[sha]
		delete(since, sha)
		switch {
		case sha == current || sha == meta.SHA256:
			if seen { // served again (re-uploaded): no longer superseded
				_, err = exec(db, `DELETE FROM superseded WHERE sha256 = ?1`, sha)
			}
		case !seen:
			_, err = exec(db, `INSERT OR IGNORE INTO superseded (sha256, since) VALUES (?1, ?2)`, sha, now)
		case now-t >= s.Grace.Milliseconds():
			if _, err = cfjs.CallAwait(kv, "delete", name); err == nil {
				_, err = exec(db, `DELETE FROM superseded WHERE sha256 = ?1`, sha)
			}
		}
		if err != nil {
			errs = append(errs, err)
			err = nil
		}
	}
	for sha := range since { // deleted from KV by hand
		if _, err := exec(db, `DELETE FROM superseded WHERE sha256 = ?1`, sha); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// listKV returns the names of the KV keys under prefix.
func listKV(kv js.Value, prefix string) ([]string, error) {
	var names []string
	opts := map[string]any{"prefix": prefix}
	for {
		res, err := cfjs.CallAwait(kv, "list", opts)
		if err != nil {
			return nil, fmt.Errorf("cfstore: KV list %s: %v", prefix, err)
		}
		keys := res.Get("keys")
		for i := 0; i < keys.Length(); i++ {
			names = append(names, keys.Index(i).Get("name").String())
		}
		if res.Get("list_complete").Truthy() {
			return names, nil
		}
		opts["cursor"] = res.Get("cursor").String()
	}
}

// errLeaseLost means another upload took the write lease: this one gives up
// before making its list live.
var errLeaseLost = errors.New("cfstore: the upload's write lease expired before its list went live; nothing was changed, try again")

// fault returns an injected failure when Fault names step ("envelope",
// "commit" or "meta"): the integration test uses it to check that a
// failure at any step never lets the served version go down.
func (s *Store) fault(step string) error {
	if s.Fault == step {
		return fmt.Errorf("cfstore: injected failure before the %s step", step)
	}
	return nil
}

// putKV writes value (a string or an ArrayBuffer) under key.
func putKV(kv js.Value, key string, value any) error {
	if _, err := cfjs.CallAwait(kv, "put", key, value); err != nil {
		return fmt.Errorf("cfstore: KV put %s: %v", key, err)
	}
	return nil
}

// bytesToJS copies b into a new ArrayBuffer.
func bytesToJS(b []byte) js.Value { return cfjs.Uint8Array(b).Get("buffer") }
