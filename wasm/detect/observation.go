package detect

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all -disallow_unknown_fields observation.go report.go
//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/jsbounds -out ../../extension/src/lib/bounds.js -schema ../../extension/src/lib/observation.js -layout ../../extension/src/lib/layout.js

import "github.com/partnerwatch/partnerwatch/wasm/list"

// Bounds that collectors (the content script, the static HTML scanner)
// respect and that the engine enforces again: an observation that exceeds them
// is truncated, never rejected, so a hostile page cannot make the engine do
// unbounded work.
const (
	MaxScripts     = 1000     // external script URLs
	MaxInline      = 64       // inline script texts
	MaxInlineBytes = 16 << 10 // bytes kept of each inline script text
	MaxFrames      = 500      // iframes
	MaxLinks       = 10000    // links
	MaxForms       = 500      // forms
	MaxElements    = 2000     // elements matched by the selector set, plus candidate buttons
	MaxRequests    = 2000     // network requests seen for the page
	MaxTextBytes   = 200      // bytes kept of a visible text or aria-label
	MaxURLBytes    = 4096     // bytes kept of any URL
	MaxAttrs       = 32       // attributes kept per element
	MaxAttrBytes   = 256      // bytes kept of an attribute value
	MaxObservation = 8 << 20  // bytes of one observation's JSON

	// Event-handler attribute texts (onclick="FB.login(...)") and
	// javascript: URL texts go into Inline too: collectors keep the first
	// MaxHandlers of them in document order, each cut to MaxHandlerBytes,
	// and join them with "\n" into as few entries of at most
	// MaxInlineBytes as they fill, appended after the inline scripts; when
	// the two together exceed MaxInline, the last inline scripts give way.
	MaxHandlers     = 64      // event-handler and javascript: URL texts
	MaxHandlerBytes = 2 << 10 // bytes kept of each

	// Controls (see Control): collectors keep the first MaxControls in
	// document order whose features name one of the list's tokens.
	MaxControls         = 300 // controls
	MaxControlAttrBytes = 512 // bytes of a control's attribute words
	MaxControlHandler   = 256 // bytes of a control's click handler
	MaxControlNodes     = 16  // descendants of a control read for labels and attributes
	MaxContextText      = 80  // bytes of a sibling's text that counts as a group's caption

	// Bounds of the observation's small fields, for the collectors and the
	// message schema (see the max tags below).
	MaxRef           = 1 << 30         // largest ref a collector assigns
	MaxTagBytes      = 64              // bytes of an element's tag name
	MaxAttrNameBytes = 128             // bytes of an attribute name
	MaxMatches       = 1000            // selector indexes kept per element
	MaxSelectorIndex = 100_000         // largest index into the selector set
	MaxListVersion   = list.MaxVersion // largest list version: exact in JavaScript
	MaxRequestType   = 32              // bytes of a request's type
)

