//go:build !js

// Package integration runs the list worker as real processes, the native
// server and the Workers bundle inside workerd (wrangler dev), and checks
// the same scenario against both: read, conditional read, refused and
// accepted uploads, read-back, and read-back after a restart.
//
// It needs Go, worker/node_modules (npm ci) and no network; `make
// test-worker` runs it by setting PARTNERWATCH_INTEGRATION=1.
package integration

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/harness"
	"github.com/partnerwatch/partnerwatch/worker/internal/testlist"
)

// server starts (or restarts) one kind of worker over persistent state.
type server func(t *testing.T) *harness.Process

func setup(t *testing.T) (root string, f *harness.Fixture) {
	if os.Getenv("PARTNERWATCH_INTEGRATION") == "" {
		t.Skip("set PARTNERWATCH_INTEGRATION=1 (make test-worker) to run the integration test")
	}
	root, err := harness.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	f, err = harness.NewFixture(t.TempDir(), time.Now().Add(-2*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	return root, f
}

func TestNative(t *testing.T) {
	root, f := setup(t)
	bin := filepath.Join(t.TempDir(), "worker")
	if err := harness.BuildNative(root, bin); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	scenario(t, f, func(t *testing.T) *harness.Process {
		p, err := harness.StartNative(bin, f, data)
		if err != nil {
			t.Fatal(err)
		}
		return p
	})
}

func TestWorkerd(t *testing.T) {
	root, f := setup(t)
	if _, err := os.Stat(filepath.Join(root, "worker", "node_modules", ".bin", "wrangler")); err != nil {
		t.Fatalf("wrangler is not installed: run `cd worker && npm ci` (make deps): %v", err)
	}
	dir := t.TempDir()
	start := time.Now()
	if err := harness.BuildWorkers(root, filepath.Join(dir, "build"), f); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(dir, "build", "app.wasm"))
	t.Logf("built the Workers bundle in %s (app.wasm %d bytes)", time.Since(start).Round(time.Millisecond), st.Size())
	state := t.TempDir()
	// Superseded envelopes are collected at once, so that the test can see
	// it; fault, when set, makes the store fail at that step of an upload.
	startWith := func(t *testing.T, fault string) *harness.Process {
		p, err := harness.StartWrangler(filepath.Join(root, "worker", "node_modules", ".bin", "wrangler"),
			filepath.Join(root, "worker", "wrangler.jsonc"), dir, f, state, map[string]string{"ENVELOPE_GRACE_SECONDS": "0", "CFSTORE_FAULT": fault})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("workerd answered after %s", p.Ready.Round(time.Millisecond))
		return p
	}
	startWorkerd := func(t *testing.T) *harness.Process { return startWith(t, "") }
	scenario(t, f, startWorkerd)
	collection(t, f, startWorkerd, func() []string {
		keys, err := harness.KVKeys(root, dir, state)
		if err != nil {
			t.Fatal(err)
		}
		return keys
	})
	commitOrder(t, f, startWith)
	concurrentUploads(t, f, startWorkerd)
}

// concurrentUploads sends uploads of eight newer versions at once, while a
// reader polls the status: every upload is accepted or refused cleanly
// (200, 409 busy or 409 rollback), the served version never goes down, and
// the list served at the end is the newest one accepted.
func concurrentUploads(t *testing.T, f *harness.Fixture, startServer server) {
	p := startServer(t)
	defer func() {
		p.Stop()
		if t.Failed() {
			t.Logf("server output:\n%s", p.Output())
		}
	}()
	const n = 8
	envs := make([][]byte, n)
	for i := range envs {
		env, err := f.Envelope(time.Now().Add(-time.Duration(n-i)*time.Minute), i)
		if err != nil {
			t.Fatal(err)
		}
		envs[i] = env
	}
	stop := make(chan struct{})
	readerDone := make(chan []int64)
	go func() {
		var seen []int64
		for {
			select {
			case <-stop:
				readerDone <- seen
				return
			default:
			}
			if res, err := http.Get(p.URL + "/v1/status"); err == nil {
				var s status
				json.NewDecoder(res.Body).Decode(&s)
				res.Body.Close()
				seen = append(seen, s.Version)
			}
		}
	}()
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range envs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest("PUT", p.URL+"/v1/list", bytes.NewReader(envs[i]))
			req.Header.Set("Authorization", "Bearer "+f.Token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Errorf("upload %d: %v", i, err)
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			codes[i] = res.StatusCode
			if res.StatusCode != 200 && !(res.StatusCode == 409 && (strings.Contains(string(b), "busy") || strings.Contains(string(b), "rollback"))) {
				t.Errorf("upload %d = %d %s, want 200 or 409 busy/rollback", i, res.StatusCode, b)
			}
		}(i)
	}
	wg.Wait()
	close(stop)
	seen := <-readerDone
	for i := 1; i < len(seen); i++ {
		if seen[i] < seen[i-1] {
			t.Errorf("the served version went down from %d to %d during concurrent uploads", seen[i-1], seen[i])
		}
	}
	newest := -1
	for i, c := range codes {
		if c == 200 {
			newest = i
		}
	}
	if newest < 0 {
		t.Fatalf("no upload of %d was accepted: %v", n, codes)
	}
	if code, _, body := call(t, "GET", p.URL+"/v1/list", nil); code != 200 || body != string(envs[newest]) {
		t.Errorf("after concurrent uploads (answers %v) GET serves the newest accepted (#%d): %v", codes, newest, body == string(envs[newest]))
	}
	t.Logf("concurrent uploads answered %v; the reader saw %d statuses", codes, len(seen))
}

