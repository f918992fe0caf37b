//go:build !js

package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// errorCode decodes a JSON error body.
func errorCode(t testing.TB, body string) (code, message, path string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message, Path string }
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("body is not a JSON error: %v: %q", err, body)
	}
	return e.Error.Code, e.Error.Message, e.Error.Path
}

func TestGetList(t *testing.T) {
	f := newFixture(t, testToken)
	b := bundled(t)
	etag := `"` + b.Meta.SHA256 + `"`

	// The bundled list is served byte for byte while nothing is stored.
	res, body := f.do(t, http.MethodGet, "/v1/list", nil)
	if res.StatusCode != http.StatusOK || body != string(b.Envelope) {
		t.Fatalf("GET = %d, body equal %v; want 200 and the bundled envelope", res.StatusCode, body == string(b.Envelope))
	}
	for name, want := range map[string]string{
		"Content-Type":                     "application/json",
		"ETag":                             etag,
		"Cache-Control":                    "public, max-age=300",
		"Access-Control-Allow-Origin":      "*",
		"Access-Control-Expose-Headers":    "ETag, X-List-Version",
		"X-List-Version":                   strconv.FormatInt(b.Meta.Version, 10),
		"Content-Length":                   strconv.Itoa(len(b.Envelope)),
		"Access-Control-Allow-Credentials": "",
	} {
		if got := res.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}

	// HEAD sends the same headers and no body.
	res, body = f.do(t, http.MethodHead, "/v1/list", nil)
	if res.StatusCode != http.StatusOK || body != "" || res.Header.Get("ETag") != etag || res.Header.Get("Content-Length") != strconv.Itoa(len(b.Envelope)) {
		t.Errorf("HEAD = %d, %d body bytes, ETag %q, Content-Length %q", res.StatusCode, len(body), res.Header.Get("ETag"), res.Header.Get("Content-Length"))
	}

	// After an upload, the stored list replaces the bundled one.
	env := envelopeAt(t, time.Hour)
	if res, body := f.put(t, env); res.StatusCode != http.StatusOK {
		t.Fatalf("PUT = %d %s", res.StatusCode, body)
	}
	res, body = f.do(t, http.MethodGet, "/v1/list", nil)
	if body != string(env) || res.Header.Get("ETag") != `"`+record(t, env).Meta.SHA256+`"` {
		t.Errorf("GET after upload does not serve the uploaded envelope")
	}
}

func TestConditionalGet(t *testing.T) {
	f := newFixture(t, testToken)
	etag := `"` + bundled(t).Meta.SHA256 + `"`
	tests := []struct {
		name   string
		method string
		inm    []string
		want   int
	}{
		// Matching tags.
		{"exact", "GET", []string{etag}, 304},
		{"star", "GET", []string{"*"}, 304},
		{"weak tag matches weakly", "GET", []string{"W/" + etag}, 304},
		{"in a list", "GET", []string{`"aaa", ` + etag + `, "bbb"`}, 304},
		{"list without spaces", "GET", []string{`"aaa",` + etag}, 304},
		{"in a second header", "GET", []string{`"aaa"`, etag}, 304},
		{"HEAD", "HEAD", []string{etag}, 304},
		// Tags that do not match.
		{"other tag", "GET", []string{`"0000"`}, 200},
		{"unquoted", "GET", []string{bundled(t).Meta.SHA256}, 200},
		{"other weak tags", "GET", []string{`W/"aaa", W/"bbb"`}, 200},
		{"prefix of the tag", "GET", []string{etag[:10] + `"`}, 200},
		{"none", "GET", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			for _, v := range tt.inm {
				h = append(h, "If-None-Match", v)
			}
			res, body := f.do(t, tt.method, "/v1/list", nil, h...)
			if res.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", res.StatusCode, tt.want)
			}
			if tt.want == 304 {
				if body != "" || res.Header.Get("ETag") != etag || res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("X-List-Version") == "" {
					t.Errorf("304 has body %q, ETag %q, CORS %q, X-List-Version %q", body, res.Header.Get("ETag"), res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("X-List-Version"))
				}
			}
		})
	}
}

