package htmlobs

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// control records n as a control when it is one and its features contain
// one of the list's tokens. detect.Control says how each field is computed;
// the content script computes them the same way, and both run the shared
// case file testdata/contract/controls.json.
func (o *observer) control(n *html.Node) {
	if len(o.tokens) == 0 || len(o.obs.Controls) >= detect.MaxControls || !isControl(n) || !o.controlScanned(n) {
		return
	}
	c := detect.Control{Tag: tagName(n)}
	submit := false
	var radioLabel *html.Node
	switch n.DataAtom {
	case atom.A, atom.Area:
		if href, ok := attr(n, "href"); ok {
			if script, ok := javascriptURL(href); ok {
				c.Handler = script
			} else if u, ok := o.resolve(href); ok {
				c.Href = u
			}
		}
		c.Text = visibleText(n)
	case atom.Input:
		switch t := keyword(n, "type"); t {
		case "submit", "button":
			c.Text = detect.Cut(fold(attrText(n, "value")), detect.MaxTextBytes)
			submit = t == "submit"
		case "image":
			c.Text = detect.Cut(fold(attrText(n, "alt")), detect.MaxTextBytes)
			submit = true
		case "radio":
			if radioLabel = o.labelOf(n); radioLabel != nil {
				c.Text = visibleText(radioLabel)
			}
		}
	case atom.Button:
		c.Text = visibleText(n)
		submit = isSubmitButton(n)
	default:
		c.Text = visibleText(n)
	}
	if h, ok := attr(n, "onclick"); ok && c.Handler == "" {
		c.Handler = strings.TrimSpace(h)
	}
	c.Handler = detect.Cut(strings.TrimSpace(c.Handler), detect.MaxControlHandler)
	var form *html.Node
	if submit {
		form = ancestor(n, atom.Form)
		if form != nil {
			c.Href = o.formAction(form)
		}
	}
	nodes := controlNodes(n)
	if radioLabel != nil {
		// A radio's label stands for it: its icons and classes too.
		for _, d := range controlNodes(radioLabel)[1:] {
			if d != n && len(nodes) <= detect.MaxControlNodes {
				nodes = append(nodes, d)
			}
		}
	}
	c.Label = controlLabel(nodes)
	var parts []string
	c.Attrs, parts = controlAttrs(nodes, form)
	if !o.namesToken(&c, parts) {
		return
	}
	c.Ref = o.refFor(n)
	g := group(n)
	c.Group = o.refFor(g)
	c.Context = context(g)
	o.obs.Controls = append(o.obs.Controls, c)
}

// MaxControlsScanned is how many candidate controls of each kind the
// content script looks at, in document order: links without href, buttons,
// inputs that are controls, and other elements that are controls by their
// onclick or role. Links with href are looked at as far as
// detect.MaxLinks. The static observer keeps the same bound so that both
// give the same controls (testdata/contract/controls.json tests it).
const MaxControlsScanned = 20000

// controlScanned counts a control (isControl) among those of its kind, as
// the content script finds them, and reports whether it is among the
// first that are looked at. An SVG or MathML link with href is none: the
// document's links are HTML links.
func (o *observer) controlScanned(n *html.Node) bool {
	limit := MaxControlsScanned
	var kind int
	switch {
	case (n.DataAtom == atom.A || n.DataAtom == atom.Area) && hasAttr(n, "href"):
		if n.Namespace != "" {
			return false
		}
		kind, limit = 0, detect.MaxLinks
	case n.DataAtom == atom.A:
		kind = 1
	case n.DataAtom == atom.Button:
		kind = 2
	case n.DataAtom == atom.Input:
		kind = 3
	default:
		kind = 4
	}
	o.controlsSeen[kind]++
	return o.controlsSeen[kind] <= limit
}

// hasAttr reports whether n has an attribute.
func hasAttr(n *html.Node, key string) bool {
	_, ok := attr(n, key)
	return ok
}

