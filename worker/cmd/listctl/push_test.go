package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const secretToken = "s3cret-admin-token"

// fakeWorker is a worker stub that records the upload and answers with
// status and body.
type fakeWorker struct {
	method, path, auth, contentType string
	body                            []byte
	status                          int
	answer                          string
}

func (f *fakeWorker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.method, f.path = r.Method, r.URL.Path
	f.auth, f.contentType = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
	f.body, _ = io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	io.WriteString(w, f.answer)
}

func TestPushUploads(t *testing.T) {
	envelope, _ := signedList(t)
	want, _ := os.ReadFile(envelope)
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte(secretToken+"\n"), 0o600)
	tests := []struct {
		name string
		vars map[string]string
		args func(url string) []string
		path string
	}{
		{"token file", nil, func(u string) []string { return []string{"push", "-url", u, "-token-file", tokenFile, envelope} }, "/v1/list"},
		{"token from the environment", map[string]string{tokenEnv: secretToken}, func(u string) []string { return []string{"push", "-url", u + "/", envelope} }, "/v1/list"},
		{"base path", map[string]string{tokenEnv: secretToken}, func(u string) []string { return []string{"push", "-url", u + "/mirror", envelope} }, "/mirror/v1/list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := &fakeWorker{status: http.StatusOK, answer: `{"ok":true,"version":1777636800}`}
			srv := httptest.NewServer(fw)
			defer srv.Close()
			r := runListctl(t, tt.vars, tt.args(srv.URL)...)
			r.want(t, 0)
			if fw.method != http.MethodPut || fw.path != tt.path {
				t.Errorf("request = %s %s, want PUT %s", fw.method, fw.path, tt.path)
			}
			if fw.auth != "Bearer "+secretToken || fw.contentType != "application/json" {
				t.Errorf("headers = Authorization %q, Content-Type %q", fw.auth, fw.contentType)
			}
			if string(fw.body) != string(want) {
				t.Errorf("the uploaded body differs from the envelope file")
			}
			if r.stdout != `{"ok":true,"version":1777636800}`+"\n" {
				t.Errorf("stdout = %q, want the worker's answer", r.stdout)
			}
			if strings.Contains(r.stdout+r.stderr, secretToken) {
				t.Errorf("push printed the token")
			}
		})
	}
}

func TestPushWorkerRefuses(t *testing.T) {
	envelope, _ := signedList(t)
	tests := []struct {
		name   string
		status int
		answer string
		want   string
	}{
		{"json error", http.StatusConflict, `{"error":{"code":"rollback","message":"version 5 is not newer than 6"}}`, "409 Conflict: rollback: version 5 is not newer than 6"},
		{"json error with path", http.StatusUnprocessableEntity, `{"error":{"code":"invalid_list","message":"missing","path":"partners[0].name"}}`, "invalid_list: partners[0].name: missing"},
		{"unauthorized", http.StatusUnauthorized, `{"error":{"code":"unauthorized","message":"bad token"}}`, "401 Unauthorized: unauthorized: bad token"},
		{"plain text", http.StatusBadGateway, "upstream down", "502 Bad Gateway: upstream down"},
		{"empty", http.StatusInternalServerError, "", "(empty answer)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(&fakeWorker{status: tt.status, answer: tt.answer})
			defer srv.Close()
			r := runListctl(t, map[string]string{tokenEnv: secretToken}, "push", "-url", srv.URL, envelope)
			r.want(t, 1, tt.want)
			if strings.Contains(r.stdout+r.stderr, secretToken) {
				t.Errorf("push printed the token")
			}
		})
	}
}

func TestPushFailuresBeforeUpload(t *testing.T) {
	envelope, _ := signedList(t)
	dir := t.TempDir()
	emptyToken := filepath.Join(dir, "empty")
	os.WriteFile(emptyToken, []byte("\n"), 0o600)
	payload := filepath.Join(dir, "payload.json")
	os.WriteFile(payload, []byte(`{"schema":1}`), 0o644)
	fw := &fakeWorker{status: http.StatusOK}
	srv := httptest.NewServer(fw)
	defer srv.Close()
	tok := map[string]string{tokenEnv: secretToken}
	tests := []struct {
		name string
		vars map[string]string
		args []string
		code int
		want []string
	}{
		{"missing -url", tok, []string{"push", envelope}, 2, []string{"missing -url", "usage: listctl push"}},
		{"no token", nil, []string{"push", "-url", srv.URL, envelope}, 2, []string{"no admin token", tokenEnv}},
		{"empty token file", nil, []string{"push", "-url", srv.URL, "-token-file", emptyToken, envelope}, 1, []string{"is empty"}},
		{"missing token file", nil, []string{"push", "-url", srv.URL, "-token-file", "/nonexistent-token", envelope}, 1, []string{"token file", "no such file"}},
		{"plain http to a remote host", tok, []string{"push", "-url", "http://list.example.org", envelope}, 2, []string{"plain http", "use https"}},
		{"not a URL", tok, []string{"push", "-url", "list.example.org", envelope}, 2, []string{"not an http or https URL"}},
		{"URL with a query", tok, []string{"push", "-url", "https://list.example.org/?a=b", envelope}, 2, []string{"query"}},
		{"not an envelope", tok, []string{"push", "-url", srv.URL, payload}, 1, []string{"not a signed envelope"}},
		{"missing FILE", tok, []string{"push", "-url", srv.URL}, 2, []string{"missing FILE"}},
		{"unreachable worker", tok, []string{"push", "-url", "http://127.0.0.1:1", envelope}, 1, []string{"PUT http://127.0.0.1:1/v1/list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw.method = ""
			r := runListctl(t, tt.vars, tt.args...)
			r.want(t, tt.code, tt.want...)
			if fw.method != "" {
				t.Errorf("push reached the worker although it should have stopped")
			}
			if strings.Contains(r.stdout+r.stderr, secretToken) {
				t.Errorf("push printed the token")
			}
		})
	}
}

// TestPushRefusesRedirects: a redirect is reported, and the token never
// reaches its target.
func TestPushRefusesRedirects(t *testing.T) {
	envelope, _ := signedList(t)
	target := &fakeWorker{status: http.StatusOK}
	dst := httptest.NewServer(target)
	defer dst.Close()
	src := httptest.NewServer(http.RedirectHandler(dst.URL+"/v1/list", http.StatusPermanentRedirect))
	defer src.Close()
	r := runListctl(t, map[string]string{tokenEnv: secretToken}, "push", "-url", src.URL, envelope)
	r.want(t, 1, "308 Permanent Redirect", "redirecting to "+dst.URL+"/v1/list")
	if target.method != "" {
		t.Errorf("push followed the redirect: %s %s with Authorization %q", target.method, target.path, target.auth)
	}
}

func TestListEndpointLoopback(t *testing.T) {
	for _, u := range []string{"http://localhost:8787", "http://127.0.0.1:8787/", "http://[::1]:8787", "https://list.example.org"} {
		if _, err := listEndpoint(u); err != nil {
			t.Errorf("listEndpoint(%q) = %v, want accepted", u, err)
		}
	}
}