// commitOrder checks, against workerd's local KV and D1, that an upload
// failing at any step of the store never lets the served version go down,
// and that sending a half-done upload again completes it. Before the fix,
// a failed D1 commit left the new list live in KV with D1 behind, so a
// later upload of a version in between was accepted and the served
// version went down.
func commitOrder(t *testing.T, f *harness.Fixture, startWith func(*testing.T, string) *harness.Process) {
	envelopeAt := func(ago time.Duration) []byte {
		env, err := f.Envelope(time.Now().Add(-ago), 7)
		if err != nil {
			t.Fatal(err)
		}
		return env
	}
	low, mid, high := envelopeAt(20*time.Minute), envelopeAt(15*time.Minute), envelopeAt(10*time.Minute)
	var served int64
	step := func(p *harness.Process, name string, env []byte, want int) {
		t.Helper()
		code, _, body := call(t, "PUT", p.URL+"/v1/list", env, "Authorization", "Bearer "+f.Token)
		if code != want {
			t.Errorf("%s: PUT = %d %s, want %d", name, code, body, want)
		}
		s := getStatus(t, p.URL)
		if s.Version < served {
			t.Errorf("%s: the served version went down from %d to %d", name, served, s.Version)
		}
		served = s.Version
	}
	run := func(fault string, steps func(p *harness.Process)) {
		p := startWith(t, fault)
		defer func() {
			p.Stop()
			if t.Failed() {
				t.Logf("server output (fault %q):\n%s", fault, p.Output())
			}
		}()
		steps(p)
	}
	run("", func(p *harness.Process) { step(p, "low", low, 200) })
	for i, fault := range []string{"envelope", "commit", "meta"} {
		run(fault, func(p *harness.Process) { step(p, "high, failing before "+fault, high, 500) })
		// A version between what is served and what failed.
		want := 200
		if fault == "meta" { // D1 committed high: mid is a rollback now
			want = 409
		}
		run("", func(p *harness.Process) { step(p, "mid after a failure before "+fault, mid, want) })
		if t.Failed() {
			return
		}
		if want == 200 { // the next "mid" must be newer than this one
			mid = envelopeAt(14*time.Minute - time.Duration(i)*time.Minute)
		}
	}
	// The half-done upload completes when sent again.
	run("", func(p *harness.Process) {
		step(p, "high again", high, 200)
		if code, _, body := call(t, "GET", p.URL+"/v1/list", nil); code != 200 || body != string(high) {
			t.Errorf("GET after completing the upload = %d, serves it: %v", code, body == string(high))
		}
	})
}

