//go:build !js

package server

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// nestingBombs returns deeply nested uploads that fit the body cap (the
// checklist's D2): nesting in the envelope itself, where the envelope
// expects a string, an array of objects or nothing, and nesting inside a
// payload that a pinned key signed, in a known field and in an unknown one
// (which the decoder skips without recursing, and encoding/json's 10,000
// levels bound the check of what it skipped).
func nestingBombs(t testing.TB, size int) map[string][]byte {
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	deepObj := func(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }
	// A signed payload's bytes are base64 in the envelope: 3/4 of the room.
	payload := func(field string) []byte {
		p, err := list.Encode(testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Spotify"))
		if err != nil {
			t.Fatal(err)
		}
		n := (size*3/4 - len(p) - 512) / 2
		return append(p[:len(p)-1], []byte(`,"`+field+`":`+deep(n)+"}")...)
	}
	return map[string][]byte{
		"a bare array":                   []byte(deep(size/2 - 1)),
		"objects":                        []byte(deepObj((size - 2) / 6)),
		"as the payload":                 []byte(`{"payload":` + deep(size/2-8) + `}`),
		"as the signatures":              []byte(`{"signatures":` + deep(size/2-16) + `}`),
		"in an unknown envelope field":   []byte(`{"x":` + deep(size/2-8) + `}`),
		"signed, in a list field":        resign(t, payload("partners"), testKey),
		"signed, in an unknown field":    resign(t, payload("later"), testKey),
		"signed by an unpinned key":      resign(t, payload("later"), otherKey),
		"after a valid envelope's start": []byte(`{"payload":"` + base64.StdEncoding.EncodeToString([]byte("{}")) + `","signatures":[` + deep(size/2-64) + `]}`),
	}
}

// TestUploadNestingBomb: each bomb, just under the cap, gets a clear 400
// or 422 quickly, with bounded allocation, and nothing is stored.
func TestUploadNestingBomb(t *testing.T) {
	size := list.MaxEnvelopeBytes
	for name, body := range nestingBombs(t, size) {
		t.Run(name, func(t *testing.T) {
			if len(body) > size {
				t.Fatalf("the bomb is %d bytes, over the %d-byte cap", len(body), size)
			}
			f := newFixture(t, testToken)
			req := httptest.NewRequest(http.MethodPut, "/v1/list", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+testToken)
			rr := httptest.NewRecorder()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			f.h.ServeHTTP(rr, req)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			code, msg, _ := errorCode(t, rr.Body.String())
			if rr.Code != 400 && rr.Code != 422 || code == "" || msg == "" {
				t.Fatalf("PUT = %d %s %q, want 400 or 422 with a code and a message", rr.Code, code, msg)
			}
			// Reading the body costs about twice its size (the buffer grows
			// while reading); decoding must add little to that, and a
			// recursive decoder's stack would show in StackInuse.
			alloc := after.TotalAlloc - before.TotalAlloc
			if limit := uint64(5 * size); alloc > limit {
				t.Errorf("the upload allocated %d MiB, more than %d MiB", alloc>>20, limit>>20)
			}
			if stack := after.StackInuse; stack > 64<<20 {
				t.Errorf("goroutine stacks hold %d MiB after the upload", stack>>20)
			}
			// A generous bound for a shared machine: the refusals take
			// milliseconds.
			if took > 5*time.Second {
				t.Errorf("the upload took %s", took)
			}
			if _, err := f.store.Get(t.Context()); err == nil {
				t.Errorf("the bomb was stored")
			}
			t.Logf("%d bytes: %d %s in %s, %d MiB allocated", len(body), rr.Code, code, took.Round(time.Millisecond), alloc>>20)
		})
	}
}
