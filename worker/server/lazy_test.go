//go:build !js

package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// fakeStore counts reads and fails on demand.
type fakeStore struct {
	rec         *storage.Record
	headErr     error
	envFailures atomic.Int32 // Envelope fails this many more times
	heads, envs atomic.Int32
	putErr      error // what Put returns
}

func (s *fakeStore) Head(context.Context) (storage.Meta, error) {
	s.heads.Add(1)
	if s.headErr != nil {
		return storage.Meta{}, s.headErr
	}
	return s.rec.Meta, nil
}

func (s *fakeStore) Envelope(_ context.Context, m storage.Meta) ([]byte, error) {
	s.envs.Add(1)
	if s.envFailures.Add(-1) >= 0 {
		return nil, errors.New("envelope not there yet")
	}
	return s.rec.Envelope, nil
}

func (s *fakeStore) Put(context.Context, *storage.Record) error { return s.putErr }

func fakeHandler(t *testing.T, s *fakeStore) *fixture {
	return &fixture{h: New(testConfig(t, s, testToken))}
}

func TestPutFailures(t *testing.T) {
	rec := record(t, envelopeAt(t, 2*time.Hour))
	tests := []struct {
		name       string
		err        error
		status     int
		code       string
		retryAfter bool
	}{
		// The store's compare step lost to a concurrent upload.
		{"conflict", &storage.ConflictError{Version: 5, Current: 9}, 409, "rollback", false},
		{"lease held", storage.ErrBusy, 409, CodeBusy, true},
		// The store failed: the details stay in the log.
		{"store down", errors.New("D1: connection reset by " + testToken), 500, CodeInternal, false},
	}
	for _, tt := range tests {
		s := &fakeStore{rec: rec, putErr: tt.err}
		res, body := fakeHandler(t, s).put(t, envelopeAt(t, time.Hour))
		code, msg, _ := errorCode(t, body)
		if res.StatusCode != tt.status || code != tt.code || (res.Header.Get("Retry-After") != "") != tt.retryAfter {
			t.Errorf("%s: PUT = %d %s (Retry-After %q), want %d %s", tt.name, res.StatusCode, code, res.Header.Get("Retry-After"), tt.status, tt.code)
		}
		if strings.Contains(body, testToken) || strings.Contains(msg, "D1") {
			t.Errorf("%s: the answer leaks store details: %s", tt.name, body)
		}
	}
}

func TestReadsOnlyWhatTheRouteNeeds(t *testing.T) {
	rec := record(t, envelopeAt(t, time.Hour))
	etag := `"` + rec.Meta.SHA256 + `"`
	tests := []struct {
		name     string
		method   string
		target   string
		inm      string
		status   int
		envReads int32
	}{
		// Metadata suffices.
		{"conditional GET", "GET", "/v1/list", etag, 304, 0},
		{"status", "GET", "/v1/status", "", 200, 0},
		// The envelope is needed.
		{"GET", "GET", "/v1/list", "", 200, 1},
		{"HEAD", "HEAD", "/v1/list", "", 200, 1},
		{"page", "GET", "/", "", 200, 1},
	}
	for _, tt := range tests {
		s := &fakeStore{rec: rec}
		f := fakeHandler(t, s)
		var h []string
		if tt.inm != "" {
			h = []string{"If-None-Match", tt.inm}
		}
		res, _ := f.do(t, tt.method, tt.target, nil, h...)
		if res.StatusCode != tt.status || s.envs.Load() != tt.envReads || s.heads.Load() != 1 {
			t.Errorf("%s: status %d, %d metadata and %d envelope reads; want %d, 1 and %d", tt.name, res.StatusCode, s.heads.Load(), s.envs.Load(), tt.status, tt.envReads)
		}
	}
}