// collection checks that a superseded envelope is removed from KV: the
// next upload marks it superseded, the cron handler (GET /__scheduled in
// wrangler dev) removes it, and the served list stays whole.
func collection(t *testing.T, f *harness.Fixture, startServer server, kvKeys func() []string) {
	p := startServer(t)
	defer func() {
		p.Stop()
		if t.Failed() {
			t.Logf("server output:\n%s", p.Output())
		}
	}()
	old := getStatus(t, p.URL)
	third, err := f.Envelope(time.Now().Add(-30*time.Minute), 5)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, body := call(t, "PUT", p.URL+"/v1/list", third, "Authorization", "Bearer "+f.Token); code != 200 {
		t.Fatalf("PUT of a third list = %d %s", code, body)
	}
	cur := getStatus(t, p.URL)
	if !contains(kvKeys(), "envelope/"+old.SHA256) {
		t.Fatalf("the envelope just replaced is gone already: %v", kvKeys())
	}
	if code, _, body := call(t, "GET", p.URL+"/__scheduled", nil); code != 200 {
		t.Fatalf("GET /__scheduled = %d %s", code, body)
	}
	keys := kvKeys()
	if contains(keys, "envelope/"+old.SHA256) || !contains(keys, "envelope/"+cur.SHA256) || !contains(keys, "meta") {
		t.Errorf("KV keys after collection = %v; want meta and envelope/%s only", keys, cur.SHA256)
	}
	if code, _, body := call(t, "GET", p.URL+"/v1/list", nil); code != 200 || body != string(third) {
		t.Errorf("GET /v1/list after collection = %d, the third list: %v", code, body == string(third))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// call sends one request and returns status, headers and body.
func call(t *testing.T, method, url string, body []byte, headers ...string) (int, http.Header, string) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(string(body))
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

type status struct {
	Version int64  `json:"version"`
	SHA256  string `json:"sha256"`
	Source  string `json:"source"`
}

func getStatus(t *testing.T, url string) status {
	t.Helper()
	code, _, body := call(t, "GET", url+"/v1/status", nil)
	var s status
	if err := json.Unmarshal([]byte(body), &s); err != nil || code != 200 {
		t.Fatalf("GET /v1/status = %d %q (%v)", code, body, err)
	}
	return s
}

func scenario(t *testing.T, f *harness.Fixture, startServer server) {
	p := startServer(t)
	stopped := false
	defer func() {
		if !stopped {
			if err := p.Stop(); errors.Is(err, harness.ErrKilled) {
				t.Errorf("stop: %v", err)
			}
		}
		if t.Failed() {
			t.Logf("server output:\n%s", p.Output())
		}
	}()
	url := p.URL

	// The bundled list is served byte for byte.
	if s := getStatus(t, url); s.Source != "bundled" {
		t.Fatalf("status before any upload = %+v, want the bundled list", s)
	}
	code, h, body := call(t, "GET", url+"/v1/list", nil)
	etag := h.Get("ETag")
	if code != 200 || body != string(f.Bundled) || etag == "" || h.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("GET /v1/list = %d, ETag %q, body equal %v", code, etag, body == string(f.Bundled))
	}
	if code, _, body := call(t, "GET", url+"/v1/list", nil, "If-None-Match", etag); code != 304 || body != "" {
		t.Errorf("conditional GET = %d %q, want 304", code, body)
	}
	if code, h, body := call(t, "HEAD", url+"/v1/list", nil); code != 200 || body != "" || h.Get("ETag") != etag {
		t.Errorf("HEAD = %d, ETag %q, %d body bytes", code, h.Get("ETag"), len(body))
	}
	if code, h, _ := call(t, "OPTIONS", url+"/v1/list", nil, "Origin", "chrome-extension://x", "Access-Control-Request-Method", "GET"); code != 204 || h.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("preflight = %d, Access-Control-Allow-Origin %q", code, h.Get("Access-Control-Allow-Origin"))
	}

	// Uploads: refused without the right token, accepted with it.
	next, err := f.Envelope(time.Now().Add(-time.Hour), 3)
	if err != nil {
		t.Fatal(err)
	}
	if code, h, _ := call(t, "PUT", url+"/v1/list", next, "Authorization", "Bearer wrong"); code != 401 || h.Get("WWW-Authenticate") == "" {
		t.Errorf("PUT with a wrong token = %d, want 401 with WWW-Authenticate", code)
	}
	if code, _, body := call(t, "PUT", url+"/v1/list", next, "Authorization", "Bearer "+f.Token); code != 200 {
		t.Fatalf("PUT with the token = %d %s", code, body)
	}
	if code, _, body := call(t, "PUT", url+"/v1/list", next, "Authorization", "Bearer "+f.Token); code != 409 || !strings.Contains(body, "rollback") {
		t.Errorf("PUT of the same version = %d %s, want 409 rollback", code, body)
	}
	refusals(t, f, url)
	readBack := func(when string) {
		t.Helper()
		var h http.Header
		for i := 0; i < 3; i++ { // the Workers store reuses the envelope it read
			var code int
			var body string
			code, h, body = call(t, "GET", url+"/v1/list", nil)
			if code != 200 || body != string(next) || h.Get("ETag") == etag {
				t.Errorf("%s: GET /v1/list #%d = %d, ETag %q, body is the upload: %v", when, i+1, code, h.Get("ETag"), body == string(next))
			}
		}
		if s := getStatus(t, url); s.Source != "stored" || strconv.FormatInt(s.Version, 10) != h.Get("X-List-Version") {
			t.Errorf("%s: status = %+v, X-List-Version %q", when, s, h.Get("X-List-Version"))
		}
		if code, _, page := call(t, "GET", url+"/?q=partner+2", nil); code != 200 || !strings.Contains(page, "Partner 2") || strings.Contains(page, "Partner 1<") {
			t.Errorf("%s: partner page search = %d", when, code)
		}
	}
	readBack("after the upload")

	// The upload survives a restart.
	if err := p.Stop(); errors.Is(err, harness.ErrKilled) {
		t.Errorf("stop: %v", err)
	}
	stopped = true
	p = startServer(t)
	stopped = false
	url = p.URL
	readBack("after a restart")

	// Admin requests are rate-limited per client: guessing tokens soon
	// gets 429 (natively in memory, on Workers by the rate-limiting
	// binding).
	limited := 0
	for i := 0; i < 15 && limited == 0; i++ {
		code, h, _ := call(t, "PUT", url+"/v1/list", next, "Authorization", "Bearer wrong-guess-"+strconv.Itoa(i))
		switch {
		case code == 429 && h.Get("Retry-After") != "":
			limited = i + 1
		case code != 401:
			t.Fatalf("guess %d = %d, want 401 or 429", i, code)
		}
	}
	if limited == 0 {
		t.Errorf("15 admin requests with wrong tokens were never rate-limited")
	}
}