// Observation is one generic snapshot of a page, collected by the content
// script from the live DOM or by the static HTML scanner, plus what the
// service worker saw on the network for the page's tab. It carries no rule
// logic: collectors gather the same things on every page.
//
// Refs are opaque integers that the collector assigns to DOM nodes; a finding
// names the ref of the node to anchor a notice to. Refs are unique within one
// observation.
type Observation struct {
	// URL is the page's URL (the frame's URL for a subframe observation).
	URL string `json:"url" max:"MaxURLBytes"`
	// TopURL is the top-level page's URL when the observation is of a
	// subframe; empty for the top frame.
	TopURL string `json:"top_url,omitempty" max:"MaxURLBytes"`
	// ListVersion is the version of the list whose selector set the collector
	// used to fill Element.Matches; 0 when unknown. When it differs from the
	// loaded list's version, Matches are ignored.
	ListVersion int64 `json:"list_version,omitempty" max:"MaxListVersion"`
	// Scripts are absolute URLs of external scripts.
	Scripts []string `json:"scripts,omitempty" max:"MaxScripts,MaxURLBytes"`
	// Inline are inline script texts and event-handler/javascript: URL
	// texts, each entry cut to MaxInlineBytes: first the texts of inline
	// scripts, then the texts of event-handler attributes (onclick,
	// onsubmit...) and of javascript: link targets with the "javascript:"
	// removed and percent-decoded, packed as MaxHandlers says. SDK call
	// signals (list.Signals.Calls) are matched against all of them.
	Inline []string `json:"inline,omitempty" max:"MaxInline,MaxInlineBytes"`
	// Frames are the page's iframes.
	Frames []Frame `json:"frames,omitempty" max:"MaxFrames"`
	// Links are the page's links with their visible text.
	Links []Link `json:"links,omitempty" max:"MaxLinks"`
	// Forms are the page's forms.
	Forms []Form `json:"forms,omitempty" max:"MaxForms"`
	// Elements are the elements matched by the selector set, and candidate
	// buttons (button, [role=button], input[type=submit|button]) with a
	// text or a label and a short text, in document order. Collectors keep
	// at most 1,500 matched elements (taken in the order of the first
	// selector that matches each, then document order) and look at the
	// first 5,000 candidate buttons (wasm/htmlobs/elements.go has the
	// bounds; testdata/contract/observation.json holds both collectors to
	// them).
	Elements []Element `json:"elements,omitempty" max:"MaxElements"`
	// Controls are the clickable elements that name a provider token (see
	// Control), for the control recogniser.
	Controls []Control `json:"controls,omitempty" max:"MaxControls"`
	// Requests are network requests seen for this page (issue: consent-time
	// warnings). They come from the service worker, never from the page.
	Requests []Request `json:"requests,omitempty" max:"MaxRequests" from:"worker"`
}

// CollectSet is what a collector needs from the loaded list: the selector
// set that Element.Matches index into, and the tokens that keep a control.
type CollectSet struct {
	Selectors []string
	Tokens    []string
	// Hosts and LinkWords, both set, make the collector leave out the
	// links that cannot matter (NewLinkFilter).
	Hosts     []string
	LinkWords []string
}

// Control is a clickable element of the page, described by the features
// the control recogniser reads: a link (a, with or without href, and
// area[href]), a button, an
// input of type submit, image, button or radio, an element with
// role=button or role=link, or an element with an onclick attribute.
//
// Collectors compute every field the same way (wasm/htmlobs and the
// content script run one shared case file, testdata/contract/controls.json):
//
//   - Href: the link's absolute target; for a submit control (button of
//     type submit or none, input of type submit or image) inside a form,
//     the form's action (the page's URL when it has none). A javascript:
//     link has no Href: its script is the Handler.
//   - Text: the visible text (block elements separate words), white space
//     folded, cut to MaxTextBytes; an input's value (alt for an image
//     input); a radio's label (an enclosing <label>, else the first
//     label[for=id]).
//   - Label: the first non-empty aria-label, title or alt of the control,
//     else of its first MaxControlNodes descendants in document order (for
//     a radio, then of its label's descendants other than itself, up to
//     MaxControlNodes in all).
//   - Attrs: the values of class, id, name, value, src and data-*
//     attributes of the control and those descendants (and href of an SVG
//     <use>), node by node, each node's by attribute name, then for a submit control the names and values of its form's
//     first 8 hidden inputs, joined with spaces, each value cut to
//     MaxAttrBytes, the whole cut to MaxControlAttrBytes.
//   - Handler: the onclick attribute's text, or the script of a
//     javascript: link, trimmed and cut to MaxControlHandler.
//   - Group and Context: the group is the control's parent element, or,
//     while that element has exactly one child element other than hidden
//     inputs, script, style, template, noscript and br, its parent in turn,
//     at most three steps up and never body or html. Group is the group's
//     ref. Context is the class and id of the group and of its parent, the
//     group's own text children, and the visible text of its previous
//     sibling element (skipping script, style, template and noscript) when
//     that text is at most MaxContextText bytes, joined with spaces,
//     folded and cut to MaxTextBytes.
//
// A control is kept when one of Href after its scheme and host, Text,
// Label and Handler, or one of
// the attribute values that make Attrs (each cut to MaxAttrBytes, each on
// its own), lower-cased and with all white space removed, contains one of
// the list's tokens (Engine.Tokens).
type Control struct {
	Ref     int    `json:"ref" max:"MaxRef"`
	Tag     string `json:"tag" max:"MaxTagBytes"`
	Href    string `json:"href,omitempty" max:"MaxURLBytes"`
	Text    string `json:"text,omitempty" max:"MaxTextBytes"`
	Label   string `json:"label,omitempty" max:"MaxTextBytes"`
	Attrs   string `json:"attrs,omitempty" max:"MaxControlAttrBytes"`
	Handler string `json:"handler,omitempty" max:"MaxControlHandler"`
	Group   int    `json:"group" max:"MaxRef"`
	Context string `json:"context,omitempty" max:"MaxTextBytes"`
}

