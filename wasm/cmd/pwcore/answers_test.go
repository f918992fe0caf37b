//go:build !(js && wasm)

package main

import (
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/core"
)

// TestAnswers checks that the boundary's own answers have the core's
// Response shape.
func TestAnswers(t *testing.T) {
	for name, a := range map[string]struct{ json, code string }{
		"arg":            {argAnswer, core.CodeBadRequest},
		"panic":          {panicAnswer, core.CodeInternal},
		"flat":           {flatArgAnswer, core.CodeBadRequest},
		"large":          {flatTooLargeAnswer, core.CodeTooLarge},
		"envelope":       {envelopeArgAnswer, core.CodeBadRequest},
		"envelope large": {envelopeTooLargeAnswer, core.CodeTooLarge},
	} {
		var r core.Response
		if err := r.UnmarshalJSON([]byte(a.json)); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r.OK || r.Error == nil || r.Error.Code != a.code || r.Error.Message == "" {
			t.Errorf("%s: %+v", name, r.Error)
		}
	}
}
