package list

import (
	"reflect"
	"strings"
	"testing"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	want := validList()
	data, err := Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode(Encode(l)): %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the list:\n got %+v\nwant %+v", got, want)
	}
}

func TestEncodeWritesEmptyArrays(t *testing.T) {
	data, err := Encode(&List{Schema: Schema, ID: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"permissions":[]`, `"providers":[]`, `"partners":[]`} {
		if !strings.Contains(string(data), field) {
			t.Errorf("Encode = %s, want it to contain %s", data, field)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		input string
		ok    bool
	}{
		// Accepted.
		{"object", `{"schema":1,"id":"x"}`, true},
		{"trailing white space", "{\"schema\":1}\n\t ", true},
		{"unknown field is ignored", `{"schema":1,"later":{"a":[1]}}`, true},

		// Rejected.
		{"trailing garbage", `{"schema":1}x`, false},
		{"two objects", `{"schema":1}{"schema":1}`, false},
		{"null", `null`, false},
		{"array", `[]`, false},
		{"string", `"x"`, false},
		{"wrong type", `{"schema":"1"}`, false},
		{"truncated", `{"schema":1,"partners":[`, false},
		{"empty", ``, false},
		{"invalid UTF-8 in a string", "{\"schema\":1,\"id\":\"a\xffb\"}", false},
		{"invalid UTF-8 outside strings", "{\"schema\":1}\xc3", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Decode([]byte(tt.input))
			if (err == nil) != tt.ok {
				t.Fatalf("Decode(%q) error = %v, want ok=%v", tt.input, err, tt.ok)
			}
			if tt.ok && (l.Permissions == nil || l.Providers == nil || l.Partners == nil) {
				t.Errorf("Decode(%q) left a nil top-level slice", tt.input)
			}
		})
	}
}
