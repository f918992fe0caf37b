//go:build !js

package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// TestJSBoundsMatchGo checks that the extension's copy of the observation
// bounds (extension/src/lib/bounds.js) says what the Go side enforces: the
// contract is written once on each side, and this keeps the two in step.
func TestJSBoundsMatchGo(t *testing.T) {
	src, err := os.ReadFile("../../../extension/src/lib/bounds.js")
	if err != nil {
		t.Fatal(err)
	}
	js := map[string]int{}
	decl := regexp.MustCompile(`(?m)^export const (\w+) = (\d+)(?: << (\d+))?;`)
	for _, m := range decl.FindAllStringSubmatch(string(src), -1) {
		v, _ := strconv.Atoi(m[2])
		if m[3] != "" {
			shift, _ := strconv.Atoi(m[3])
			v <<= shift
		}
		js[m[1]] = v
	}
	want := map[string]int{
		"MaxScripts":       detect.MaxScripts,
		"MaxInline":        detect.MaxInline,
		"MaxInlineBytes":   detect.MaxInlineBytes,
		"MaxFrames":        detect.MaxFrames,
		"MaxLinks":         detect.MaxLinks,
		"MaxForms":         detect.MaxForms,
		"MaxElements":      detect.MaxElements,
		"MaxRequests":      detect.MaxRequests,
		"MaxTextBytes":     detect.MaxTextBytes,
		"MaxURLBytes":      detect.MaxURLBytes,
		"MaxAttrs":         detect.MaxAttrs,
		"MaxAttrBytes":     detect.MaxAttrBytes,
		"MaxObservation":   detect.MaxObservation,
		"MaxHandlers":      detect.MaxHandlers,
		"MaxHandlerBytes":  detect.MaxHandlerBytes,
		"MaxEnvelopeBytes": list.MaxEnvelopeBytes,
		"MaxListVersion":   list.MaxVersion,
		"MaxSkewSeconds":   int(list.DefaultMaxSkew.Seconds()),
	}
	if want := "export const SignaturePrefix = " + strconv.Quote(list.SignaturePrefix) + ";"; !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(want) + `$`).Match(src) {
		t.Errorf("bounds.js lacks %s", want)
	}
	for name, v := range want {
		got, ok := js[name]
		switch {
		case !ok:
			t.Errorf("bounds.js does not export %s (Go: %d)", name, v)
		case got != v:
			t.Errorf("bounds.js %s = %d, Go says %d", name, got, v)
		}
	}
}