// isControl reports whether n is clickable: a link (an a element, with or
// without href, or an area with href), a button, a submit,
// image, button or radio input, an element with role=button or role=link,
// or an element with an onclick attribute.
func isControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A:
		// With or without href: links without one are clicked through
		// scripts (Mageplaza's social buttons).
		return true
	case atom.Area:
		if _, ok := attr(n, "href"); ok {
			return true
		}
	case atom.Button:
		return true
	case atom.Input:
		switch keyword(n, "type") {
		case "submit", "image", "button", "radio":
			return true
		}
	}
	if _, ok := attr(n, "onclick"); ok {
		return true
	}
	switch strings.TrimSpace(keyword(n, "role")) {
	case "button", "link":
		return true
	}
	return false
}

// namesToken reports whether one of a control's features, lower-cased and
// folded as link texts are (detect.LinkFold: the collector's toLowerCase
// makes İ an i and a combining dot) and without white space, contains one
// of the tokens: Href after its host, Text, Label,
// Handler, or one of the attribute values that make Attrs (each on its
// own, so that a cheap live check can read them one by one).
func (o *observer) namesToken(c *detect.Control, attrs []string) bool {
	for _, s := range append([]string{afterHost(c.Href), c.Text, c.Label, c.Handler}, attrs...) {
		if s == "" {
			continue
		}
		squashed := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, detect.LinkFold(strings.ToLower(s)))
		for _, t := range o.tokens {
			if strings.Contains(squashed, t) {
				return true
			}
		}
	}
	return false
}

// afterHost returns a URL without its scheme and host ("/signin/facebook?x"
// of "https://shop.example/signin/facebook?x"): a site's own host names no
// control, or every link of spotify.com would name Spotify.
func afterHost(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		return rest[j:]
	}
	return ""
}

// refFor returns n's ref, assigning the next one on first use.
func (o *observer) refFor(n *html.Node) int {
	if r, ok := o.refs[n]; ok {
		return r
	}
	r := o.nextRef
	o.nextRef++
	o.refs[n] = r
	return r
}

// labelOf returns a radio's label: the enclosing <label>, else the first
// label[for=id] of the document.
func (o *observer) labelOf(n *html.Node) *html.Node {
	if l := ancestor(n, atom.Label); l != nil {
		return l
	}
	id, ok := attr(n, "id")
	if !ok || id == "" {
		return nil
	}
	if o.labelFor == nil {
		o.labelFor = labelsByFor(o.root)
	}
	return o.labelFor[id]
}

// labelsByFor indexes a document's labels by their for attribute, the first
// in document order for each, outside inert elements: a page may have many
// radios, and each is looked up once.
func labelsByFor(root *html.Node) map[string]*html.Node {
	m := map[string]*html.Node{}
	var visit func(c *html.Node)
	visit = func(c *html.Node) {
		for ; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || inert(c) {
				continue
			}
			if c.DataAtom == atom.Label {
				if f, ok := attr(c, "for"); ok {
					if _, seen := m[f]; !seen {
						m[f] = c
					}
				}
			}
			visit(c.FirstChild)
		}
	}
	visit(root.FirstChild)
	return m
}

// ancestor returns n's nearest ancestor element of the given kind.
func ancestor(n *html.Node, a atom.Atom) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return p
		}
	}
	return nil
}

// controlNodes returns the control and its first MaxControlNodes element
// descendants in document order, leaving out inert subtrees.
func controlNodes(n *html.Node) []*html.Node {
	nodes := []*html.Node{n}
	var visit func(c *html.Node)
	visit = func(c *html.Node) {
		for ; c != nil && len(nodes) <= detect.MaxControlNodes; c = c.NextSibling {
			if c.Type != html.ElementNode || inert(c) {
				continue
			}
			nodes = append(nodes, c)
			visit(c.FirstChild)
		}
	}
	visit(n.FirstChild)
	if len(nodes) > detect.MaxControlNodes+1 {
		nodes = nodes[:detect.MaxControlNodes+1]
	}
	return nodes
}

// controlLabel is the first non-empty aria-label, title or alt of the
// nodes, in order.
func controlLabel(nodes []*html.Node) string {
	for _, n := range nodes {
		for _, k := range [...]string{"aria-label", "title", "alt"} {
			if l := fold(attrText(n, k)); l != "" {
				return detect.Cut(l, detect.MaxTextBytes)
			}
		}
	}
	return ""
}

