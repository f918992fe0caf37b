// Package htmlobs builds a page Observation from static HTML, the way the
// extension's content script builds one from a live page: the same generic
// snapshot (script, frame, link and form URLs, inline scripts and the texts
// of event-handler attributes and javascript: links, elements matched by the
// list's selector set, candidate buttons with their texts), with no rule
// logic. The native scanner (widgetscan) and the tests use it
// to run the detection engine on saved pages.
//
// It reads the page as a browser parses it (golang.org/x/net/html, selectors
// by github.com/andybalholm/cascadia, URLs as Chromium resolves them: see
// browserURL), so markup shown as text in <pre> or
// <code>, commented out, or inside <template> and <noscript> is never taken
// for a widget. It is host-only: the WebAssembly build must not import it.
package htmlobs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/andybalholm/cascadia"
	whatwg "github.com/nlnwa/whatwg-url/url"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// MaxHTMLBytes is the most of a page Observe reads.
const MaxHTMLBytes = 16 << 20

// Observe parses one HTML page served at pageURL and returns its
// observation. Element.Matches index into set.Selectors; a selector that
// does not compile is skipped (it never matches). Controls are kept when
// they name one of set.Tokens. Refs are assigned in document order to the
// nodes the observation mentions.
func Observe(pageURL string, r io.Reader, set detect.CollectSet) (*detect.Observation, error) {
	page, err := browserURL.Parse(pageURL)
	if err != nil || page.Hostname() == "" {
		return nil, fmt.Errorf("page URL %q is not an absolute URL with a host", pageURL)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxHTMLBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the page: %w", err)
	}
	if len(data) > MaxHTMLBytes {
		return nil, errors.New("the page is larger than 16 MB")
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parsing the page: %w", err)
	}
	o := &observer{
		obs:    &detect.Observation{URL: detect.Cut(pageURL, detect.MaxURLBytes)},
		page:   page,
		base:   page,
		sels:   compileSelectors(set.Selectors),
		tokens: set.Tokens,
		links:  detect.NewLinkFilter(set.Hosts, set.LinkWords),
		refs:   map[*html.Node]int{},
		root:   doc,
	}
	o.findBase(doc)
	o.walk(doc)
	o.finishElements()
	o.packHandlers()
	return o.obs, nil
}

// compiledSelector is one selector of the set, with its index.
type compiledSelector struct {
	index int
	sel   cascadia.Sel
}

func compileSelectors(selectors []string) []compiledSelector {
	out := make([]compiledSelector, 0, len(selectors))
	for i, s := range selectors {
		sel, err := cascadia.Parse(s)
		if err != nil {
			continue
		}
		out = append(out, compiledSelector{i, sel})
	}
	return out
}

// observer is the state of one Observe call.
type observer struct {
	obs  *detect.Observation
	page *whatwg.Url
	// base is the document's base URL; nil when its <base href> does not
	// parse (see findBase).
	base   *whatwg.Url
	sels   []compiledSelector
	tokens []string
	links  *detect.LinkFilter // nil: every link
	refs   map[*html.Node]int
	root   *html.Node
	// labelFor indexes the labels by their for attribute, built on the
	// first radio that needs it.
	labelFor map[string]*html.Node
	nextRef  int
	// handlers are the event-handler and javascript: URL texts seen, at
	// most detect.MaxHandlers, each cut to detect.MaxHandlerBytes.
	handlers []string
	// pending are the elements that selectors match and the candidate
	// buttons, in document order (see finishElements); buttonsSeen counts
	// the candidate buttons seen.
	pending     []pendingElement
	buttonsSeen int
	// controlsSeen counts the controls of each kind (see controlScanned).
	controlsSeen [5]int
}

// findBase applies the first <base href>, as Chromium does: a javascript:
// or data: URL is refused (the page's URL stays the base), and one that
// does not parse leaves the document without a base URL (nil), against
// which only absolute targets resolve.
func (o *observer) findBase(n *html.Node) bool {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Template, atom.Noscript:
			return false
		case atom.Base:
			if href, ok := attr(n, "href"); ok {
				u, err := o.page.Parse(cleanURL(href))
				switch {
				case err != nil:
					o.base = nil
				case u.Scheme() != "javascript" && u.Scheme() != "data":
					o.base = u
				}
				return true
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if o.findBase(c) {
			return true
		}
	}
	return false
}

// walk visits the document in order.
func (o *observer) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Template, atom.Noscript:
			// Inert markup: not part of the page until a script uses it.
			return
		}
		o.element(n)
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		o.walk(c)
	}
}

// element records what one element contributes.
func (o *observer) element(n *html.Node) {
	refOf := func() int { return o.refFor(n) }
	obs := o.obs
	o.eventHandlers(n)
	o.control(n)
	if n.Namespace != "" {
		// SVG and MathML a and script elements are not in the document's
		// links and scripts.
		o.elementCandidate(n)
		return
	}
	switch n.DataAtom {
	case atom.Script:
		if !isJavaScript(n) {
			break
		}
		if src, ok := attr(n, "src"); ok {
			if u, ok := o.resolve(src); ok && len(obs.Scripts) < detect.MaxScripts {
				obs.Scripts = append(obs.Scripts, u)
			}
		} else if text := strings.TrimSpace(childText(n)); text != "" && len(obs.Inline) < detect.MaxInline {
			obs.Inline = append(obs.Inline, detect.Cut(text, detect.MaxInlineBytes))
		}
	case atom.Iframe, atom.Frame:
		if src, ok := attr(n, "src"); ok {
			if u, ok := o.resolve(src); ok && len(obs.Frames) < detect.MaxFrames {
				obs.Frames = append(obs.Frames, detect.Frame{Ref: refOf(), Src: u})
			}
		}
	case atom.A, atom.Area:
		if href, ok := attr(n, "href"); ok {
			if u, ok := o.linkTarget(href); ok && len(obs.Links) < detect.MaxLinks {
				if text, label := visibleText(n), linkLabel(n); o.links.Keep(u, text, label) {
					obs.Links = append(obs.Links, detect.Link{Ref: refOf(), Href: u, Text: text, Label: label})
				}
			}
		}
	case atom.Form:
		if len(obs.Forms) < detect.MaxForms {
			obs.Forms = append(obs.Forms, o.form(n, refOf()))
		}
	}
	o.elementCandidate(n)
}

