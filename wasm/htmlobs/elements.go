package htmlobs

import (
	"sort"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// Bounds of the element scan that the observation's contract does not
// hold, because the content script needs them to bound its own work; the
// static observer keeps them so that both give the same elements. The
// shared case file (testdata/contract/observation.json) tests each at its
// edge, against both collectors.
const (
	// MaxButtonText is the longest visible text, in UTF-8 bytes, of a
	// candidate button that is not matched by a selector: a longer one is a
	// container, not a login or chat button.
	MaxButtonText = 80
	// MaxMatchedElements is the most elements matched by selectors that an
	// observation keeps; the rest of detect.MaxElements is for candidate
	// buttons.
	MaxMatchedElements = 1500
	// MaxButtonsScanned is how many candidate buttons, in document order,
	// are looked at (matched or not).
	MaxButtonsScanned = 5000
)

// pendingElement is an element that may go into Observation.Elements.
type pendingElement struct {
	n         *html.Node
	ref       int
	matches   []int
	candidate bool // one of the first MaxButtonsScanned candidate buttons
	el        *detect.Element
}

// elementCandidate notes n when selectors match it or when it is one of
// the first MaxButtonsScanned candidate buttons.
func (o *observer) elementCandidate(n *html.Node) {
	var matches []int
	for _, s := range o.sels {
		if len(matches) >= detect.MaxMatches {
			break
		}
		if s.sel.Match(n) {
			matches = append(matches, s.index)
		}
	}
	candidate := false
	if isCandidateButton(n) {
		candidate = o.buttonsSeen < MaxButtonsScanned
		o.buttonsSeen++
	}
	if len(matches) == 0 && !candidate {
		return
	}
	o.pending = append(o.pending, pendingElement{n: n, ref: o.refFor(n), matches: matches, candidate: candidate})
}

// finishElements fills Observation.Elements, as the content script does
// with one query per selector and one for candidate buttons. It keeps the
// elements that selectors match, at most MaxMatchedElements of them, taken
// in the order of the first selector that matches each and then in
// document order; then the candidate buttons among the first
// MaxButtonsScanned, in document order, that are not kept already and have
// a text or a label and a text of at most MaxButtonText bytes, while there
// are fewer than detect.MaxElements. The elements kept are listed in
// document order.
func (o *observer) finishElements() {
	var matched []*pendingElement
	for i := range o.pending {
		if len(o.pending[i].matches) > 0 {
			matched = append(matched, &o.pending[i])
		}
	}
	sort.SliceStable(matched, func(i, j int) bool { return matched[i].matches[0] < matched[j].matches[0] })
	if len(matched) > MaxMatchedElements {
		matched = matched[:MaxMatchedElements]
	}
	kept := len(matched)
	for _, p := range matched {
		el := o.elementOf(p.n, p.ref, p.matches)
		p.el = &el
	}
	for i := range o.pending {
		p := &o.pending[i]
		if kept >= detect.MaxElements {
			break
		}
		if p.el != nil || !p.candidate {
			continue
		}
		el := o.elementOf(p.n, p.ref, nil)
		if (el.Text == "" && el.Label == "") || len(el.Text) > MaxButtonText {
			continue
		}
		p.el = &el
		kept++
	}
	for _, p := range o.pending {
		if p.el != nil {
			o.obs.Elements = append(o.obs.Elements, *p.el)
		}
	}
}

// elementOf describes one element: its text is an input button's value,
// else its visible text; its label its aria-label, else its title.
func (o *observer) elementOf(n *html.Node, ref int, matches []int) detect.Element {
	return detect.Element{Ref: ref, Tag: tagName(n), Attrs: attrs(n), Text: elementText(n), Label: label(n), Matches: matches}
}

// isCandidateButton reports whether n is a candidate button: a button, an
// element whose role attribute is exactly "button" (as the content script's
// selector [role=button] reads it: a case-insensitive selector would make
// its query four times slower on a large page), an input of type submit or
// button.
func isCandidateButton(n *html.Node) bool {
	if n.Namespace == "" {
		switch n.DataAtom {
		case atom.Button:
			return true
		case atom.Input:
			switch keyword(n, "type") {
			case "submit", "button":
				return true
			}
		}
	}
	return attrText(n, "role") == "button"
}

// elementText is an element's text: the value of an input of type submit
// or button, else its visible text.
func elementText(n *html.Node) string {
	if n.DataAtom == atom.Input && n.Namespace == "" {
		switch keyword(n, "type") {
		case "submit", "button":
			return detect.Cut(fold(attrText(n, "value")), detect.MaxTextBytes)
		}
	}
	return visibleText(n)
}
