package detect

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestAttrsJSON checks that Attrs read and write JSON objects as a
// map[string]string does: a repeated name keeps its last value, null is
// none, and anything but an object of strings is an error.
func TestAttrsJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     Attrs
		bad      bool
	}{
		{"null", `null`, nil, false},
		{"empty", `{}`, nil, false},
		{"in order", `{"id":"a","class":"b c"}`, Attrs{{"id", "a"}, {"class", "b c"}}, false},
		{"repeated name keeps the last value", `{"id":"a","x":"1","id":"b"}`, Attrs{{"id", "b"}, {"x", "1"}}, false},
		{"null value", `{"id":null}`, Attrs{{"id", ""}}, false},
		{"escapes", `{"data-\u00e9":"\"<>\""}`, Attrs{{"data-é", `"<>"`}}, false},
		{"array", `["id"]`, nil, true},
		{"number value", `{"id":1}`, nil, true},
		{"unterminated", `{"id":"a"`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Attrs
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.bad {
				t.Fatalf("error %v, want error %v", err, tt.bad)
			}
			if tt.bad {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
			var m map[string]string
			if err := json.Unmarshal([]byte(tt.in), &m); err != nil {
				t.Fatal(err)
			}
			back, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			var m2 map[string]string
			if err := json.Unmarshal(back, &m2); err != nil {
				t.Fatalf("%s: %v", back, err)
			}
			if len(m) != len(m2) || (len(m) > 0 && !reflect.DeepEqual(m, m2)) {
				t.Fatalf("round trip %s, as a map %v, want %v", back, m2, m)
			}
		})
	}
}

// TestAttrsUnique checks both ways unique removes repeated names (pairwise
// for small sets, through a map for large ones) against a map.
func TestAttrsUnique(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5, 2 * MaxAttrs, 2*MaxAttrs + 1, 1000} {
		var a Attrs
		want := map[string]string{}
		var order []string
		for i := range n {
			name := "n" + strconv.Itoa(i%7*(i%3)) // repeats
			v := strconv.Itoa(i)
			if _, ok := want[name]; !ok {
				order = append(order, name)
			}
			want[name] = v
			a = append(a, Attr{name, v})
		}
		got := a.unique()
		if len(got) != len(want) {
			t.Fatalf("%d pairs: %d unique, want %d", n, len(got), len(want))
		}
		for i, p := range got {
			if p.Name != order[i] || p.Value != want[p.Name] {
				t.Fatalf("%d pairs: pair %d is %v, want %s=%s", n, i, p, order[i], want[order[i]])
			}
		}
	}
}

// TestCutAttrs checks cutAttrs against the map it replaced: the first
// MaxAttrs names in sorted order, names and values cut, a name its cut
// makes equal to an earlier one overwriting its value.
func TestCutAttrs(t *testing.T) {
	long := strings.Repeat("n", MaxAttrNameBytes)
	tests := []struct {
		name string
		in   Attrs
	}{
		{"within bounds", Attrs{{"id", "a"}, {"class", "b"}}},
		{"long value", Attrs{{"id", strings.Repeat("v", MaxAttrBytes+5)}}},
		{"names equal after the cut", Attrs{{long + "b", "2"}, {long + "a", "1"}, {"id", "x"}}},
		{"too many", func() (a Attrs) {
			for i := range MaxAttrs + 20 {
				a = append(a, Attr{"data-" + strconv.Itoa(1000-i), strconv.Itoa(i)})
			}
			return a
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := append(Attrs(nil), tt.in...)
			// The map cut, as the engine did before Attrs.
			m := map[string]string{}
			for _, p := range tt.in {
				m[p.Name] = p.Value
			}
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			want := map[string]string{}
			for _, k := range keys {
				if len(want) == MaxAttrs {
					break
				}
				want[Cut(k, MaxAttrNameBytes)] = Cut(m[k], MaxAttrBytes)
			}
			got := tt.in
			cutAttrs(&got)
			gm := map[string]string{}
			for _, p := range got {
				if _, dup := gm[p.Name]; dup {
					t.Fatalf("name %q twice", p.Name)
				}
				gm[p.Name] = p.Value
			}
			if !reflect.DeepEqual(gm, want) {
				t.Fatalf("got %v, want %v", gm, want)
			}
			if !reflect.DeepEqual(tt.in, orig) {
				t.Fatal("the caller's pairs were written")
			}
		})
	}
}
