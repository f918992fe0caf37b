package htmlobs

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// attr returns an attribute's value.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attrText returns an attribute's value or "".
func attrText(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// keyword returns a keyword attribute's value (a type or a role) in lower
// case as browsers compare those values (asciiLower).
func keyword(n *html.Node, key string) string {
	return asciiLower(attrText(n, key))
}

// asciiLower returns s with its ASCII letters in lower case, and only
// those: an "SUBMİT" or a Kelvin sign in "LINK" makes no keyword, where
// strings.ToLower would make them "submit" and "link" (and JavaScript's
// toLowerCase the second).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// label is an element's aria-label, else its title, folded and cut.
func label(n *html.Node) string {
	l := fold(attrText(n, "aria-label"))
	if l == "" {
		l = fold(attrText(n, "title"))
	}
	return detect.Cut(l, detect.MaxTextBytes)
}

// linkLabel is a link's label: its aria-label or title, else the alt text
// of its first image (an image-only "Sign in with LINE" button).
func linkLabel(n *html.Node) string {
	if l := label(n); l != "" {
		return l
	}
	img := firstDescendant(n, atom.Img)
	if img == nil {
		return ""
	}
	return detect.Cut(fold(attrText(img, "alt")), detect.MaxTextBytes)
}

// firstDescendant returns n's first descendant element of the given kind in
// document order, outside inert elements.
func firstDescendant(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == a {
			return c
		}
		if inert(c) {
			continue
		}
		if d := firstDescendant(c, a); d != nil {
			return d
		}
	}
	return nil
}

// tagName is the element's tag name as a browser's localName gives it: lower
// case for HTML, with its prefix for custom
// namespaced tags such as fb:login-button.
func tagName(n *html.Node) string {
	name := n.Data
	if n.Namespace == "" {
		name = strings.ToLower(name)
	}
	// (SVG and MathML names keep the case the parser gives them, as a
	// browser's localName does: foreignObject, linearGradient.)
	return detect.Cut(name, detect.MaxTagBytes)
}

// attrs copies at most MaxAttrs attributes, values cut to MaxAttrBytes.
// A repeated name keeps its first value (the parser keeps every
// attribute; the DOM keeps the first).
func attrs(n *html.Node) detect.Attrs {
	if len(n.Attr) == 0 {
		return nil
	}
	out := make(detect.Attrs, 0, min(len(n.Attr), detect.MaxAttrs))
	for _, a := range n.Attr {
		if len(out) >= detect.MaxAttrs {
			break
		}
		key := a.Key
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		key = detect.Cut(key, detect.MaxAttrNameBytes)
		if _, dup := out.Lookup(key); !dup {
			out = append(out, detect.Attr{Name: key, Value: detect.Cut(a.Val, detect.MaxAttrBytes)})
		}
	}
	return out
}

// inert reports whether an element's content is never page content a user
// sees: script, style, template, noscript.
func inert(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript:
		return true
	}
	return false
}

// blocks are elements whose boundaries separate words in rendered text.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Br: true,
	atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Table: true, atom.Td: true, atom.Th: true,
	atom.Tr: true, atom.Ul: true, atom.Option: true,
}

// visibleText returns the text a user sees in n: text nodes outside script,
// style, template and noscript, block boundaries as spaces, white space
// folded, cut to MaxTextBytes.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var visit func(c *html.Node)
	visit = func(c *html.Node) {
		for ; c != nil && b.Len() <= 2*detect.MaxTextBytes; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if inert(c) {
					continue
				}
				block := blocks[c.DataAtom]
				if block {
					b.WriteByte(' ')
				}
				visit(c.FirstChild)
				if block {
					b.WriteByte(' ')
				}
			}
		}
	}
	visit(n.FirstChild)
	return detect.Cut(fold(b.String()), detect.MaxTextBytes)
}

// childText concatenates n's text children (a script's source).
func childText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// fold folds runs of white space into one space and trims the ends; case is
// kept (the engine folds case itself).
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' }), " ")
}
