package snapshot

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// inner has unexported fields of every supported kind.
type inner struct {
	name  string
	ids   []int32
	flags [5]bool
	big   [3]uint64
	by    map[string][]int32
	next  *inner
	small int8
	u16   uint16
	neg   int
	words []string
}

type tree struct {
	Exported string
	root     inner
	list     []inner
	ptrs     []*inner
	empty    []int32
	null     []int32
	nullMap  map[int32]bool
	emptyMap map[int32]bool
	bytes    []byte
	nested   [][]uint32
	pairs    [2]inner
}

func sample() *tree {
	leaf := &inner{name: "leaf", ids: []int32{-1, 1 << 30}, neg: -7}
	return &tree{
		Exported: "héllo",
		root: inner{
			name: "root", ids: []int32{1, 2, 3}, flags: [5]bool{true, false, true}, big: [3]uint64{1 << 63, 2, 3},
			by: map[string][]int32{"a": {1}, "b": nil, "": {}}, next: leaf, small: -128, u16: 65535, words: []string{"", "x"},
		},
		list:     []inner{{name: "one"}, {}},
		ptrs:     []*inner{nil, leaf},
		empty:    []int32{},
		emptyMap: map[int32]bool{},
		bytes:    []byte{0, 1, 2, 255},
		nested:   [][]uint32{nil, {}, {7, 8}},
		pairs:    [2]inner{{name: "p"}, {u16: 2}},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prefix int // bytes before the snapshot, to read unaligned
		value  *tree
	}{
		{"zero", 0, &tree{}},
		{"sample", 0, sample()},
		{"sample read unaligned", 1, sample()},
		{"sample after three bytes", 3, sample()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Append(nil, tc.value)
			if err != nil {
				t.Fatal(err)
			}
			buf := append(make([]byte, tc.prefix, tc.prefix+len(b)), b...)
			var got tree
			if err := Decode(buf[tc.prefix:], &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&got, tc.value) {
				t.Errorf("round trip changed the value:\n got %+v\nwant %+v", got, *tc.value)
			}
		})
	}
}

// TestVarintsAtTheirBoundaries round-trips integers and string lengths
// that take one varint byte and that take more.
func TestVarintsAtTheirBoundaries(t *testing.T) {
	type leaves struct {
		i int64
		u uint64
		s string
	}
	ints := []int64{0, -1, 1, 63, -64, 64, -65, 1 << 40, -1 << 40}
	uints := []uint64{0, 1, 127, 128, 300, 1 << 63}
	lengths := []int{0, 1, 127, 128, 300}
	for n := 0; n < max(len(ints), len(uints), len(lengths)); n++ {
		want := leaves{i: ints[n%len(ints)], u: uints[n%len(uints)], s: strings.Repeat("x", lengths[n%len(lengths)])}
		b, err := Append(nil, &want)
		if err != nil {
			t.Fatal(err)
		}
		var got leaves
		if err := Decode(b, &got); err != nil {
			t.Fatalf("%d, %d, a string of %d bytes: %v", want.i, want.u, len(want.s), err)
		}
		if got != want {
			t.Errorf("round trip of %d, %d, a string of %d bytes gave %d, %d, a string of %d bytes", want.i, want.u, len(want.s), got.i, got.u, len(got.s))
		}
	}
}

func TestNilAndEmptyStayApart(t *testing.T) {
	b, err := Append(nil, sample())
	if err != nil {
		t.Fatal(err)
	}
	var got tree
	if err := Decode(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.null != nil || got.empty == nil || got.nullMap != nil || got.emptyMap == nil || got.root.by["b"] != nil || got.root.by[""] == nil {
		t.Errorf("nil and empty mixed up: null %v, empty %v, nullMap %v, emptyMap %v", got.null == nil, got.empty == nil, got.nullMap == nil, got.emptyMap == nil)
	}
}

func TestRefusals(t *testing.T) {
	good, err := Append(nil, sample())
	if err != nil {
		t.Fatal(err)
	}
	other, err := Append(nil, &inner{name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		src  []byte
		want string
	}{
		{"empty", nil, "not a snapshot of a snapshot.tree"},
		{"another type", other, "not a snapshot of a snapshot.tree"},
		{"cut short", good[:len(good)-3], "snapshot: "},
		{"cut after the fingerprint", good[:fingerprintSize], "snapshot: "},
		{"a byte too many", append(append([]byte(nil), good...), 0), "1 bytes after the value"},
		{"a huge length", append(append([]byte(nil), good[:fingerprintSize]...), 0xff, 0xff, 0xff, 0xff, 0x0f), "bad string length"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got tree
			err := Decode(tc.src, &got)
			var se *Error
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Decode = %v, want a snapshot error containing %q", err, tc.want)
			}
		})
	}
}

func TestUnsupportedKinds(t *testing.T) {
	type withFunc struct {
		ok bool
		f  func()
	}
	type withFloat struct{ x []float64 }
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"function", &withFunc{}, "withFunc.f: a func() cannot be in a snapshot"},
		{"float", &withFloat{}, "withFloat.x[]: a float64 cannot be in a snapshot"},
		{"not a pointer", tree{}, "want a non-nil pointer"},
		{"nil pointer", (*tree)(nil), "want a non-nil pointer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Append(nil, tc.v); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Append = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestBadBytesInValues(t *testing.T) {
	type flags struct {
		b  bool
		bs []bool
	}
	good, err := Append(nil, &flags{b: true, bs: []bool{true, false}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		at   int // offset after the fingerprint
		to   byte
		want string
	}{
		{"a boolean of 2", 0, 2, "not a boolean"},
		{"a slice of booleans with a 7", 2, 7, "not booleans"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := append([]byte(nil), good...)
			bad[fingerprintSize+tc.at] = tc.to
			var got flags
			if err := Decode(bad, &got); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Decode = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// FuzzDecode holds Decode to an error or a value that writes back to
// bytes reading as the same value, whatever the bytes after a good
// fingerprint.
func FuzzDecode(f *testing.F) {
	good, err := Append(nil, sample())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[fingerprintSize:])
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, body []byte) {
		src := append(append([]byte(nil), good[:fingerprintSize]...), body...)
		var got tree
		if err := Decode(src, &got); err != nil {
			return
		}
		again, err := Append(nil, &got)
		if err != nil {
			t.Fatal(err)
		}
		var back tree
		if err := Decode(again, &back); err != nil || !reflect.DeepEqual(&got, &back) {
			t.Fatalf("a decoded value does not survive a second round trip: %v", err)
		}
	})
}

// TestCountMatchesBytes holds the counting pass to the bytes the writing
// pass writes, for values with padding before their scalars.
func TestCountMatchesBytes(t *testing.T) {
	for _, v := range []*tree{{}, sample()} {
		p, err := planFor(reflect.TypeOf(*v))
		if err != nil {
			t.Fatal(err)
		}
		count := writer{counting: true, n: fingerprintSize}
		count.value(reflect.ValueOf(v).UnsafePointer(), p)
		for _, prefix := range []int{0, 1, 3} {
			b, err := Append(make([]byte, prefix), v)
			if err != nil {
				t.Fatal(err)
			}
			if len(b)-prefix != count.n {
				t.Errorf("prefix %d: wrote %d bytes, counted %d", prefix, len(b)-prefix, count.n)
			}
		}
	}
}
