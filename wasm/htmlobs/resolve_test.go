package htmlobs

import (
	"encoding/json"
	"os"
	"testing"
)

// hrefsFile holds Chromium's a.href for document base URLs and link targets
// of many shapes (written and checked against Chromium by
// extension/test/e2e/contract.test.mjs).
const hrefsFile = "../../testdata/contract/hrefs.json"

// TestResolveAsChromium holds resolve to Chromium: for every base and
// target of hrefsFile, a link's target resolved against the base
// (linkTarget, through resolve) is Chromium's a.href.
func TestResolveAsChromium(t *testing.T) {
	data, err := os.ReadFile(hrefsFile)
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Rows [][3]string `json:"rows"`
	}
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Rows) < 100 {
		t.Fatalf("only %d rows in %s", len(table.Rows), hrefsFile)
	}
	for _, r := range table.Rows {
		base, target, want := r[0], r[1], r[2]
		b, err := browserURL.Parse(base)
		if err != nil {
			t.Fatalf("base %q: %v", base, err)
		}
		o := &observer{page: b, base: b}
		got, ok := o.linkTarget(target)
		if !ok {
			got = "(none)"
		}
		if got != want {
			t.Errorf("base %q, target %q: got %q, Chromium %q", base, target, got, want)
		}
	}
}
