package main

import (
	"github.com/partnerwatch/partnerwatch/wasm/core"
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// globalName is the global object the boundary defines.
const globalName = "partnerwatch"

// Answers the boundary gives itself, for what never reaches the core. They
// have the core's Response shape (a host test decodes them).
const (
	argAnswer              = `{"ok":false,"error":{"code":"bad_request","message":"pass one JSON string"}}`
	flatArgAnswer          = `{"ok":false,"error":{"code":"bad_request","message":"pass two Uint8Arrays"}}`
	flatTooLargeAnswer     = `{"ok":false,"error":{"code":"too_large","message":"the observation is larger than the limit"}}`
	envelopeArgAnswer      = `{"ok":false,"error":{"code":"bad_request","message":"pass the envelope or snapshot as a Uint8Array"}}`
	envelopeTooLargeAnswer = `{"ok":false,"error":{"code":"too_large","message":"the envelope or snapshot is larger than the limit"}}`
	panicAnswer            = `{"ok":false,"error":{"code":"internal","message":"the core failed unexpectedly"}}`
)

// maxFlatArg caps each buffer reportFlat copies in before the core checks
// their sum against detect.MaxObservation.
const maxFlatArg = detect.MaxObservation

// maxEnvelopeArg caps the bytes loadListAsync copies in beside a request:
// the largest envelope list.Verify takes, or the largest snapshot the core
// loads.
const maxEnvelopeArg = max(list.MaxEnvelopeBytes, core.MaxSnapshot)
