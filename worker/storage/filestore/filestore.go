// Package filestore keeps the list worker's current record in one file under
// a data directory, for the native server.
//
// Writes are atomic and durable: the new record goes to a temporary file in
// the same directory, which is synced, renamed over the old file, and then
// the directory is synced, so a crash leaves either the old record or the new
// one, never a mix. Leftover temporary files from a crash are ignored and
// removed on the next Open. A mutex and a version check make Put a
// compare-and-swap within the process; one data directory must be served by
// one process.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// FileName is the record's file name inside the data directory.
const FileName = "list.rec"

// tempPattern names temporary files; the "*" becomes a random string.
const tempPattern = ".list.rec.*.tmp"

// Store is a storage.Store backed by a file. Reads are served from memory;
// the file is read once, by Open.
type Store struct {
	dir     string
	mu      sync.Mutex // serialises Put
	cur     atomic.Pointer[storage.Record]
	problem atomic.Pointer[error]
}

var _ storage.Store = (*Store)(nil)

// Open opens (creating if needed) the data directory dir and loads the stored
// record. check, when not nil, vets the loaded record (the server verifies
// its signature); a record that does not decode or fails check is ignored,
// the store starts empty and Problem says why. Open fails only when the
// directory is unusable.
func Open(dir string, check func(*storage.Record) error) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("filestore: %v", err)
	}
	s := &Store{dir: dir}
	leftovers, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, name := range leftovers {
		os.Remove(name)
	}
	blob, err := os.ReadFile(filepath.Join(dir, FileName))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("filestore: %v", err)
	}
	rec, err := storage.Decode(blob)
	if err == nil && check != nil {
		err = check(rec)
	}
	if err != nil {
		problem := fmt.Errorf("stored list %s ignored: %v", filepath.Join(dir, FileName), err)
		s.problem.Store(&problem)
		return s, nil
	}
	s.cur.Store(rec)
	return s, nil
}

// Problem returns why the stored record was ignored at Open, or nil once
// there is none or a new record was stored.
func (s *Store) Problem() error {
	if p := s.problem.Load(); p != nil {
		return *p
	}
	return nil
}

// Get returns the current record, or storage.ErrNotFound. The caller must
// not modify it.
func (s *Store) Get(context.Context) (*storage.Record, error) {
	if rec := s.cur.Load(); rec != nil {
		return rec, nil
	}
	return nil, storage.ErrNotFound
}

// Head returns the current record's metadata.
func (s *Store) Head(ctx context.Context) (storage.Meta, error) {
	rec, err := s.Get(ctx)
	if err != nil {
		return storage.Meta{}, err
	}
	return rec.Meta, nil
}

// Envelope returns the envelope m describes; it fails when a newer record
// replaced it in between.
func (s *Store) Envelope(ctx context.Context, m storage.Meta) ([]byte, error) {
	rec, err := s.Get(ctx)
	if err != nil {
		return nil, err
	}
	if rec.Meta.SHA256 != m.SHA256 {
		return nil, errors.New("filestore: the record changed; read its metadata again")
	}
	return rec.Envelope, nil
}

// Put writes rec when its version is greater than the current one.
func (s *Store) Put(_ context.Context, rec *storage.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.cur.Load(); cur != nil && rec.Meta.Version <= cur.Meta.Version {
		return &storage.ConflictError{Version: rec.Meta.Version, Current: cur.Meta.Version}
	}
	blob, err := storage.Encode(rec)
	if err != nil {
		return err
	}
	if err := s.writeAtomic(blob); err != nil {
		return fmt.Errorf("filestore: %v", err)
	}
	stored := &storage.Record{Meta: rec.Meta, Envelope: blob[len(blob)-len(rec.Envelope):]}
	s.cur.Store(stored)
	s.problem.Store(nil)
	return nil
}

// writeAtomic replaces the record file with blob: temp file, fsync, rename,
// fsync of the directory.
func (s *Store) writeAtomic(blob []byte) (err error) {
	f, err := os.CreateTemp(s.dir, tempPattern)
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(blob); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, filepath.Join(s.dir, FileName)); err != nil {
		return err
	}
	return syncDir(s.dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !strings.Contains(err.Error(), "invalid argument") {
		return err
	}
	return nil
}