// Frame is an iframe (or frame) with a src that is not blank.
type Frame struct {
	Ref int    `json:"ref" max:"MaxRef"`
	Src string `json:"src" max:"MaxURLBytes"`
}

// Link is an <a href> (or <area href>).
type Link struct {
	Ref  int    `json:"ref" max:"MaxRef"`
	Href string `json:"href" max:"MaxURLBytes"`
	// Text is the visible text: the text nodes outside script, style,
	// template and noscript, block elements separating words, read while at
	// most 2×MaxTextBytes bytes were read, white space folded (Go's
	// unicode.IsSpace and U+200B), cut to MaxTextBytes.
	Text string `json:"text,omitempty" max:"MaxTextBytes"`
	// Label is the aria-label, else the title (each folded), else the alt
	// text of the link's first image, cut to MaxTextBytes.
	Label string `json:"label,omitempty" max:"MaxTextBytes"`
}

// Form is a <form>.
type Form struct {
	Ref int `json:"ref" max:"MaxRef"`
	// Action is the action attribute resolved against the base URL, or the
	// page's URL when the attribute is missing or blank (browsers take the
	// document's URL for an empty action).
	Action string `json:"action" max:"MaxURLBytes"`
	// Text is the texts of the form's submit controls in document order
	// (the visible text of a button of any type but reset and button, the
	// value of a submit input, the alt of an image input), joined with
	// spaces, cut to MaxTextBytes.
	Text string `json:"text,omitempty" max:"MaxTextBytes"`
	// Label is the form's aria-label, else the aria-label or title of its
	// first submit control that has one.
	Label string `json:"label,omitempty" max:"MaxTextBytes"`
}

// Element is an element matched by the selector set or a candidate button.
type Element struct {
	Ref int    `json:"ref" max:"MaxRef"`
	Tag string `json:"tag" max:"MaxTagBytes"`
	// Attrs are the element's attributes (at most MaxAttrs, values cut to
	// MaxAttrBytes).
	Attrs Attrs `json:"attrs,omitempty" max:"MaxAttrs,MaxAttrNameBytes,MaxAttrBytes"`
	// Text is the value of an input of type submit or button, else the
	// visible text (see Link.Text), cut to MaxTextBytes.
	Text string `json:"text,omitempty" max:"MaxTextBytes"`
	// Label is the aria-label, else the title (each folded).
	Label string `json:"label,omitempty" max:"MaxTextBytes"`
	// Matches are indexes into the loaded list's selector set (the engine's
	// Selectors) of the selectors this element matches. Empty for a candidate
	// button that matched none.
	Matches []int `json:"matches,omitempty" max:"MaxMatches,MaxSelectorIndex"`
}

// Request is a network request or navigation seen by the service worker.
type Request struct {
	URL string `json:"url" max:"MaxURLBytes"`
	// Type is the request type as the browser names it: script, sub_frame,
	// main_frame, xmlhttprequest, image...
	Type string `json:"type" max:"MaxRequestType"`
}
