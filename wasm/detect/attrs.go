package detect

import (
	"encoding/json"
	"sort"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
)

// Attr is one attribute of an element: its name and value.
type Attr struct {
	Name, Value string
}

// Attrs are an element's attributes as name and value pairs, names unique.
// In JSON they are an object ({"class": "btn", "id": "x"}), as the content
// script sends them; in Go they are a slice, not a map: a large page's
// observation holds thousands of elements, and inside WebAssembly building
// a map for each was about a quarter of a report's decoding (BENCHMARKS.md,
// "Start and report"). An element has at most MaxAttrs of them, so Get's
// linear search costs less than a map's hashing.
type Attrs []Attr

// Get returns the value of the attribute named name, or "" when there is
// none.
func (a Attrs) Get(name string) string {
	v, _ := a.Lookup(name)
	return v
}

// Lookup returns the value of the attribute named name and whether there
// is one.
func (a Attrs) Lookup(name string) (string, bool) {
	if i := a.index(name); i >= 0 {
		return a[i].Value, true
	}
	return "", false
}

// index returns the position of the attribute named name, or -1.
func (a Attrs) index(name string) int {
	for i := range a {
		if a[i].Name == name {
			return i
		}
	}
	return -1
}

// unique makes names unique as a JSON object's decoding into a map would:
// a repeated name keeps the place of its first occurrence and the value of
// its last. Small sets are checked pairwise; a hostile observation may send
// many more than MaxAttrs pairs before truncation, so larger ones go
// through a map.
func (a Attrs) unique() Attrs {
	if len(a) < 2 {
		return a
	}
	if len(a) <= 2*MaxAttrs {
		out := a[:1]
		for _, p := range a[1:] {
			if i := out.index(p.Name); i >= 0 {
				out[i].Value = p.Value
			} else {
				out = append(out, p)
			}
		}
		return out
	}
	at := make(map[string]int, len(a))
	out := a[:0]
	for _, p := range a {
		if i, ok := at[p.Name]; ok {
			out[i].Value = p.Value
			continue
		}
		at[p.Name] = len(out)
		out = append(out, p)
	}
	return out
}

// sortByName sorts the pairs by name.
func (a Attrs) sortByName() {
	sort.Slice(a, func(i, j int) bool { return a[i].Name < a[j].Name })
}

// MarshalEasyJSON writes the attributes as a JSON object, in their order.
func (a Attrs) MarshalEasyJSON(w *jwriter.Writer) {
	if a == nil && w.Flags&jwriter.NilMapAsEmpty == 0 {
		w.RawString("null")
		return
	}
	w.RawByte('{')
	for i, p := range a {
		if i > 0 {
			w.RawByte(',')
		}
		w.String(p.Name)
		w.RawByte(':')
		w.String(p.Value)
	}
	w.RawByte('}')
}

// UnmarshalEasyJSON reads a JSON object of strings (or null); a repeated
// name keeps its first place and its last value, as with a map.
func (a *Attrs) UnmarshalEasyJSON(l *jlexer.Lexer) {
	if l.IsNull() {
		l.Skip()
		*a = nil
		return
	}
	l.Delim('{')
	var out Attrs
	for !l.IsDelim('}') {
		name := l.String()
		l.WantColon()
		var value string
		if l.IsNull() { // as easyjson reads a map's null value: ""
			l.Skip()
		} else {
			value = l.String()
		}
		out = append(out, Attr{name, value})
		l.WantComma()
	}
	l.Delim('}')
	if l.Ok() {
		*a = out.unique()
	}
}

// MarshalJSON is MarshalEasyJSON for encoding/json.
func (a Attrs) MarshalJSON() ([]byte, error) {
	w := jwriter.Writer{}
	a.MarshalEasyJSON(&w)
	return w.BuildBytes()
}

// UnmarshalJSON is UnmarshalEasyJSON for encoding/json.
func (a *Attrs) UnmarshalJSON(data []byte) error {
	l := jlexer.Lexer{Data: data}
	a.UnmarshalEasyJSON(&l)
	return l.Error()
}

var (
	_ json.Marshaler   = Attrs(nil)
	_ json.Unmarshaler = (*Attrs)(nil)
)
