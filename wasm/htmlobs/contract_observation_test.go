package htmlobs

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// observationFile is the case file of the whole observation but its
// controls (those are in contractFile): markup in, observation out. This
// package and the content script (extension/test/e2e/contract.test.mjs, in
// Chromium) both run it, so that a collection rule changed in one collector
// and not the other fails the tests.
const observationFile = "../../testdata/contract/observation.json"

// observationCase is one case of the shared file. The page is
// "<!DOCTYPE html><html><head>" + Head + "</head><body>" + HTML, then each
// Repeat's HTML Times times with "{i}" replaced by 0, 1, ..., then
// "</body></html>". Want is the observation without its controls and list
// version, refs renumbered by first appearance (frames, links, forms,
// elements); each field named in Summary is compared as its count, first
// and last items only.
type observationCase struct {
	Name      string   `json:"name"`
	URL       string   `json:"url"`
	Selectors []string `json:"selectors,omitempty"`
	Head      string   `json:"head,omitempty"`
	HTML      string   `json:"html"`
	Repeat    []repeat `json:"repeat,omitempty"`
	Summary   []string `json:"summary,omitempty"`
	Want      any      `json:"observation"`
}

// repeat is markup repeated Times times, "{i}" numbered from 0.
type repeat struct {
	HTML  string `json:"html"`
	Times int    `json:"times"`
}

// casePage is a case's whole document (contract.test.mjs builds it the same
// way).
func casePage(head, body string, repeats []repeat) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head>" + head + "</head><body>" + body)
	for _, r := range repeats {
		for i := range r.Times {
			b.WriteString(strings.ReplaceAll(r.HTML, "{i}", fmt.Sprint(i)))
		}
	}
	b.WriteString("</body></html>")
	return b.String()
}

// comparable returns an observation as the case file holds it (see
// observationCase); contract.test.mjs does the same to the content
// script's.
func comparable(o *detect.Observation, summary []string) (any, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	delete(m, "controls")
	delete(m, "list_version")
	ids := map[float64]float64{}
	for _, field := range []string{"frames", "links", "forms", "elements"} {
		items, _ := m[field].([]any)
		for _, it := range items {
			item := it.(map[string]any)
			r := item["ref"].(float64)
			if _, ok := ids[r]; !ok {
				ids[r] = float64(len(ids) + 1)
			}
			item["ref"] = ids[r]
		}
	}
	for _, field := range summary {
		items, _ := m[field].([]any)
		if len(items) == 0 {
			continue
		}
		m[field] = map[string]any{"count": float64(len(items)), "first": items[0], "last": items[len(items)-1]}
	}
	return m, nil
}

func TestContractObservation(t *testing.T) {
	data, err := os.ReadFile(observationFile)
	if err != nil {
		t.Fatal(err)
	}
	var cases []observationCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	names := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		if names[c.Name] {
			t.Errorf("two cases named %q", c.Name)
		}
		names[c.Name] = true
		got, err := observed(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if *updateContract {
			c.Want = got
			continue
		}
		if !reflect.DeepEqual(got, c.Want) {
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(c.Want, "", " ")
			t.Errorf("%s:\ngot  %s\nwant %s", c.Name, g, w)
		}
	}
	if *updateContract {
		writeCases(t, observationFile, cases)
	}
}
