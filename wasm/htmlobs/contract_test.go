package htmlobs

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

var updateContract = flag.Bool("update-contract", false, "rewrite the expected controls and observations of testdata/contract/*.json from Observe (review the diff!)")

// contractFile is the case file that this package and the content script
// (extension/test/e2e/contract.test.mjs, in Chromium) both run: markup in,
// controls out, so that the two collectors cannot drift.
const contractFile = "../../testdata/contract/controls.json"

// contractCase is one case of the shared file. The page's body is HTML,
// then each Repeat's HTML Times times with "{i}" replaced by 0, 1, ...
// (as in observationFile). With Summary, the controls are compared as
// their count, first and last (ControlsSummary) instead of Controls.
type contractCase struct {
	Name            string           `json:"name"`
	URL             string           `json:"url"`
	Tokens          []string         `json:"tokens"`
	HTML            string           `json:"html"`
	Repeat          []repeat         `json:"repeat,omitempty"`
	Summary         bool             `json:"summary,omitempty"`
	Controls        []detect.Control `json:"controls"`
	ControlsSummary *controlsSummary `json:"controls_summary,omitempty"`
}

// controlsSummary stands for many controls.
type controlsSummary struct {
	Count int            `json:"count"`
	First detect.Control `json:"first"`
	Last  detect.Control `json:"last"`
}

// canonicalRefs renumbers refs and groups by first appearance (ref, then
// group, control by control), since collectors number nodes in different
// orders.
func canonicalRefs(cs []detect.Control) []detect.Control {
	out := make([]detect.Control, len(cs))
	ids := map[int]int{}
	id := func(r int) int {
		if v, ok := ids[r]; ok {
			return v
		}
		ids[r] = len(ids) + 1
		return ids[r]
	}
	for i, c := range cs {
		c.Ref = id(c.Ref)
		c.Group = id(c.Group)
		out[i] = c
	}
	return out
}

func TestContractControls(t *testing.T) {
	data, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	var cases []contractCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for i := range cases {
		c := &cases[i]
		got, err := controlsOf(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if c.Summary {
			var sum *controlsSummary
			if len(got) > 0 {
				sum = &controlsSummary{len(got), got[0], got[len(got)-1]}
			}
			if *updateContract {
				c.ControlsSummary, c.Controls = sum, nil
			} else if !reflect.DeepEqual(sum, c.ControlsSummary) {
				g, _ := json.MarshalIndent(sum, "", " ")
				w, _ := json.MarshalIndent(c.ControlsSummary, "", " ")
				t.Errorf("%s:\ngot  %s\nwant %s", c.Name, g, w)
			}
			continue
		}
		if *updateContract {
			c.Controls = got
			continue
		}
		if c.Controls == nil {
			c.Controls = []detect.Control{}
		}
		if !reflect.DeepEqual(got, c.Controls) {
			g, _ := json.MarshalIndent(got, "", " ")
			w, _ := json.MarshalIndent(c.Controls, "", " ")
			t.Errorf("%s:\ngot  %s\nwant %s", c.Name, g, w)
		}
	}
	if *updateContract {
		writeCases(t, contractFile, cases)
	}
}

// writeCases rewrites a shared case file from Go's results (-update-contract).
func writeCases(t *testing.T, path string, cases any) {
	t.Helper()
	if err := os.WriteFile(path, encodeCases(t, cases), 0o644); err != nil {
		t.Fatal(err)
	}
}

// encodeCases is a case file's text: indented, with markup left unescaped
// so that the file stays readable.
func encodeCases(t *testing.T, cases any) []byte {
	t.Helper()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(cases); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