// controlAttrs joins the attribute values the recogniser reads, then the
// form's hidden inputs.
func controlAttrs(nodes []*html.Node, form *html.Node) (string, []string) {
	var parts []string
	type kv struct{ key, val string }
	var read []kv
	for _, n := range nodes {
		// By name: parsers do not all keep the source order (x/net/html
		// sorts the attributes of formatting elements such as <a>).
		read = read[:0]
		for _, a := range n.Attr {
			if a.Val == "" || !readAttr(n, a) {
				continue
			}
			key := a.Key
			if a.Namespace != "" {
				key = a.Namespace + ":" + a.Key
			}
			read = append(read, kv{key, a.Val})
		}
		sort.SliceStable(read, func(i, j int) bool { return read[i].key < read[j].key })
		for _, a := range read {
			parts = append(parts, detect.Cut(a.val, detect.MaxAttrBytes))
		}
	}
	if form != nil {
		hidden := 0
		var visit func(c *html.Node)
		visit = func(c *html.Node) {
			for ; c != nil && hidden < 8; c = c.NextSibling {
				if c.Type != html.ElementNode || inert(c) {
					continue
				}
				if c.DataAtom == atom.Input && strings.EqualFold(attrText(c, "type"), "hidden") {
					hidden++
					for _, k := range [...]string{"name", "value"} {
						if v := attrText(c, k); v != "" {
							parts = append(parts, detect.Cut(v, detect.MaxAttrBytes))
						}
					}
					continue
				}
				visit(c.FirstChild)
			}
		}
		visit(form.FirstChild)
	}
	return detect.Cut(fold(strings.Join(parts, " ")), detect.MaxControlAttrBytes), parts
}

// readAttr reports whether the recogniser reads an attribute: class, id,
// name, value, src and data-*, and the target of an SVG <use>.
func readAttr(n *html.Node, a html.Attribute) bool {
	if a.Namespace == "xlink" && a.Key == "href" {
		return n.Data == "use"
	}
	if a.Namespace != "" {
		return false
	}
	switch a.Key {
	case "class", "id", "name", "value", "src":
		return true
	case "href":
		return n.Data == "use" && n.Namespace == "svg"
	}
	return strings.HasPrefix(a.Key, "data-")
}

// significant reports whether a child element counts when the group climbs
// past single-child wrappers.
func significant(c *html.Node) bool {
	if c.Type != html.ElementNode {
		return false
	}
	if inert(c) {
		return false
	}
	switch c.DataAtom {
	case atom.Br:
		return false
	case atom.Input:
		return !strings.EqualFold(attrText(c, "type"), "hidden")
	}
	return true
}

// isRoot reports whether n is body, html or no element: where groups stop.
func isRoot(n *html.Node) bool {
	return n == nil || n.Type != html.ElementNode || n.DataAtom == atom.Body || n.DataAtom == atom.Html
}

// group returns a control's group element (see detect.Control).
func group(n *html.Node) *html.Node {
	g := n.Parent
	for step := 0; step < 3 && !isRoot(g) && !isRoot(g.Parent); step++ {
		count := 0
		for c := g.FirstChild; c != nil; c = c.NextSibling {
			if significant(c) {
				count++
			}
		}
		if count != 1 {
			break
		}
		g = g.Parent
	}
	return g
}

// context describes a group (see detect.Control).
func context(g *html.Node) string {
	if g == nil || g.Type != html.ElementNode {
		return ""
	}
	var parts []string
	for _, n := range [...]*html.Node{g, g.Parent} {
		if n == nil || n.Type != html.ElementNode {
			continue
		}
		for _, k := range [...]string{"class", "id"} {
			if v := attrText(n, k); v != "" {
				parts = append(parts, detect.Cut(v, detect.MaxAttrBytes))
			}
		}
	}
	for c := g.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			parts = append(parts, c.Data)
		}
	}
	for s := g.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type != html.ElementNode || inert(s) {
			continue
		}
		if t := visibleText(s); len(t) <= detect.MaxContextText {
			parts = append(parts, t)
		}
		break
	}
	return detect.Cut(fold(strings.Join(parts, " ")), detect.MaxTextBytes)
}
