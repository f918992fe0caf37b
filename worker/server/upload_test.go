//go:build !js

package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

func TestUploadAuth(t *testing.T) {
	env := envelopeAt(t, time.Hour)
	tests := []struct {
		name   string
		token  string // configured
		header string // Authorization; "-" sends none
		status int
		code   string
	}{
		// Uploads disabled.
		{"no token configured", "", "Bearer " + testToken, 503, CodeAdminDisabled},
		{"no token configured, none sent", "", "-", 503, CodeAdminDisabled},
		// A configured token too short to be safe disables uploads, even
		// for a client that sends it.
		{"one-character token", "Z", "Bearer Z", 503, CodeAdminDisabled},
		{"token one short of the minimum", testToken[:MinAdminTokenLength-1], "Bearer " + testToken[:MinAdminTokenLength-1], 503, CodeAdminDisabled},
		{"token of the minimum length", testToken[:MinAdminTokenLength], "Bearer " + testToken[:MinAdminTokenLength], 200, ""},
		// Refused credentials.
		{"no header", testToken, "-", 401, CodeUnauthorized},
		{"empty bearer", testToken, "Bearer ", 401, CodeUnauthorized},
		{"wrong token, same length", testToken, "Bearer " + strings.Repeat("x", len(testToken)), 401, CodeUnauthorized},
		{"wrong token, shorter", testToken, "Bearer " + testToken[:5], 401, CodeUnauthorized},
		{"wrong token, longer", testToken, "Bearer " + testToken + "x", 401, CodeUnauthorized},
		{"wrong scheme", testToken, "Basic " + testToken, 401, CodeUnauthorized},
		{"token without scheme", testToken, testToken, 401, CodeUnauthorized},
		// Accepted.
		{"right token", testToken, "Bearer " + testToken, 200, ""},
		{"scheme is case-insensitive", testToken, "bearer " + testToken, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.token)
			var h []string
			if tt.header != "-" {
				h = []string{"Authorization", tt.header}
			}
			res, body := f.do(t, http.MethodPut, "/v1/list", env, h...)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d %s, want %d", res.StatusCode, body, tt.status)
			}
			if tt.code != "" {
				if code, _, _ := errorCode(t, body); code != tt.code {
					t.Errorf("code = %s, want %s", code, tt.code)
				}
			}
			if wantAuth := tt.status == 401; (res.Header.Get("WWW-Authenticate") != "") != wantAuth {
				t.Errorf("WWW-Authenticate = %q", res.Header.Get("WWW-Authenticate"))
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("admin route sent CORS headers")
			}
			if tt.token != "" && strings.Contains(body, tt.token) {
				t.Errorf("response contains the token")
			}
		})
	}
}

// resign returns an envelope of payload signed by key, for payloads that
// are not valid lists.
func resign(t testing.TB, payload []byte, key []byte) []byte {
	t.Helper()
	env, err := list.Sign(payload, key)
	if err != nil {
		t.Fatal(err)
	}
	return env
}

// tampered returns env with its payload replaced and its signature kept.
func tampered(t *testing.T, env []byte) []byte {
	t.Helper()
	var e list.Envelope
	if err := json.Unmarshal(env, &e); err != nil {
		t.Fatal(err)
	}
	l := testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Spotify AB")
	payload, _ := list.Encode(l)
	e.Payload, e.PayloadJSON = "", string(payload)
	out, _ := json.Marshal(e)
	return out
}

func TestUploadErrors(t *testing.T) {
	day := 24 * time.Hour
	invalid := testList(testNow.Add(-time.Hour), 30*day, "Spotify")
	invalid.Permissions[0].Severity = "extreme"
	tests := []struct {
		name   string
		body   []byte
		status int
		code   string
		path   string
		// noBundle runs without a bundled list, so that an old list is
		// judged on its expiry rather than refused as a rollback.
		noBundle bool
	}{
		// Not an envelope.
		{"malformed JSON", []byte(`{"payload":`), 400, list.CodeBadEnvelope, "", false},
		{"empty body", []byte{}, 400, list.CodeBadEnvelope, "", false},
		{"payload not a list", resign(t, []byte(`["not","a","list"]`), testKey), 400, list.CodeBadPayload, "", false},
		// Signed lists that break a rule.
		{"invalid list", signed(t, invalid, testKey), 422, list.CodeInvalidList, "permissions[0].severity", false},
		{"untrusted key", signed(t, testList(testNow.Add(-time.Hour), 30*day, "Spotify"), otherKey), 422, list.CodeUnknownKey, "", false},
		{"altered payload", tampered(t, envelopeAt(t, 2*time.Hour)), 422, list.CodeBadSignature, "", false},
		{"issued in the future", signed(t, testList(testNow.Add(time.Hour), 30*day, "Spotify"), testKey), 422, list.CodeNotYetValid, "", false},
		{"expired", signed(t, testList(testNow.Add(-40*day), 30*day, "Spotify"), testKey), 422, CodeExpired, "", true},
		// Versions that do not go up (the bundled list is two days old).
		{"older than the bundled list", envelopeAt(t, 72*time.Hour), 409, list.CodeRollback, "", false},
		{"same as the bundled list", bundled(t).Envelope, 409, list.CodeRollback, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, testToken)
			if tt.noBundle {
				f.h.cfg.Bundled = nil
			}
			res, body := f.put(t, tt.body)
			code, msg, path := errorCode(t, body)
			if res.StatusCode != tt.status || code != tt.code || path != tt.path || msg == "" {
				t.Fatalf("PUT = %d %s path %q (%s), want %d %s path %q", res.StatusCode, code, path, msg, tt.status, tt.code, tt.path)
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("admin route sent CORS headers")
			}
			// Nothing was stored.
			if _, err := f.store.Get(t.Context()); err == nil {
				t.Errorf("a refused upload was stored")
			}
		})
	}
}

