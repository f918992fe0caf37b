package core

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/htmlobs"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// snapshotted loads the default list from a signed envelope into a core
// and returns the core, the signer, the envelope's SHA-256 and the core's
// snapshot.
func snapshotted(t *testing.T) (*Core, *signer, string, []byte) {
	t.Helper()
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := newSigner(t)
	env := s.sign(t, l, issued)
	sum := sha256.Sum256([]byte(env))
	c := New()
	c.Now = func() time.Time { return issued.Add(time.Hour) }
	if r := parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: env, Keys: []Key{s.key}}))); !r.OK {
		t.Fatalf("LoadList: %+v", r.Error)
	}
	snap := c.Snapshot()
	if len(snap) == 0 {
		t.Fatal("Snapshot returned nothing with a list loaded")
	}
	return c, s, hex.EncodeToString(sum[:]), snap
}

// fromSnapshot is the request a restarted worker sends with a snapshot.
func fromSnapshot(s *signer, sha string) LoadRequest {
	return LoadRequest{Keys: []Key{s.key}, MinVersion: 0, AllowSameVersion: true, SHA256: sha, VerifiedBefore: true, Snapshot: true}
}

// TestSnapshotLoadsTheSameList holds a core started from a snapshot to the
// core that made it: the same list info, the same engine in every field,
// and byte-identical reports on every fixture page.
func TestSnapshotLoadsTheSameList(t *testing.T) {
	c, s, sha, snap := snapshotted(t)
	fresh := New()
	fresh.Now = c.Now
	r := parse(t, fresh.LoadListEnvelope(loadRequest(fromSnapshot(s, sha)), snap, func() {}))
	if !r.OK {
		t.Fatalf("loading the snapshot: %+v", r.Error)
	}
	want := c.detection()
	if !reflect.DeepEqual(r.List, &want.info) {
		t.Errorf("list info differs:\n got %+v\nwant %+v", r.List, want.info)
	}
	if !reflect.DeepEqual(fresh.detection().engine, want.engine) {
		t.Fatal("the engine read from the snapshot differs from the compiled one")
	}
	// Stale is the one field of the info worked out again, from the clock.
	later := fromSnapshot(s, sha)
	later.Now = issued.Add(31 * 24 * time.Hour).Format(time.RFC3339)
	if r := parse(t, New().LoadListEnvelope(loadRequest(later), snap, func() {})); !r.OK || !r.List.Stale || want.info.Stale {
		t.Errorf("a snapshot loaded after the list's expiry: ok %v stale %v (when made: %v), want stale", r.OK, r.List != nil && r.List.Stale, want.info.Stale)
	}
	pages, err := filepath.Glob("../../testdata/pages/*/*.html")
	if err != nil || len(pages) < 20 {
		t.Fatalf("fixture pages: %d, %v", len(pages), err)
	}
	set := detect.CollectSet{Selectors: want.info.Selectors, Tokens: want.info.Tokens}
	for _, p := range pages {
		html, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		obs, err := htmlobs.Observe("https://"+strings.TrimSuffix(filepath.Base(p), ".html")+".example/", bytes.NewReader(html), set)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		o, err := obs.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fresh.Report(o), c.Report(o); !bytes.Equal(got, want) {
			t.Errorf("%s: the report differs from a snapshot:\n got %s\nwant %s", p, got, want)
		}
	}
}

// TestSnapshotRefusals: a snapshot is taken only as the verified_before
// shortcut's sibling, for the envelope the request names, signed by a
// pinned key, and passing the checks every load makes; a refused one keeps
// the last good list.
func TestSnapshotRefusals(t *testing.T) {
	_, s, sha, snap := snapshotted(t)
	other := newSigner(t)
	// The bytes inside are the caller's to vouch for, by their hash; the
	// core refuses what it can tell apart: another build's types, a cut.
	flipped := append([]byte(nil), snap...)
	flipped[0] ^= 0xff
	for _, tc := range []struct {
		name   string
		req    func(r *LoadRequest)
		bytes  []byte
		code   string
		inText string
	}{
		{"without verified_before", func(r *LoadRequest) { r.VerifiedBefore = false }, snap, CodeBadRequest, "verified_before"},
		{"as a grants list", func(r *LoadRequest) { r.Extra, r.ListID = true, "x" }, snap, CodeBadRequest, "grants list"},
		{"cut short", func(*LoadRequest) {}, snap[:len(snap)-10], CodeBadSnapshot, ""},
		{"another build's fingerprint", func(*LoadRequest) {}, flipped, CodeBadSnapshot, "as this build lays it out"},
		{"an envelope instead", func(*LoadRequest) {}, []byte(`{"payload_json":"{}","signatures":[]}`), CodeBadSnapshot, "not a snapshot"},
		{"another envelope's hash", func(r *LoadRequest) { r.SHA256 = strings.Repeat("0", 64) }, snap, CodeBadSnapshot, "another envelope"},
		{"a key no longer pinned", func(r *LoadRequest) { r.Keys = []Key{other.key} }, snap, list.CodeUnknownKey, ""},
		{"a rollback", func(r *LoadRequest) { r.MinVersion = 1 << 40 }, snap, list.CodeRollback, ""},
		{"another list id", func(r *LoadRequest) { r.ListID = "another" }, snap, list.CodeWrongList, ""},
		{"issued in the future", func(r *LoadRequest) { r.Now = issued.Add(-24 * time.Hour).Format(time.RFC3339) }, snap, list.CodeNotYetValid, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := loaded(t)
			before := c.detection()
			req := fromSnapshot(s, sha)
			tc.req(&req)
			r := parse(t, c.LoadListEnvelope(loadRequest(req), tc.bytes, func() {}))
			if r.OK || code(r) != tc.code || !strings.Contains(r.Error.Message, tc.inText) {
				t.Fatalf("got %+v, want %s containing %q", r.Error, tc.code, tc.inText)
			}
			if c.detection() != before {
				t.Error("a refused snapshot replaced the loaded list")
			}
		})
	}
	t.Run("in the request", func(t *testing.T) {
		req := fromSnapshot(s, sha)
		req.Envelope = string(snap)
		if r := parse(t, New().LoadList(loadRequest(req))); code(r) != CodeBadRequest {
			t.Fatalf("got %+v, want bad_request", r.Error)
		}
	})
}

// TestSnapshotWithoutList: a core with no list has no snapshot.
func TestSnapshotWithoutList(t *testing.T) {
	if b := New().Snapshot(); b != nil {
		t.Errorf("Snapshot = %d bytes, want nil", len(b))
	}
}