// refusals sends uploads the worker must refuse with the right token, each
// newer than what is served: a list the fixture's key signed for another
// list id (422 wrong_list), and two nesting bombs just under the 24 MiB cap,
// one in the envelope and one inside a signed payload (400). Each must be
// answered in bounded time; the caller checks that the list served is
// still the one uploaded before.
func refusals(t *testing.T, f *harness.Fixture, url string) {
	t.Helper()
	other := testlist.List(time.Now().Add(-30*time.Minute), 30*24*time.Hour, "Spotify", 0)
	other.ID = "another-list"
	otherEnv, err := testlist.Sign(other, f.Key)
	if err != nil {
		t.Fatal(err)
	}
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	payload, err := list.Encode(testlist.List(time.Now().Add(-20*time.Minute), 30*24*time.Hour, "Spotify", 0))
	if err != nil {
		t.Fatal(err)
	}
	n := (list.MaxEnvelopeBytes*3/4 - len(payload) - 512) / 2
	signedBomb, err := list.Sign(append(payload[:len(payload)-1], `,"later":`+deep(n)+"}"...), f.Key)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name   string
		body   []byte
		status int
		code   string
	}{
		{"a list signed for another id", otherEnv, 422, list.CodeWrongList},
		{"a nesting bomb as the payload", []byte(`{"payload":` + deep(list.MaxEnvelopeBytes/2-8) + `}`), 400, list.CodeBadEnvelope},
		{"a nesting bomb in a signed payload", signedBomb, 400, list.CodeBadPayload},
	} {
		if len(u.body) > list.MaxEnvelopeBytes {
			t.Fatalf("%s: %d bytes, over the cap", u.name, len(u.body))
		}
		start := time.Now()
		code, _, body := call(t, "PUT", url+"/v1/list", u.body, "Authorization", "Bearer "+f.Token)
		took := time.Since(start)
		if code != u.status || !strings.Contains(body, `"code":"`+u.code+`"`) {
			t.Errorf("PUT of %s = %d %s, want %d %s", u.name, code, body, u.status, u.code)
		}
		// Generous for workerd on a shared machine; natively it takes
		// milliseconds.
		if took > 30*time.Second {
			t.Errorf("PUT of %s took %s", u.name, took)
		}
		t.Logf("PUT of %s (%d bytes): %d in %s", u.name, len(u.body), code, took.Round(time.Millisecond))
	}
}
