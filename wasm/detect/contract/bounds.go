// Package contract is the observation's wire contract, read from the Go
// definitions in package detect: the named bounds and the fields with their
// JSON names and max tags. wasm/cmd/jsbounds writes the extension's bounds
// and message schema from it; tests hold the core's truncation to it.
package contract

import (
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/htmlobs"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// Bound is one named bound of the observation, as the collectors and the
// extension's message schema use it.
type Bound struct {
	// Name is the Go constant's name, also the name the extension exports.
	Name string
	// Value is the constant's value.
	Value int
	// Doc is a one-sentence description.
	Doc string
}

// Bounds lists every bound that the observation's max tags name, and the
// envelope cap, in the order wasm/cmd/jsbounds writes them to the
// extension's bounds.js.
var Bounds = []Bound{
	{"MaxScripts", detect.MaxScripts, "External script URLs."},
	{"MaxInline", detect.MaxInline, "Inline script texts."},
	{"MaxInlineBytes", detect.MaxInlineBytes, "Bytes kept of each inline script text."},
	{"MaxFrames", detect.MaxFrames, "Iframes."},
	{"MaxLinks", detect.MaxLinks, "Links."},
	{"MaxForms", detect.MaxForms, "Forms."},
	{"MaxElements", detect.MaxElements, "Elements matched by the selector set, plus candidate buttons."},
	{"MaxRequests", detect.MaxRequests, "Network requests seen for the page."},
	{"MaxTextBytes", detect.MaxTextBytes, "Bytes kept of a visible text or label."},
	{"MaxURLBytes", detect.MaxURLBytes, "Bytes kept of any URL."},
	{"MaxAttrs", detect.MaxAttrs, "Attributes kept per element."},
	{"MaxAttrBytes", detect.MaxAttrBytes, "Bytes kept of an attribute value."},
	{"MaxObservation", detect.MaxObservation, "Bytes of one observation's JSON."},
	{"MaxHandlers", detect.MaxHandlers, "Event-handler and javascript: URL texts (packed into inline)."},
	{"MaxHandlerBytes", detect.MaxHandlerBytes, "Bytes kept of each of them."},
	{"MaxControls", detect.MaxControls, "Controls that name a token (detect.Control)."},
	{"MaxControlAttrBytes", detect.MaxControlAttrBytes, "Bytes of a control's attribute words."},
	{"MaxControlHandler", detect.MaxControlHandler, "Bytes of a control's click handler."},
	{"MaxControlNodes", detect.MaxControlNodes, "Descendants of a control read for labels and attributes."},
	{"MaxContextText", detect.MaxContextText, "Bytes of a sibling's text that counts as a group's caption."},
	{"MaxRef", detect.MaxRef, "Largest ref a collector assigns."},
	{"MaxTagBytes", detect.MaxTagBytes, "Bytes of an element's tag name."},
	{"MaxAttrNameBytes", detect.MaxAttrNameBytes, "Bytes of an attribute name."},
	{"MaxMatches", detect.MaxMatches, "Selector indexes kept per element."},
	{"MaxSelectorIndex", detect.MaxSelectorIndex, "Largest index into the selector set."},
	{"MaxListVersion", detect.MaxListVersion, "The largest list version, 2^53-1 (wasm/list.MaxVersion)."},
	{"MaxRequestType", detect.MaxRequestType, "Bytes of a request's type."},
	{"MaxEnvelopeBytes", list.MaxEnvelopeBytes, "Bytes of a list envelope the extension accepts (wasm/list.MaxEnvelopeBytes)."},
	{"MaxSkewSeconds", int(list.DefaultMaxSkew / time.Second), "Seconds a list's issue time may lie ahead of the clock (wasm/list.DefaultMaxSkew)."},
	// The collectors' own limits (wasm/htmlobs and the content script),
	// which are not bounds of the observation but must agree.
	{"MaxButtonText", htmlobs.MaxButtonText, "UTF-8 bytes of a candidate button's text; longer is no login button (wasm/htmlobs)."},
	{"MaxMatchedElements", htmlobs.MaxMatchedElements, "Elements matched by selectors kept before candidate buttons (wasm/htmlobs)."},
	{"MaxButtonsScanned", htmlobs.MaxButtonsScanned, "Candidate buttons looked at, in document order (wasm/htmlobs)."},
	{"MaxControlsScanned", htmlobs.MaxControlsScanned, "Candidate controls looked at per kind (wasm/htmlobs)."},
}

// BoundValue returns the value of the bound with the given name.
func BoundValue(name string) (int, bool) {
	for _, b := range Bounds {
		if b.Name == name {
			return b.Value, true
		}
	}
	return 0, false
}
