package filestore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

func rec(version int64, body string) *storage.Record {
	return &storage.Record{Meta: storage.Meta{ID: "l", Version: version, SHA256: "sha-" + body}, Envelope: []byte(body)}
}

func TestPutGetReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(t.Context()); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("Get on an empty store = %v, want ErrNotFound", err)
	}
	steps := []struct {
		rec      *storage.Record
		conflict bool
	}{
		{rec(5, "five"), false},
		{rec(5, "five again"), true},
		{rec(4, "four"), true},
		{rec(9, "nine"), false},
	}
	for _, st := range steps {
		err := s.Put(t.Context(), st.rec)
		var ce *storage.ConflictError
		if got := errors.As(err, &ce); got != st.conflict {
			t.Fatalf("Put(%d) = %v, want conflict %v", st.rec.Meta.Version, err, st.conflict)
		}
	}
	// A new process sees the last good record, exactly.
	s2, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s2.Get(t.Context())
	if err != nil || got.Meta.Version != 9 || string(got.Envelope) != "nine" || s2.Problem() != nil {
		t.Fatalf("after reopen: %+v %v %v", got, err, s2.Problem())
	}
	if err := s2.Put(t.Context(), rec(8, "eight")); err == nil {
		t.Errorf("reopened store accepted a lower version")
	}
}

func TestCrashLeftovers(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir, nil)
	if err := s.Put(t.Context(), rec(3, "three")); err != nil {
		t.Fatal(err)
	}
	// A crash between writing the temporary file and the rename leaves a
	// newer but unpublished record behind.
	blob, _ := storage.Encode(rec(4, "four"))
	leftover := filepath.Join(dir, ".list.rec.12345.tmp")
	if err := os.WriteFile(leftover, blob[:len(blob)-2], 0o644); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s2.Get(t.Context())
	if err != nil || got.Meta.Version != 3 {
		t.Fatalf("after a crash: %+v %v, want version 3", got, err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("leftover temporary file was not removed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data dir holds %d files, want 1", len(entries))
	}
}

func TestBadStoredFile(t *testing.T) {
	good, _ := storage.Encode(rec(3, "three"))
	tests := []struct {
		name  string
		blob  []byte
		check func(*storage.Record) error
	}{
		{"truncated", good[:10], nil},
		{"garbage", []byte("not a record"), nil},
		{"fails verification", good, func(*storage.Record) error { return errors.New("bad signature") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, FileName), tt.blob, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, tt.check)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Get(t.Context()); !errors.Is(err, storage.ErrNotFound) || s.Problem() == nil {
				t.Fatalf("Get = %v, Problem = %v; want ErrNotFound and a problem", err, s.Problem())
			}
			// An upload replaces the bad file and clears the problem.
			if err := s.Put(t.Context(), rec(1, "one")); err != nil || s.Problem() != nil {
				t.Fatalf("Put = %v, Problem = %v", err, s.Problem())
			}
			b, _ := os.ReadFile(filepath.Join(dir, FileName))
			if !bytes.HasSuffix(b, []byte("\none")) {
				t.Errorf("file = %q", b)
			}
		})
	}
}