func TestPreflight(t *testing.T) {
	f := newFixture(t, testToken)
	res, body := f.do(t, http.MethodOptions, "/v1/list", nil,
		"Origin", "chrome-extension://abc", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if res.StatusCode != http.StatusNoContent || body != "" {
		t.Fatalf("OPTIONS = %d %q, want 204 and no body", res.StatusCode, body)
	}
	for name, want := range map[string]string{
		"Access-Control-Allow-Origin":      "*",
		"Access-Control-Allow-Methods":     "GET, HEAD, OPTIONS",
		"Access-Control-Allow-Headers":     "If-None-Match",
		"Access-Control-Allow-Credentials": "",
	} {
		if got := res.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// TestAdminPreflight checks that a preflight asking for what only the admin
// upload uses (PUT, Authorization) gets no CORS headers, from any origin.
func TestAdminPreflight(t *testing.T) {
	f := newFixture(t, testToken)
	tests := []struct {
		name, method, headers string
	}{
		{"PUT", "PUT", ""},
		{"PUT with Authorization", "PUT", "authorization,content-type"},
		{"GET with Authorization", "GET", "if-none-match, Authorization"},
		{"DELETE", "DELETE", ""},
	}
	for _, tt := range tests {
		for _, target := range []string{"/v1/list", "/v1/status"} {
			res, _ := f.do(t, http.MethodOptions, target, nil,
				"Origin", "https://evil.example", "Access-Control-Request-Method", tt.method, "Access-Control-Request-Headers", tt.headers)
			for _, h := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
				if v := res.Header.Get(h); v != "" {
					t.Errorf("%s %s: %s = %q, want none", tt.name, target, h, v)
				}
			}
		}
	}
}

func TestStatus(t *testing.T) {
	f := newFixture(t, testToken)
	check := func(wantSource string, wantVersion int64, wantStale bool) {
		t.Helper()
		res, body := f.do(t, http.MethodGet, "/v1/status", nil)
		var s Status
		if err := json.Unmarshal([]byte(body), &s); err != nil || res.StatusCode != 200 {
			t.Fatalf("status = %d %q (%v)", res.StatusCode, body, err)
		}
		if s.Source != wantSource || s.Version != wantVersion || s.Stale != wantStale || s.ID != "test-list" || len(s.SHA256) != 64 || s.KeyID == "" || s.IssuedAt == "" || s.ExpiresAt == "" {
			t.Errorf("status = %+v, want source %s, version %d, stale %v", s, wantSource, wantVersion, wantStale)
		}
	}
	// The bundled list, then an upload.
	check("bundled", bundled(t).Meta.Version, false)
	env := envelopeAt(t, time.Hour)
	if res, body := f.put(t, env); res.StatusCode != 200 {
		t.Fatalf("PUT = %d %s", res.StatusCode, body)
	}
	check("stored", record(t, env).Meta.Version, false)
	// The same list, a year later, is stale.
	f.h.cfg.Now = func() time.Time { return testNow.AddDate(1, 0, 0) }
	check("stored", record(t, env).Meta.Version, true)
}

func TestNoList(t *testing.T) {
	f := newFixture(t, testToken)
	f.h.cfg.Bundled = nil
	for _, target := range []string{"/v1/list", "/v1/status", "/"} {
		res, body := f.do(t, http.MethodGet, target, nil)
		if code, _, _ := errorCode(t, body); res.StatusCode != http.StatusServiceUnavailable || code != CodeNoList {
			t.Errorf("GET %s = %d %s, want 503 no_list", target, res.StatusCode, code)
		}
	}
}

func TestRoutingErrors(t *testing.T) {
	f := newFixture(t, testToken)
	tests := []struct {
		method, target string
		status         int
		code, allow    string
	}{
		// Unknown routes.
		{"GET", "/v1/lists", 404, CodeNotFound, ""},
		{"GET", "/v2/list", 404, CodeNotFound, ""},
		{"PUT", "/nope", 404, CodeNotFound, ""},
		// Wrong methods.
		{"POST", "/v1/list", 405, CodeMethodNotAllowed, allowList},
		{"DELETE", "/v1/list", 405, CodeMethodNotAllowed, allowList},
		{"PUT", "/v1/status", 405, CodeMethodNotAllowed, allowStatus},
		{"POST", "/", 405, CodeMethodNotAllowed, allowPage},
	}
	for _, tt := range tests {
		res, body := f.do(t, tt.method, tt.target, nil)
		code, msg, _ := errorCode(t, body)
		if res.StatusCode != tt.status || code != tt.code || res.Header.Get("Allow") != tt.allow || msg == "" {
			t.Errorf("%s %s = %d %s (Allow %q), want %d %s (Allow %q)", tt.method, tt.target, res.StatusCode, code, res.Header.Get("Allow"), tt.status, tt.code, tt.allow)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s Content-Type = %q", tt.method, tt.target, ct)
		}
	}
}