func TestUploadVersions(t *testing.T) {
	f := newFixture(t, testToken)
	v1, v2 := envelopeAt(t, 2*time.Hour), envelopeAt(t, time.Hour)
	steps := []struct {
		name   string
		env    []byte
		status int
		code   string
	}{
		{"first upload", v1, 200, ""},
		{"newer", v2, 200, ""},
		{"rollback to the older list", v1, 409, list.CodeRollback},
		{"same version again", v2, 409, list.CodeRollback},
		{"same version, different bytes", signed(t, testList(testNow.Add(-time.Hour), 60*24*time.Hour, "Spotify"), testKey), 409, list.CodeRollback},
	}
	for _, s := range steps {
		res, body := f.put(t, s.env)
		if res.StatusCode != s.status {
			t.Fatalf("%s: PUT = %d %s, want %d", s.name, res.StatusCode, body, s.status)
		}
		if s.code != "" {
			if code, _, _ := errorCode(t, body); code != s.code {
				t.Errorf("%s: code = %s, want %s", s.name, code, s.code)
			}
			continue
		}
		var st Status
		if err := json.Unmarshal([]byte(body), &st); err != nil || st.Source != "stored" || st.SHA256 != record(t, s.env).Meta.SHA256 {
			t.Errorf("%s: status = %+v (%v)", s.name, st, err)
		}
	}
	if _, body := f.do(t, http.MethodGet, "/v1/list", nil); body != string(v2) {
		t.Errorf("the newest list is not served")
	}
}

func TestUploadSizeCap(t *testing.T) {
	atCap := bytes.Repeat([]byte(" "), list.MaxEnvelopeBytes)
	over := bytes.Repeat([]byte(" "), list.MaxEnvelopeBytes+1)
	tests := []struct {
		name          string
		body          []byte
		contentLength int64 // -1: unknown (chunked), so the cap applies while reading
		status        int
		code          string
	}{
		// At the cap the body is read and judged: blanks are no envelope.
		{"exactly at the cap", atCap, int64(len(atCap)), 400, list.CodeBadEnvelope},
		{"exactly at the cap, chunked", atCap, -1, 400, list.CodeBadEnvelope},
		// One byte over is refused.
		{"one byte over", over, int64(len(over)), 413, list.CodeTooLarge},
		{"one byte over, chunked", over, -1, 413, list.CodeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, testToken)
			req := httptest.NewRequest(http.MethodPut, "/v1/list", bytes.NewReader(tt.body))
			req.ContentLength = tt.contentLength
			req.Header.Set("Authorization", "Bearer "+testToken)
			rr := httptest.NewRecorder()
			f.h.ServeHTTP(rr, req)
			code, _, _ := errorCode(t, rr.Body.String())
			if rr.Code != tt.status || code != tt.code {
				t.Errorf("PUT = %d %s, want %d %s", rr.Code, code, tt.status, tt.code)
			}
		})
	}
}

