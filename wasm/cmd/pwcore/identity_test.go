//go:build !(js && wasm)

package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/core"
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/htmlobs"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

const (
	wasmFile = "../../../build/core/core.wasm"
	pagesDir = "../../../testdata/pages"
)

// need fails the test when something it needs is missing. The test runs
// only under make test-wasm, which builds core.wasm first and sets
// PWCORE_WASM_REQUIRED: a core.wasm left over from an older build would not
// match the native code of a plain go test run.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if os.Getenv("PWCORE_WASM_REQUIRED") == "" {
		t.Skip("run by make test-wasm, which builds core.wasm first")
	}
	if !ok {
		t.Fatalf("%s is missing", what)
	}
}

// signedDefaultList signs the default list with a fresh key and returns the
// LoadRequest JSON.
func signedDefaultList(t *testing.T) []byte {
	t.Helper()
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatalf("defaultlist.Load: %v", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	list.Stamp(l, time.Now().Add(-time.Minute), 24*time.Hour)
	payload, err := list.Encode(l)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	env, err := list.Sign(payload, priv)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	req := core.LoadRequest{Envelope: string(env), Keys: []core.Key{{ID: list.KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}}}
	b, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageURLs merges the fixtures' expect*.json files: fixture path -> URL.
func pageURLs(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(pagesDir, "expect*.json"))
	urls := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for name, x := range e {
			urls[filepath.ToSlash(name)] = x.URL
		}
	}
	return urls
}

type page struct {
	File        string `json:"file"`
	Observation string `json:"observation"`
}

// TestWasmMatchesNative runs every fixture through the native core and
// through core.wasm under node, and requires byte-identical answers, from
// report (JSON) and from reportFlat (the flat form the extension sends).
func TestWasmMatchesNative(t *testing.T) {
	_, err := os.Stat(wasmFile)
	need(t, err == nil, wasmFile)
	_, err = exec.LookPath("node")
	need(t, err == nil, "node")

	load := signedDefaultList(t)
	native := core.New()
	var loaded core.Response
	if err := loaded.UnmarshalJSON(native.LoadList(load)); err != nil || !loaded.OK {
		t.Fatalf("native LoadList: %v %+v", err, loaded.Error)
	}
	urls := pageURLs(t)
	fixtures, _ := filepath.Glob(filepath.Join(pagesDir, "*", "*.html"))
	need(t, len(fixtures) > 0, "testdata/pages fixtures")
	sort.Strings(fixtures)
	var pages []page
	want := map[string][]byte{}
	for _, f := range fixtures {
		rel, _ := filepath.Rel(pagesDir, f)
		u := urls[filepath.ToSlash(rel)]
		if u == "" {
			u = "https://example.com/" + filepath.Base(f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		obs, err := htmlobs.Observe(u, bytes.NewReader(data), detect.CollectSet{Selectors: loaded.List.Selectors, Tokens: loaded.List.Tokens})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		obs.ListVersion = loaded.List.Version
		b, err := obs.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, page{File: rel, Observation: string(b)})
		want[rel] = native.Report(b)
	}
	input, err := json.Marshal(map[string]any{"load": string(load), "pages": pages})
	if err != nil {
		t.Fatal(err)
	}
	inputFile := filepath.Join(t.TempDir(), "input.json")
	if err := os.WriteFile(inputFile, input, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "testdata/cold.mjs", wasmFile, inputFile)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	if !sc.Scan() {
		t.Fatalf("node printed nothing")
	}
	t.Logf("node: %s", sc.Text())
	seen := 0
	for sc.Scan() {
		var line struct {
			File     string `json:"file"`
			Response string `json:"response"`
			Flat     string `json:"flat"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("node output: %v", err)
		}
		seen++
		if w, ok := want[line.File]; !ok {
			t.Errorf("node answered for unknown page %s", line.File)
		} else if !strings.HasPrefix(line.Response, `{"ok":true`) {
			t.Errorf("%s: wasm answered an error: %s", line.File, cutLog(line.Response))
		} else if line.Response != string(w) {
			t.Errorf("%s: wasm and native answers differ\nwasm:   %s\nnative: %s", line.File, cutLog(line.Response), cutLog(string(w)))
		} else if line.Flat != string(w) {
			t.Errorf("%s: reportFlat and native report differ\nflat:   %s\nnative: %s", line.File, cutLog(line.Flat), cutLog(string(w)))
		}
	}
	if seen != len(pages) {
		t.Errorf("node answered %d pages, want %d", seen, len(pages))
	}
}

func cutLog(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
