package contract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// TestObservationIsBounded checks that every field of the observation and
// of the types it holds has a json name and a max tag that names bounds.
func TestObservationIsBounded(t *testing.T) {
	fields, err := ContractOf(reflect.TypeOf(detect.Observation{}))
	if err != nil {
		t.Fatal(err)
	}
	var worker []string
	var walk func([]Field) int
	walk = func(fs []Field) int {
		n := 0
		for _, f := range fs {
			n++
			if f.Worker {
				worker = append(worker, f.Name)
			}
			n += walk(f.Fields)
		}
		return n
	}
	// Every field of every struct type the observation holds is read.
	var count func(reflect.Type) int
	count = func(t reflect.Type) int {
		n := t.NumField()
		for i := 0; i < t.NumField(); i++ {
			// detect.Attrs is a slice of structs that travels as an object.
			if ft := t.Field(i).Type; ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && !IsObject(ft) {
				n += count(ft.Elem())
			}
		}
		return n
	}
	if n, want := walk(fields), count(reflect.TypeOf(detect.Observation{})); n != want {
		t.Errorf("%d fields read, the observation's types have %d", n, want)
	}
	if strings.Join(worker, ",") != "requests" {
		t.Errorf("worker-only fields %v, want [requests]", worker)
	}
}

// TestContractOfRefuses lists the tags a field must not have.
func TestContractOfRefuses(t *testing.T) {
	type item struct {
		A string `json:"a" max:"MaxTextBytes"`
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"no max tag", struct {
			S string `json:"s"`
		}{}, "names 0 bounds"},
		{"unknown bound", struct {
			S string `json:"s" max:"MaxNothing"`
		}{}, "not in Bounds"},
		{"item bound missing", struct {
			S []string `json:"s" max:"MaxScripts"`
		}{}, "names 1 bounds, want 2"},
		{"map bounds missing", struct {
			M map[string]string `json:"m" max:"MaxAttrs,MaxAttrBytes"`
		}{}, "want 3"},
		{"no json name", struct {
			S string `max:"MaxTextBytes"`
		}{}, "no json name"},
		{"no contract form", struct {
			F float64 `json:"f" max:"MaxTextBytes"`
		}{}, "no contract form"},
		{"nested struct untagged", struct {
			I []struct {
				B string `json:"b"`
			} `json:"i" max:"MaxLinks"`
		}{}, "names 0 bounds"},
		{"fine", struct {
			I []item            `json:"i,omitempty" max:"MaxLinks"`
			M map[string]string `json:"m" max:"MaxAttrs,MaxAttrNameBytes,MaxAttrBytes"`
		}{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ContractOf(reflect.TypeOf(tt.v))
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestBoundsAreUnique checks that no bound is named twice.
func TestBoundsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range Bounds {
		if seen[b.Name] || b.Value <= 0 || !strings.HasSuffix(b.Doc, ".") {
			t.Errorf("bound %+v: repeated, not positive or its doc is not a sentence", b)
		}
		seen[b.Name] = true
	}
}