func TestConcurrentUploads(t *testing.T) {
	f := newFixture(t, testToken)
	const n = 50
	envs := make([][]byte, n)
	for i := range envs { // versions increase with i: issued i seconds later
		envs[i] = envelopeAt(t, time.Duration(n-i)*time.Second)
	}
	want := record(t, envs[n-1]).Meta.Version

	// A reader polls the served version while the uploads race.
	stop := make(chan struct{})
	var readerErr atomic.Value
	var reads atomic.Int64
	var readerDone sync.WaitGroup
	readerDone.Add(1)
	go func() {
		defer readerDone.Done()
		last := int64(0)
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, _ := f.do(t, http.MethodGet, "/v1/list", nil)
			v, _ := strconv.ParseInt(res.Header.Get("X-List-Version"), 10, 64)
			if v < last {
				readerErr.Store(strconv.FormatInt(v, 10) + " after " + strconv.FormatInt(last, 10))
			}
			last = v
			reads.Add(1)
		}
	}()

	var wg sync.WaitGroup
	var ok, conflicts atomic.Int64
	start := make(chan struct{})
	for i := range envs {
		wg.Add(1)
		go func(env []byte) {
			defer wg.Done()
			<-start
			res, body := f.put(t, env)
			switch {
			case res.StatusCode == 200:
				ok.Add(1)
			case res.StatusCode == 409 && strings.Contains(body, list.CodeRollback):
				conflicts.Add(1)
			default:
				t.Errorf("PUT = %d %s", res.StatusCode, body)
			}
		}(envs[i])
	}
	close(start)
	wg.Wait()
	close(stop)
	readerDone.Wait()

	if e := readerErr.Load(); e != nil {
		t.Errorf("the served version went down: %v", e)
	}
	if ok.Load() == 0 || ok.Load()+conflicts.Load() != n {
		t.Errorf("%d uploads succeeded and %d conflicted, of %d", ok.Load(), conflicts.Load(), n)
	}
	res, body := f.do(t, http.MethodGet, "/v1/list", nil)
	if got := res.Header.Get("X-List-Version"); got != strconv.FormatInt(want, 10) || body != string(envs[n-1]) {
		t.Errorf("final version = %s, want %d", got, want)
	}
	t.Logf("%d uploads stored, %d refused as rollbacks, %d reads", ok.Load(), conflicts.Load(), reads.Load())
}

func TestUploadSmallerCap(t *testing.T) {
	env := envelopeAt(t, time.Hour)
	tests := []struct {
		name     string
		maxBytes int64
		status   int
	}{
		{"cap equals the envelope", int64(len(env)), 200},
		{"cap one byte short", int64(len(env)) - 1, 413},
		{"cap above the list package's", list.MaxEnvelopeBytes + 1, 200},
	}
	for _, tt := range tests {
		f := newFixtureWith(t, testToken, func(c *Config) { c.Bundled, c.MaxBytes = nil, tt.maxBytes })
		if tt.maxBytes > list.MaxEnvelopeBytes && f.h.cfg.MaxBytes != list.MaxEnvelopeBytes {
			t.Errorf("%s: MaxBytes = %d, want the list package's cap", tt.name, f.h.cfg.MaxBytes)
		}
		if res, body := f.put(t, env); res.StatusCode != tt.status {
			t.Errorf("%s: PUT = %d %s, want %d", tt.name, res.StatusCode, body, tt.status)
		}
	}
}

// TestUploadRecoveryFromFastForward is the worker's side of recovering from
// a signer's clock mistake (SECURITY.md, B4): a list's version is its issue
// time and may lead the worker's clock by list.DefaultMaxSkew at most, so the
// furthest a mistaken upload can push the served version is that skew;
// once the clock passes it, a list signed at the right time goes up again,
// with no store reset.
func TestUploadRecoveryFromFastForward(t *testing.T) {
	now := testNow
	f := newFixtureWith(t, testToken, func(c *Config) { c.Now = func() time.Time { return now } })
	day := 24 * time.Hour
	ahead := signed(t, testList(testNow.Add(list.DefaultMaxSkew-time.Minute), 30*day, "Spotify"), testKey)
	steps := []struct {
		name   string
		env    []byte
		status int
		code   string
	}{
		{"a list stamped beyond the skew is refused", signed(t, testList(testNow.Add(list.DefaultMaxSkew+time.Second), 30*day, "Spotify"), testKey), 422, list.CodeNotYetValid},
		{"a list stamped just within the skew (the mistake) is taken", ahead, 200, ""},
		{"a list signed at the right time is now a rollback", signed(t, testList(testNow, 30*day, "Spotify"), testKey), 409, list.CodeRollback},
	}
	for _, s := range steps {
		res, body := f.put(t, s.env)
		if res.StatusCode != s.status {
			t.Fatalf("%s: PUT = %d %s, want %d", s.name, res.StatusCode, body, s.status)
		}
		if code, _, _ := errorCode(t, body); s.code != "" && code != s.code {
			t.Fatalf("%s: code = %s, want %s", s.name, code, s.code)
		}
	}
	now = testNow.Add(list.DefaultMaxSkew)
	fresh := signed(t, testList(now, 30*day, "Spotify"), testKey)
	if res, body := f.put(t, fresh); res.StatusCode != 200 {
		t.Fatalf("after the clock passed the mistaken stamp: PUT = %d %s, want 200", res.StatusCode, body)
	}
	if _, body := f.do(t, http.MethodGet, "/v1/list", nil); body != string(fresh) {
		t.Errorf("the list signed after the clock caught up is not served")
	}
}
