package htmlobs

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// rulesFile holds the small collection rules as tables, which this package
// and the content script's rules (extension/test/unit/collect.test.mjs, in
// node) both run.
const rulesFile = "../../testdata/contract/rules.json"

// contractRules is rulesFile's content. A nil *string or *bool stands for
// JSON null.
type contractRules struct {
	Fold              [][2]string         `json:"fold"`
	TrimSpace         [][2]string         `json:"trimSpace"`
	CleanURL          [][2]string         `json:"cleanURL"`
	RawIsEventHandler [][]json.RawMessage `json:"isEventHandler"`
	JavascriptURL     [][]*string         `json:"javascriptURL"`
	IsJavaScript      [][]json.RawMessage `json:"isJavaScript"`
	Cut               [][]json.RawMessage `json:"cut"`
	ASCIILower        [][2]string         `json:"asciiLower"`
}

func TestContractRules(t *testing.T) {
	data, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	var r contractRules
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Fold) == 0 || len(r.TrimSpace) == 0 || len(r.CleanURL) == 0 || len(r.RawIsEventHandler) == 0 ||
		len(r.JavascriptURL) == 0 || len(r.IsJavaScript) == 0 || len(r.Cut) == 0 || len(r.ASCIILower) == 0 {
		t.Fatal("a table of the rules file is empty")
	}
	for _, c := range r.Fold {
		if got := fold(c[0]); got != c[1] {
			t.Errorf("fold(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	for _, c := range r.ASCIILower {
		if got := asciiLower(c[0]); got != c[1] {
			t.Errorf("asciiLower(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	for _, c := range r.TrimSpace {
		if got := strings.TrimSpace(c[0]); got != c[1] {
			t.Errorf("trimSpace(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	for _, c := range r.CleanURL {
		if got := cleanURL(c[0]); got != c[1] {
			t.Errorf("cleanURL(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	for _, c := range r.RawIsEventHandler {
		var name string
		var want bool
		unmarshalAll(t, c, &name, &want)
		if got := isEventHandler(name); got != want {
			t.Errorf("isEventHandler(%q) = %v, want %v", name, got, want)
		}
	}
	for _, c := range r.JavascriptURL {
		script, ok := javascriptURL(*c[0])
		if want := c[1]; ok != (want != nil) || ok && script != *want {
			t.Errorf("javascriptURL(%q) = %q, %v; want %v", *c[0], script, ok, want)
		}
	}
	for _, c := range r.IsJavaScript {
		var typ *string
		var want bool
		unmarshalAll(t, c, &typ, &want)
		n := &html.Node{Type: html.ElementNode, Data: "script"}
		if typ != nil {
			n.Attr = []html.Attribute{{Key: "type", Val: *typ}}
		}
		if got := isJavaScript(n); got != want {
			t.Errorf("isJavaScript(type %v) = %v, want %v", typ, got, want)
		}
	}
	for _, c := range r.Cut {
		var s, want string
		var n int
		unmarshalAll(t, c, &s, &n, &want)
		if got := detect.Cut(s, n); got != want {
			t.Errorf("Cut(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
}

// unmarshalAll decodes a table row into one value per column.
func unmarshalAll(t *testing.T, row []json.RawMessage, into ...any) {
	t.Helper()
	if len(row) != len(into) {
		t.Fatalf("row %s has %d columns, want %d", row, len(row), len(into))
	}
	for i, v := range into {
		if err := json.Unmarshal(row[i], v); err != nil {
			t.Fatalf("row %s: %v", row, err)
		}
	}
}
