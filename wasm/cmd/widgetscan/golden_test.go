package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current reports")

const (
	pagesDir  = "../../../testdata/pages"
	goldenDir = "../../../testdata/golden"
)

// fixtures lists testdata/pages/{positive,negative}/*.html.
func fixtures(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, sub := range []string{"positive", "negative"} {
		found, err := filepath.Glob(filepath.Join(pagesDir, sub, "*.html"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	if len(files) == 0 {
		t.Skip("no fixtures in testdata/pages yet")
	}
	return files
}

func defaultScanner(t *testing.T) *scanner {
	t.Helper()
	sc, err := newScanner("", "")
	if err != nil {
		t.Fatalf("newScanner: %v", err)
	}
	return sc
}

// goldenPath maps testdata/pages/<kind>/<name>.html to
// testdata/golden/<kind>/<name>.json.
func goldenPath(fixture string) string {
	kind := filepath.Base(filepath.Dir(fixture))
	name := strings.TrimSuffix(filepath.Base(fixture), filepath.Ext(fixture))
	return filepath.Join(goldenDir, kind, name+".json")
}

// TestGolden compares every fixture's report, made with the default list,
// with its golden file. Run with -update to rewrite them after a deliberate
// change of the rules or the engine.
func TestGolden(t *testing.T) {
	sc := defaultScanner(t)
	files := fixtures(t)
	want := map[string]bool{}
	for _, f := range files {
		gp := goldenPath(f)
		want[gp] = true
		rep, err := sc.report(f, sc.urlFor(f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got := indent(rep)
		if *update {
			if err := os.MkdirAll(filepath.Dir(gp), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(gp, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(gp)
		if err != nil {
			t.Errorf("%s: no golden report (run go test ./wasm/cmd/widgetscan -run TestGolden -update): %v", f, err)
			continue
		}
		if !bytes.Equal(old, got) {
			t.Errorf("%s: report differs from %s (rerun with -update if the change is intended):\n%s", f, gp, firstDiff(old, got))
		}
	}
	// Golden files without a fixture are stale.
	stale, _ := filepath.Glob(filepath.Join(goldenDir, "*", "*.json"))
	for _, gp := range stale {
		if !want[gp] {
			if *update {
				os.Remove(gp)
				continue
			}
			t.Errorf("%s has no fixture (rerun with -update to remove it)", gp)
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  golden: " + x + "\n  now:    " + y
		}
	}
	return "(no line differs)"
}

// TestPrecisionRecall compares the (provider, kind) set of every fixture's
// report with the hand-written expect*.json files and fails on any
// mismatch; it logs precision and recall per provider.
func TestPrecisionRecall(t *testing.T) {
	sc := defaultScanner(t)
	files := fixtures(t)
	exp, err := loadExpectations(pagesDir)
	if err != nil {
		t.Fatalf("expectations: %v", err)
	}
	// Every expectation names a fixture that exists.
	for name := range exp {
		if _, err := os.Stat(filepath.Join(pagesDir, filepath.FromSlash(name))); err != nil {
			t.Errorf("expect*.json lists %s, which does not exist", name)
		}
	}
	c, err := compare(sc, files)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	c.print(&out)
	t.Log("\n" + out.String())
	for _, m := range c.mismatches {
		t.Error(m)
	}
	for _, u := range c.unlisted {
		t.Errorf("%s has no expectation in %s/expect*.json", u, pagesDir)
	}
}

// indent pretty-prints JSON for golden files.
func indent(b []byte) []byte {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return b
	}
	out.WriteByte('\n')
	return out.Bytes()
}