func TestStoreFailures(t *testing.T) {
	rec := record(t, envelopeAt(t, time.Hour))

	// An unreachable store: the bundled list is served.
	s := &fakeStore{rec: rec, headErr: errors.New("KV unreachable")}
	if res, body := fakeHandler(t, s).do(t, "GET", "/v1/list", nil); res.StatusCode != 200 || body != string(bundled(t).Envelope) {
		t.Errorf("unreachable store: GET = %d, bundled %v", res.StatusCode, body == string(bundled(t).Envelope))
	}

	// An envelope that is briefly missing is read again.
	s = &fakeStore{rec: rec}
	s.envFailures.Store(2)
	if res, body := fakeHandler(t, s).do(t, "GET", "/v1/list", nil); res.StatusCode != 200 || body != string(rec.Envelope) || s.envs.Load() != 3 {
		t.Errorf("two misses: GET = %d after %d envelope reads", res.StatusCode, s.envs.Load())
	}

	// One that stays missing is a 503, not a wrong body.
	s = &fakeStore{rec: rec}
	s.envFailures.Store(100)
	res, body := fakeHandler(t, s).do(t, "GET", "/v1/list", nil)
	if code, _, _ := errorCode(t, body); res.StatusCode != http.StatusServiceUnavailable || code != CodeUnavailable || res.Header.Get("ETag") != "" || res.Header.Get("Retry-After") == "" {
		t.Errorf("missing envelope: GET = %d %s, ETag %q", res.StatusCode, code, res.Header.Get("ETag"))
	}
}

// TestPageParsesOncePerVersion checks that the page route reads and parses
// the served envelope once per version, and that a new version is shown at
// once.
func TestPageParsesOncePerVersion(t *testing.T) {
	first := record(t, signed(t, testList(testNow.Add(-2*time.Hour), 30*24*time.Hour, "First Partner"), testKey))
	second := record(t, signed(t, testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Second Partner"), testKey))
	s := &fakeStore{rec: first}
	f := fakeHandler(t, s)
	steps := []struct {
		target   string
		rec      *storage.Record
		want     string
		envReads int32 // in all, after this step
	}{
		{"/", first, "First Partner", 1},
		{"/", first, "First Partner", 1},
		{"/?q=first", first, "1 of 1 partners match", 1},
		{"/?q=nobody", first, "0 of 1 partners match", 1},
		// An upload elsewhere changed the metadata: the new list is read.
		{"/", second, "Second Partner", 2},
		{"/?q=second", second, "1 of 1 partners match", 2},
	}
	for i, st := range steps {
		s.rec = st.rec
		res, body := f.do(t, "GET", st.target, nil)
		if res.StatusCode != 200 || !strings.Contains(body, st.want) || s.envs.Load() != st.envReads {
			t.Errorf("step %d (%s): %d, contains %q: %v, %d envelope reads; want %d", i, st.target, res.StatusCode, st.want, strings.Contains(body, st.want), s.envs.Load(), st.envReads)
		}
	}
}

// bodyStore hands envelopes over as an opaque value, as the Workers store
// does.
type bodyStore struct{ *fakeStore }

type opaqueEnvelope struct{ b []byte }

func (s bodyStore) EnvelopeBody(ctx context.Context, m storage.Meta) (storage.Body, error) {
	b, err := s.Envelope(ctx, m)
	return storage.Body{Opaque: opaqueEnvelope{b}, Size: len(b)}, err
}

// TestEnvelopePassedOn checks that GET /v1/list passes a BodyStore's
// envelope on untouched (never through Body), with its length, and that the
// page still reads the bytes.
func TestEnvelopePassedOn(t *testing.T) {
	rec := record(t, envelopeAt(t, time.Hour))
	h := New(testConfig(t, bodyStore{&fakeStore{rec: rec}}, testToken))
	for _, method := range []string{"GET", "HEAD"} {
		res := h.Serve(&Request{Ctx: context.Background(), Method: method, Path: "/v1/list", Header: http.Header{}})
		o, ok := res.Opaque.(opaqueEnvelope)
		if passed := ok && string(o.b) == string(rec.Envelope); res.Status != 200 || res.Body != nil || passed != (method == "GET") || res.Header["Content-Length"] != strconv.Itoa(len(rec.Envelope)) {
			t.Errorf("%s: status %d, Body %d bytes, envelope passed on %v, Content-Length %s", method, res.Status, len(res.Body), passed, res.Header["Content-Length"])
		}
	}
	res := h.Serve(&Request{Ctx: context.Background(), Method: "GET", Path: "/", Header: http.Header{}})
	if res.Status != 200 || res.Opaque != nil || !strings.Contains(string(res.Body), "Spotify") {
		t.Errorf("page: status %d, opaque %v", res.Status, res.Opaque != nil)
	}
}
