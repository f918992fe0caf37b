//go:build !js

package server

import (
	"encoding/json"
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
