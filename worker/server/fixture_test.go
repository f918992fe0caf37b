//go:build !js

package server

import (
	"crypto/ed25519"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/testlist"
	"github.com/partnerwatch/partnerwatch/worker/storage"
	"github.com/partnerwatch/partnerwatch/worker/storage/filestore"
)

// testNow is the fixed clock of the handler tests.
var testNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

const testToken = "s3cret-admin-token-for-tests"

// testKey is the pinned key pair; otherKey is a key the worker does not pin.
var testKey, otherKey = testlist.NewKey(), testlist.NewKey()

func pinned() map[string]ed25519.PublicKey { return testlist.Keys(testKey) }

// testList returns a valid list issued at issued, valid for validity, with
// one partner named partnerName.
func testList(issued time.Time, validity time.Duration, partnerName string) *list.List {
	return testlist.List(issued, validity, partnerName, 0)
}

// signed returns the envelope of l signed by key.
func signed(t testing.TB, l *list.List, key ed25519.PrivateKey) []byte {
	t.Helper()
	env, err := testlist.Sign(l, key)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// envelopeAt returns a valid envelope whose version is the issue time
// testNow-age, valid for 30 days.
func envelopeAt(t testing.TB, age time.Duration) []byte {
	return signed(t, testList(testNow.Add(-age), 30*24*time.Hour, "Spotify"), testKey)
}

// record verifies env and returns it as a stored record.
func record(t testing.TB, env []byte) *storage.Record {
	t.Helper()
	v, err := list.Verify(env, pinned(), list.VerifyOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return &storage.Record{Meta: storage.MetaOf(v), Envelope: env}
}

// bundledEnvelope is the fallback list of the test handlers: two days old.
var bundledEnvelope []byte

func bundled(t testing.TB) *storage.Record {
	if bundledEnvelope == nil {
		bundledEnvelope = envelopeAt(t, 48*time.Hour)
	}
	return record(t, bundledEnvelope)
}

// testConfig is the tests' handler configuration: the given store and token,
// the bundled list, the pinned keys and the fixed clock.
func testConfig(t testing.TB, store storage.Store, token string) Config {
	b := bundled(t)
	return Config{
		Store:      store,
		Bundled:    func() (*storage.Record, error) { return b, nil },
		Keys:       func() (map[string]ed25519.PublicKey, error) { return pinned(), nil },
		AdminToken: token,
		Now:        func() time.Time { return testNow },
		Logf:       t.Logf,
	}
}

// fixture is a handler over a file store in a temporary directory.
type fixture struct {
	h     *Handler
	store *filestore.Store
	dir   string
}

func newFixture(t testing.TB, token string) *fixture {
	t.Helper()
	return newFixtureWith(t, token, func(*Config) {})
}

// newFixtureWith is newFixture with the handler's configuration changed by
// edit before the handler is made.
func newFixtureWith(t testing.TB, token string, edit func(*Config)) *fixture {
	t.Helper()
	dir := t.TempDir()
	store, err := filestore.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t, store, token)
	edit(&cfg)
	return &fixture{h: New(cfg), store: store, dir: dir}
}

// do sends a request through the handler and returns the response and body.
func (f *fixture) do(t testing.TB, method, target string, body []byte, headers ...string) (*http.Response, string) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(string(body))
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	rr := httptest.NewRecorder()
	f.h.ServeHTTP(rr, req)
	res := rr.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// put uploads env with the test token.
func (f *fixture) put(t testing.TB, env []byte) (*http.Response, string) {
	return f.do(t, http.MethodPut, "/v1/list", env, "Authorization", "Bearer "+testToken)
}
