package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testNow is the clock of every test.
var testNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// result is what one listctl run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runListctl runs listctl with args, a fixed clock and the given
// environment variables.
func runListctl(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		stdout: &out,
		stderr: &errOut,
		getenv: func(k string) string { return vars[k] },
		now:    func() time.Time { return testNow },
		client: &http.Client{Timeout: 10 * time.Second},
	}
	code := run(e, args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// want fails the test unless r exited with code and its stderr contains
// every fragment.
func (r result) want(t *testing.T, code int, stderrHas ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, s := range stderrHas {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr does not mention %q:\n%s", s, r.stderr)
		}
	}
}

// sourceFiles is a small valid list source folder.
func sourceFiles() map[string]string {
	return map[string]string{
		"permissions.json": `[{"id":"read_messages","label":"Read your private messages","severity":"high"}]`,
		"partners.json": `[{"id":"spotify","name":"Spotify","domains":["spotify.com"],"grants":[{
			"platform":"facebook","permissions":["read_messages"],
			"summary":"Facebook let Spotify read users' private messages.",
			"evidence":"reported-by-press","access":{"state":"ended","from":"2017","to":"2018"},
			"sources":[
				{"kind":"press-report","title":"As Facebook Raised a Privacy Wall","publisher":"The New York Times","date":"2018-12-18","url":"https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html","read":"2026-12-02"},
				{"kind":"press-report","title":"Facebook Admits Giving Partners Access to Messages","publisher":"Threatpost","date":"2018-12-19","url":"https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183","read":"2026-12-02"}],
			"responses":[
				{"kind":"summary","by":"Spotify","party":"partner","text":"Spotify said it was unaware of the access.","date":"2018-12-19","url":"https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"},
				{"kind":"quote","by":"Facebook","party":"platform","speaker":"a Facebook spokesperson","text":"People had to explicitly sign in to Facebook first.","date":"2018-12-18","url":"https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"}]}]}]`,
		"providers/facebook.json": `{"id":"facebook","name":"Facebook","domains":["facebook.com"],"widgets":[
			{"id":"facebook-login","kind":"login","name":"Facebook Login","signals":{"selectors":["div.fb-login-button"]}},
			{"id":"facebook-chat","kind":"messaging","name":"Messenger chat","signals":{"frames":[{"host":"*.facebook.com","path":"/plugins/customerchat.php"}]}}]}`,
	}
}

// writeFiles writes files under a new temporary folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// keyPair runs keygen into a temporary folder and returns the paths of the
// private and public key files.
func keyPair(t *testing.T) (priv, pub string) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "test")
	runListctl(t, nil, "keygen", "-out", prefix).want(t, 0)
	return prefix + ".key.json", prefix + ".pub.json"
}

// signedList signs the source folder and returns the envelope's path and
// the public key file.
func signedList(t *testing.T) (envelope, pub string) {
	t.Helper()
	priv, pub := keyPair(t)
	envelope = filepath.Join(t.TempDir(), "signed.json")
	runListctl(t, nil, "sign", "-key", priv, "-in", writeFiles(t, sourceFiles()), "-out", envelope).want(t, 0)
	return envelope, pub
}
