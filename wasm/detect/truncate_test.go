package detect_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/detect/contract"
)

// TestTruncateHoldsEveryBound fills every field of an observation past the
// bound its max tag names (strings of two-byte characters, one item too
// many in every slice and map) and checks that truncate brings each one
// within it, cutting strings on character boundaries, without writing into
// the observation it was given. A field added with a tag but not cut by
// truncate fails here.
func TestTruncateHoldsEveryBound(t *testing.T) {
	fields, err := contract.ContractOf(reflect.TypeOf(detect.Observation{}))
	if err != nil {
		t.Fatal(err)
	}
	var obs, same detect.Observation
	fill(t, reflect.ValueOf(&obs).Elem(), fields)
	fill(t, reflect.ValueOf(&same).Elem(), fields)
	got := detect.Truncate(&obs)
	if !reflect.DeepEqual(&obs, &same) {
		t.Fatal("truncate wrote into the observation it was given")
	}
	check(t, "observation", reflect.ValueOf(got).Elem(), fields)
}

func bound(t *testing.T, name string) int {
	v, ok := contract.BoundValue(name)
	if !ok {
		t.Fatalf("no bound %s", name)
	}
	return v
}

// over returns a string of n+1 bytes or more that is cut in the middle of a
// character at n bytes, for string bounds; for integer bounds, n+1.
func over(n int) string { return strings.Repeat("é", n/2+1) }

func fill(t *testing.T, v reflect.Value, fields []contract.Field) {
	for i, f := range fields {
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(over(bound(t, f.Max[0])))
		case reflect.Int, reflect.Int64:
			fv.SetInt(int64(bound(t, f.Max[0])) + 1)
		case reflect.Slice:
			n := bound(t, f.Max[0]) + 1
			s := reflect.MakeSlice(fv.Type(), n, n)
			for j := 0; j < n && j < 2; j++ { // two full items: the rest only count
				switch e := s.Index(j); e.Kind() {
				case reflect.Struct:
					fill(t, e, f.Fields)
				case reflect.String:
					e.SetString(over(bound(t, f.Max[1])))
				case reflect.Int:
					e.SetInt(int64(j))
				}
			}
			fv.Set(s)
		case reflect.Map:
			m := reflect.MakeMap(fv.Type())
			for j := 0; j <= bound(t, f.Max[0]); j++ {
				k := over(bound(t, f.Max[1])) + strings.Repeat("k", j)
				m.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(over(bound(t, f.Max[2]))))
			}
			fv.Set(m)
		}
	}
}

func check(t *testing.T, path string, v reflect.Value, fields []contract.Field) {
	str := func(p, s string, n int) {
		if len(s) > n || !utf8.ValidString(s) {
			t.Errorf("%s: %d bytes (valid UTF-8 %v), bound %d", p, len(s), utf8.ValidString(s), n)
		}
	}
	for i, f := range fields {
		fv, p := v.Field(i), path+"."+f.Name
		switch fv.Kind() {
		case reflect.String:
			str(p, fv.String(), bound(t, f.Max[0]))
		case reflect.Int, reflect.Int64:
			// Refs are opaque; a list version out of range becomes unknown.
			if f.Name == "list_version" && fv.Int() != 0 {
				t.Errorf("%s: %d kept, past %d", p, fv.Int(), bound(t, f.Max[0]))
			}
		case reflect.Slice:
			if n := bound(t, f.Max[0]); fv.Len() > n {
				t.Errorf("%s: %d items, bound %d", p, fv.Len(), n)
			}
			for j := 0; j < fv.Len(); j++ {
				switch e := fv.Index(j); e.Kind() {
				case reflect.Struct:
					check(t, p, e, f.Fields)
				case reflect.String:
					str(p, e.String(), bound(t, f.Max[1]))
				}
			}
		case reflect.Map:
			if n := bound(t, f.Max[0]); fv.Len() > n {
				t.Errorf("%s: %d entries, bound %d", p, fv.Len(), n)
			}
			for _, k := range fv.MapKeys() {
				str(p+" name", k.String(), bound(t, f.Max[1]))
				str(p+" value", fv.MapIndex(k).String(), bound(t, f.Max[2]))
			}
		}
	}
}
