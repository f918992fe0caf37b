//go:build !js

package server

import (
	"net/http"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// envelopeFor returns a valid envelope for the list id, issued age before
// testNow, signed by the pinned key.
func envelopeFor(t testing.TB, id string, age time.Duration) []byte {
	l := testList(testNow.Add(-age), 30*24*time.Hour, "Spotify")
	l.ID = id
	return signed(t, l, testKey)
}

// TestUploadListID: a worker takes uploads only for the list it serves (the
// bundled list's id, "test-list", until something is stored; then the
// stored list's), or for Config.ListID when set. A list signed by a pinned
// key for another list is refused as wrong_list and nothing is stored,
// even when its version is newer.
func TestUploadListID(t *testing.T) {
	type step struct {
		name   string
		env    []byte
		status int
		code   string
	}
	tests := []struct {
		name     string
		listID   string // Config.ListID
		noBundle bool
		steps    []step
	}{
		{"bound to the bundled list's id", "", false, []step{
			{"another id, newer", envelopeFor(t, "other-list", time.Hour), 422, list.CodeWrongList},
			{"the served id", envelopeFor(t, "test-list", 50*time.Minute), 200, ""},
		}},
		{"bound to the stored list's id", "", true, []step{
			// With nothing to serve, the first upload names the list.
			{"first upload", envelopeFor(t, "test-list", 2*time.Hour), 200, ""},
			{"another id, newer", envelopeFor(t, "other-list", time.Hour), 422, list.CodeWrongList},
			{"the stored id, newer", envelopeFor(t, "test-list", 50*time.Minute), 200, ""},
		}},
		{"the configured id wins over the served one", "other-list", false, []step{
			{"the served (bundled) id", envelopeFor(t, "test-list", time.Hour), 422, list.CodeWrongList},
			{"the configured id", envelopeFor(t, "other-list", 50*time.Minute), 200, ""},
			{"the configured id, older", envelopeFor(t, "other-list", 55*time.Minute), 409, list.CodeRollback},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, testToken, func(c *Config) {
				c.ListID = tt.listID
				if tt.noBundle {
					c.Bundled = nil
				}
			})
			var served []byte
			for _, s := range tt.steps {
				res, body := f.put(t, s.env)
				if res.StatusCode != s.status {
					t.Fatalf("%s: PUT = %d %s, want %d", s.name, res.StatusCode, body, s.status)
				}
				if s.code != "" {
					code, msg, path := errorCode(t, body)
					if code != s.code || msg == "" || (s.code == list.CodeWrongList && path != "id") {
						t.Errorf("%s: error %s %q path %q, want %s", s.name, code, msg, path, s.code)
					}
				} else {
					served = s.env
				}
				// What is stored is the last accepted list, never a refused one.
				rec, err := f.store.Get(t.Context())
				switch {
				case served == nil && err == nil:
					t.Errorf("%s: a refused list was stored (%s)", s.name, rec.Meta.ID)
				case served != nil && (err != nil || string(rec.Envelope) != string(served)):
					t.Errorf("%s: the store does not hold the last accepted list (%v)", s.name, err)
				}
			}
			if served != nil {
				if _, body := f.do(t, http.MethodGet, "/v1/list", nil); body != string(served) {
					t.Errorf("GET /v1/list does not serve the last accepted list")
				}
			}
		})
	}
}
