package contract

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// attrsType is detect.Attrs: name and value pairs that travel as a JSON
// object of strings, as a map of strings does.
var attrsType = reflect.TypeFor[detect.Attrs]()

// IsObject reports whether values of t travel as a JSON object of strings:
// a map of strings, or detect.Attrs.
func IsObject(t reflect.Type) bool {
	return t == attrsType || t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.String
}

// Field is one field of the observation's wire contract, read from the
// struct tags of Observation and the types it holds: the JSON name, whether
// it may be absent (omitempty), and the names of the bounds in its max tag
// (a count, then the size of each item; see ContractOf).
type Field struct {
	// Name is the JSON name.
	Name string
	// Optional is true for omitempty fields.
	Optional bool
	// Max are the bound names of the max tag, in order.
	Max []string
	// Type is the Go type.
	Type reflect.Type
	// Fields are the fields of the struct a slice holds.
	Fields []Field
	// Worker is true for what only the service worker adds (tagged
	// from:"worker"), which a content script may not send.
	Worker bool
}

// ContractOf returns the wire contract of a struct type: every exported
// field with its JSON name and max tag. The max tag names
// Bounds: one for a string (bytes), an integer (largest value) or a slice
// of structs (items); two for a slice of strings or integers (items, then
// each item's bound); three for a map of strings (entries, key bytes, value
// bytes; see IsObject). A field without a valid tag is an error, so that no field of the
// observation goes unbounded.
func ContractOf(t reflect.Type) ([]Field, error) {
	var out []Field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			return nil, fmt.Errorf("%s.%s: no json name", t.Name(), sf.Name)
		}
		f := Field{Name: name, Optional: opts == "omitempty", Type: sf.Type, Worker: sf.Tag.Get("from") == "worker"}
		if tag := sf.Tag.Get("max"); tag != "" {
			f.Max = strings.Split(tag, ",")
		}
		for _, m := range f.Max {
			if _, ok := BoundValue(m); !ok {
				return nil, fmt.Errorf("%s.%s: max tag names %q, which is not in Bounds", t.Name(), sf.Name, m)
			}
		}
		want := 0
		switch k := sf.Type.Kind(); {
		case IsObject(sf.Type):
			want = 3
		case k == reflect.String, k == reflect.Int, k == reflect.Int64:
			want = 1
		case k == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct:
			want = 1
			fs, err := ContractOf(sf.Type.Elem())
			if err != nil {
				return nil, err
			}
			f.Fields = fs
		case k == reflect.Slice && (sf.Type.Elem().Kind() == reflect.String || sf.Type.Elem().Kind() == reflect.Int):
			want = 2
		default:
			return nil, fmt.Errorf("%s.%s: type %s has no contract form", t.Name(), sf.Name, sf.Type)
		}
		if len(f.Max) != want {
			return nil, fmt.Errorf("%s.%s: max tag %q names %d bounds, want %d", t.Name(), sf.Name, sf.Tag.Get("max"), len(f.Max), want)
		}
		out = append(out, f)
	}
	return out, nil
}
