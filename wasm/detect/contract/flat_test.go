package contract

import (
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// flatEncoder writes the flat form of a value by walking its contract, as
// the extension's encoder (extension/src/lib/flat.js) walks the layout that
// wasm/cmd/jsbounds generates from the same contract. A field added to the
// observation is encoded here at once, so DecodeFlat must learn it.
type flatEncoder struct {
	text strings.Builder
	nums []byte
}

func (e *flatEncoder) num(v uint32) {
	e.nums = binary.LittleEndian.AppendUint32(e.nums, v)
}

func (e *flatEncoder) str(s string) {
	e.num(uint32(len(s)))
	e.text.WriteString(s)
}

func (e *flatEncoder) value(v reflect.Value, f Field) {
	if a, ok := v.Interface().(detect.Attrs); ok {
		e.num(uint32(len(a)))
		for _, p := range a {
			e.str(p.Name)
			e.str(p.Value)
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		e.str(v.String())
	case reflect.Int:
		e.num(uint32(v.Int()))
	case reflect.Int64:
		e.num(uint32(v.Int()))
		e.num(uint32(v.Int() >> 32))
	case reflect.Slice:
		e.num(uint32(v.Len()))
		for i := 0; i < v.Len(); i++ {
			if f.Fields != nil {
				e.fields(v.Index(i), f.Fields)
			} else {
				e.value(v.Index(i), Field{})
			}
		}
	case reflect.Map:
		e.num(uint32(v.Len()))
		it := v.MapRange()
		for it.Next() {
			e.str(it.Key().String())
			e.str(it.Value().String())
		}
	default:
		panic("no flat form for " + v.Type().String())
	}
}

func (e *flatEncoder) fields(v reflect.Value, fs []Field) {
	for i, f := range fs {
		e.value(v.Field(i), f)
	}
}

func encodeFlat(t *testing.T, o *detect.Observation) (text, nums []byte) {
	t.Helper()
	fs, err := ContractOf(reflect.TypeOf(detect.Observation{}))
	if err != nil {
		t.Fatal(err)
	}
	var e flatEncoder
	e.fields(reflect.ValueOf(o).Elem(), fs)
	return []byte(e.text.String()), e.nums
}

// randomFill fills every field of v with random values: strings of random
// runes (none, ASCII or not), integers in range, slices and maps of zero to
// three items (left nil when empty, as DecodeFlat leaves them).
func randomFill(rng *rand.Rand, v reflect.Value) {
	if v.Type() == attrsType {
		// Names unique, as a JSON object's are.
		var a detect.Attrs
		for i := range rng.IntN(4) {
			var value string
			randomFill(rng, reflect.ValueOf(&value).Elem())
			a = append(a, detect.Attr{Name: "n" + strconv.Itoa(i), Value: value})
		}
		v.Set(reflect.ValueOf(a))
		return
	}
	switch v.Kind() {
	case reflect.String:
		var b strings.Builder
		for range rng.IntN(6) {
			switch rng.IntN(3) {
			case 0:
				b.WriteByte(byte('a' + rng.IntN(26)))
			case 1:
				b.WriteRune(rune(0x80 + rng.IntN(0x800)))
			default:
				b.WriteRune(rune(0x10000 + rng.IntN(0x1000)))
			}
		}
		v.SetString(b.String())
	case reflect.Int:
		v.SetInt(rng.Int64N(1 << 30))
	case reflect.Int64:
		v.SetInt(rng.Int64N(1 << 53))
	case reflect.Slice:
		n := rng.IntN(4)
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			randomFill(rng, s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		n := rng.IntN(4)
		if n == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range n {
			k, x := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			randomFill(rng, k)
			randomFill(rng, x)
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			randomFill(rng, v.Field(i))
		}
	}
}

// TestDecodeFlatFollowsContract encodes random observations, every field
// set, by walking the contract, and checks that DecodeFlat gives them back.
func TestDecodeFlatFollowsContract(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var o detect.Observation
		randomFill(rng, reflect.ValueOf(&o).Elem())
		text, nums := encodeFlat(t, &o)
		got, err := detect.DecodeFlat(text, nums)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, &o) {
			t.Fatalf("case %d: decoded\n%+v\nwant\n%+v", i, got, &o)
		}
	}
}

// TestDecodeFlatSparse decodes observations whose items carry nothing but
// what they must (every optional field empty): the decoder's guard against
// hostile lengths must not refuse them.
func TestDecodeFlatSparse(t *testing.T) {
	o := &detect.Observation{URL: "https://a.example/"}
	for i := range 50 {
		o.Frames = append(o.Frames, detect.Frame{Ref: i})
		o.Links = append(o.Links, detect.Link{Ref: i})
		o.Forms = append(o.Forms, detect.Form{Ref: i})
		o.Elements = append(o.Elements, detect.Element{Ref: i})
		o.Controls = append(o.Controls, detect.Control{Ref: i})
		o.Requests = append(o.Requests, detect.Request{})
	}
	for _, cut := range []func(*detect.Observation){
		func(o *detect.Observation) {},
		func(o *detect.Observation) {
			o.Frames, o.Links, o.Forms, o.Controls, o.Requests = nil, nil, nil, nil, nil
		},
		func(o *detect.Observation) { o.Controls, o.Requests = nil, nil },
		func(o *detect.Observation) { o.Requests = nil },
	} {
		c := *o
		cut(&c)
		text, nums := encodeFlat(t, &c)
		got, err := detect.DecodeFlat(text, nums)
		if err != nil {
			t.Fatalf("%v", err)
		}
		if !reflect.DeepEqual(got, &c) {
			t.Fatalf("decoded %+v, want %+v", got, &c)
		}
	}
}

// TestDecodeFlatRefuses checks that malformed input is an error, never a
// panic or a partial observation.
func TestDecodeFlatRefuses(t *testing.T) {
	o := &detect.Observation{URL: "https://a.example/", Links: []detect.Link{{Ref: 1, Href: "https://b.example/", Text: "x"}}}
	text, nums := encodeFlat(t, o)
	f := func(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
	set := func(i int, v uint32) []byte {
		out := append([]byte(nil), nums...)
		copy(out[i*4:], f(v))
		return out
	}
	// nums: url length 0, top_url length 1, list_version 2-3, scripts 4,
	// inline 5, frames 6, links 7, ...
	for _, c := range []struct {
		name       string
		text, nums []byte
	}{
		{"empty", nil, nil},
		{"nums cut", text, nums[:len(nums)-4]},
		{"nums not whole", text, nums[:len(nums)-3]},
		{"text cut", text[:len(text)-1], nums},
		{"text left over", append(append([]byte(nil), text...), 'x'), nums},
		{"nums left over", text, append(append([]byte(nil), nums...), f(0)...)},
		{"string longer than text", text, set(0, 1<<31)},
		{"huge count", text, set(6, 1<<30)},
		{"list version too large", text, set(3, 1<<21)},
	} {
		got, err := detect.DecodeFlat(c.text, c.nums)
		if err == nil || !strings.HasPrefix(err.Error(), "malformed flat observation: ") || got != nil {
			t.Errorf("%s: got %v, %v; want a malformed flat observation error", c.name, got, err)
		}
	}
	if _, err := detect.DecodeFlat(text, nums); err != nil {
		t.Errorf("the unchanged input: %v", err)
	}
}
