//go:build !js

package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/worker/storage"
	"github.com/partnerwatch/partnerwatch/worker/storage/filestore"
)

// TestCorruptStoreFallsBack stores a list, corrupts its file, and restarts:
// the bundled list is served and the status says why.
func TestCorruptStoreFallsBack(t *testing.T) {
	f := newFixture(t, testToken)
	if res, body := f.put(t, envelopeAt(t, time.Hour)); res.StatusCode != 200 {
		t.Fatalf("PUT = %d %s", res.StatusCode, body)
	}
	path := filepath.Join(f.dir, filestore.FileName)
	blob, _ := os.ReadFile(path)
	blob[len(blob)-5] ^= 1 // flip a bit in the envelope: the signature breaks
	if err := os.WriteFile(path, blob, 0o644); err != nil {
		t.Fatal(err)
	}
	store, err := filestore.Open(f.dir, func(rec *storage.Record) error {
		_, err := storage.Reverify(rec.Envelope, pinned())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, store, "")
	cfg.Notice = func() string {
		if p := store.Problem(); p != nil {
			return p.Error()
		}
		return ""
	}
	restarted := &fixture{h: New(cfg)}
	if _, body := restarted.do(t, http.MethodGet, "/v1/list", nil); body != string(bundled(t).Envelope) {
		t.Errorf("GET does not serve the bundled list")
	}
	_, body := restarted.do(t, http.MethodGet, "/v1/status", nil)
	var s Status
	json.Unmarshal([]byte(body), &s)
	if s.Source != storage.SourceBundled || !strings.Contains(s.Notice, "ignored") {
		t.Errorf("status = %+v, want source bundled and a notice", s)
	}
}

// TestBundledRetriedAfterFailure checks that a failure to read the bundled
// list (an asset fetch on Workers) is not kept: the next request reads it
// again, and a success is kept.
func TestBundledRetriedAfterFailure(t *testing.T) {
	b := bundled(t)
	calls := 0
	cfg := testConfig(t, &fakeStore{headErr: storage.ErrNotFound}, testToken)
	cfg.Bundled = func() (*storage.Record, error) {
		calls++
		if calls == 1 {
			return nil, errors.New("asset fetch failed")
		}
		return b, nil
	}
	f := &fixture{h: New(cfg)}
	want := []int{503, 200, 200}
	for i, w := range want {
		if res, _ := f.do(t, "GET", "/v1/list", nil); res.StatusCode != w {
			t.Errorf("request %d = %d, want %d", i+1, res.StatusCode, w)
		}
	}
	if calls != 2 {
		t.Errorf("Bundled called %d times, want 2", calls)
	}
}