// form describes a form: its action (see formAction), the texts of its
// submit controls (every descendant that submitText accepts, in document
// order) and its label: its own aria-label, else the label of
// its first submit control that has one.
func (o *observer) form(n *html.Node, ref int) detect.Form {
	f := detect.Form{Ref: ref, Action: o.formAction(n), Label: detect.Cut(fold(attrText(n, "aria-label")), detect.MaxTextBytes)}
	var texts submitTexts
	var visit func(c *html.Node)
	visit = func(c *html.Node) {
		for ; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || inert(c) {
				continue
			}
			if text, ok := submitText(c); ok {
				texts.add(text)
				if f.Label == "" {
					f.Label = label(c)
				}
			}
			visit(c.FirstChild)
		}
	}
	visit(n.FirstChild)
	f.Text = texts.String()
	return f
}

// linkTarget is a link's target as a browser's a.href gives it: resolved,
// or the attribute as written when it does not parse as a URL (a blank one
// is no target).
func (o *observer) linkTarget(href string) (string, bool) {
	if u, ok := o.resolve(href); ok {
		return u, true
	}
	if cleanURL(href) == "" {
		return "", false
	}
	return detect.Cut(href, detect.MaxURLBytes), true
}

// formAction is where a form submits: its action attribute resolved
// against the base URL, or the page's URL when the attribute is missing or
// blank (browsers take the document's URL for an empty action).
func (o *observer) formAction(form *html.Node) string {
	if action, ok := attr(form, "action"); ok {
		if u, ok := o.resolve(action); ok {
			return u
		}
	}
	return detect.Cut(o.page.Href(false), detect.MaxURLBytes)
}

// isSubmitButton reports whether n is a button that submits its form: as
// browsers read the type attribute, any type but reset and button (a
// missing, empty or unknown type is submit).
func isSubmitButton(n *html.Node) bool {
	if n.DataAtom != atom.Button || n.Namespace != "" {
		return false
	}
	switch keyword(n, "type") {
	case "reset", "button":
		return false
	}
	return true
}

// submitText returns the text of a submit control: a submit button's
// visible text, a submit input's value, an image input's alt text.
func submitText(n *html.Node) (string, bool) {
	if isSubmitButton(n) {
		return visibleText(n), true
	}
	if n.DataAtom == atom.Input && n.Namespace == "" {
		switch keyword(n, "type") {
		case "submit":
			return detect.Cut(fold(attrText(n, "value")), detect.MaxTextBytes), true
		case "image":
			return detect.Cut(fold(attrText(n, "alt")), detect.MaxTextBytes), true
		}
	}
	return "", false
}

// submitTexts joins the folded texts of a form's submit controls with
// spaces, as far as MaxTextBytes: the join is folded already, and reading
// stops once it is longer than the bound.
type submitTexts struct {
	b strings.Builder
}

func (s *submitTexts) add(text string) {
	if text == "" || s.b.Len() > detect.MaxTextBytes {
		return
	}
	if s.b.Len() > 0 {
		s.b.WriteByte(' ')
	}
	s.b.WriteString(text)
}

func (s *submitTexts) String() string { return detect.Cut(s.b.String(), detect.MaxTextBytes) }

// browserURL parses URLs as Chromium does: by the WHATWG URL standard, and
// with "|" and "^" percent-encoded in a path, where Chromium departs from
// the standard. (Chromium also takes a host with a space in it, written
// %20, where the standard refuses the URL; that departure is not made
// here.) testdata/contract/hrefs.json holds Chromium's own answers
// (TestResolveAsChromium; extension/test/e2e/contract.test.mjs checks the
// table against Chromium).
var browserURL = whatwg.NewParser(whatwg.WithPathPercentEncodeSet(whatwg.PathPercentEncodeSet.Set('|', '^')))

// resolve makes a URL attribute absolute against the document's base URL,
// serialised as a browser's a.href gives it.
func (o *observer) resolve(raw string) (string, bool) {
	raw = cleanURL(raw)
	if raw == "" {
		return "", false
	}
	var u *whatwg.Url
	var err error
	if o.base != nil {
		u, err = o.base.Parse(raw)
	} else {
		u, err = browserURL.Parse(raw)
	}
	if err != nil {
		return "", false
	}
	return detect.Cut(u.Href(false), detect.MaxURLBytes), true
}

// cleanURL strips what browsers strip from URL attributes: leading and
// trailing white space, and tabs and newlines anywhere.
func cleanURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// isJavaScript reports whether a script element holds JavaScript (not JSON,
// a template or another data block).
func isJavaScript(n *html.Node) bool {
	if _, ok := attr(n, "type"); !ok {
		return true
	}
	t := strings.TrimSpace(keyword(n, "type"))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	switch t {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript",
		"application/ecmascript", "application/x-javascript", "text/jscript", "text/x-javascript":
		return true
	}
	return false
}
