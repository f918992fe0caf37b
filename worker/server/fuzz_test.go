//go:build !js

package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/fuzzseed"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// memStore is a Store in memory with the version compare-and-swap, so that
// each fuzz input starts from an empty store without touching the disk.
type memStore struct {
	mu  sync.Mutex
	rec *storage.Record
}

func (s *memStore) Head(context.Context) (storage.Meta, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rec == nil {
		return storage.Meta{}, storage.ErrNotFound
	}
	return s.rec.Meta, nil
}

func (s *memStore) Envelope(context.Context, storage.Meta) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rec == nil {
		return nil, storage.ErrNotFound
	}
	return s.rec.Envelope, nil
}

func (s *memStore) Put(_ context.Context, rec *storage.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rec != nil && rec.Meta.Version <= s.rec.Meta.Version {
		return &storage.ConflictError{Version: rec.Meta.Version, Current: s.rec.Meta.Version}
	}
	s.rec = rec
	return nil
}

// uploadStatus is the status each error code of an upload must come with.
var uploadStatus = map[string]int{
	list.CodeBadEnvelope:  400,
	list.CodeBadPayload:   400,
	CodeBadRequest:        400,
	list.CodeRollback:     409,
	list.CodeTooLarge:     413,
	list.CodeInvalidList:  422,
	list.CodeBadSignature: 422,
	list.CodeUnknownKey:   422,
	list.CodeNotYetValid:  422,
	list.CodeWrongList:    422,
	list.CodeBadVersion:   422,
	list.CodeBadValidity:  422,
	CodeExpired:           422,
}

// FuzzAdminPayload sends arbitrary bytes as the body of an authorised
// PUT /v1/list (the admin upload: body reader, envelope and payload
// decoders, verification, the list id and version checks) to a handler over
// an empty store, with a bundled list two days old. It must never panic;
// every refusal is a JSON error whose code belongs to its status and leaves
// the store empty; only a list the pinned key signed, newer than the bundled
// one and for the same list id, is accepted, and then it is stored and
// served byte for byte. Seeds: the checklist's (fuzzseed.Checklist) around a
// valid upload, plus a list for another id, an older one and one by an
// unpinned key.
func FuzzAdminPayload(f *testing.F) {
	good := envelopeAt(f, time.Hour)
	goodList, err := list.Verify(good, pinned(), list.VerifyOptions{Now: testNow})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range fuzzseed.Checklist(good) {
		f.Add(seed)
	}
	f.Add(envelopeFor(f, "other-list", time.Hour))
	f.Add(envelopeAt(f, 72*time.Hour))
	f.Add(signed(f, testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Spotify"), otherKey))
	f.Add(append(bytes.Clone(good), " \n"...))
	cfg := testConfig(f, nil, testToken)
	cfg.Logf = func(string, ...any) {}
	f.Fuzz(func(t *testing.T, body []byte) {
		store := &memStore{}
		c := cfg
		c.Store = store
		h := New(c)
		req := httptest.NewRequest(http.MethodPut, "/v1/list", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+testToken)
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, req)
		if rr.Code == http.StatusOK {
			v, err := list.Verify(body, pinned(), list.VerifyOptions{Now: testNow})
			if err != nil || !bytes.Equal(v.Payload, goodList.Payload) || v.List.ID != "test-list" {
				t.Fatalf("accepted an upload the pinned key did not sign for this list: %v", err)
			}
			if store.rec == nil || !bytes.Equal(store.rec.Envelope, body) {
				t.Fatalf("an accepted upload is not stored byte for byte")
			}
			var st Status
			if err := json.Unmarshal(rr.Body.Bytes(), &st); err != nil || st.SHA256 != store.rec.Meta.SHA256 || st.Source != storage.SourceStored {
				t.Fatalf("the answer to an accepted upload is %q (%v)", rr.Body.String(), err)
			}
			return
		}
		var e struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(rr.Body.Bytes(), &e); err != nil {
			t.Fatalf("status %d with a body that is not a JSON error: %v: %q", rr.Code, err, rr.Body.String())
		}
		if want, ok := uploadStatus[e.Error.Code]; !ok || want != rr.Code || e.Error.Message == "" {
			t.Fatalf("status %d with error %q %q, want a known code with its status and a message", rr.Code, e.Error.Code, e.Error.Message)
		}
		if store.rec != nil {
			t.Fatalf("a refused upload (%d %s) was stored", rr.Code, e.Error.Code)
		}
		if strings.Contains(rr.Body.String(), testToken) || slices.Contains(rr.Result().Header.Values("Access-Control-Allow-Origin"), "*") {
			t.Fatalf("the refusal leaks the token or allows CORS")
		}
	})
}
