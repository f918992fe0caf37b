package detect

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// The flat form of an observation is how the service worker hands a large
// observation to the WebAssembly core without JSON: decoding JSON costs
// far more inside WebAssembly than natively (most of a report on a large
// page), and every decoded string is an allocation. It is two buffers:
//
//   - text: the UTF-8 bytes of every string of the observation, one after
//     the other, in the order below;
//   - nums: little-endian uint32 values (what a JavaScript Uint32Array
//     holds): every integer field (an int64 field as two, low then high
//     32 bits), every string's length in bytes of text, every slice's and
//     map's length.
//
// The order is the order of the fields of Observation and of the types it
// holds, as package contract reads them (the extension's encoder,
// extension/src/lib/flat.js, walks the layout that wasm/cmd/jsbounds
// generates from the same types): a string is its length in nums and its
// bytes in text; an integer is its value in nums; a slice is its length,
// then each item; a map is its length, then each key and value; an absent
// field is an empty one. Decoded strings share one copy of text, so an
// observation decodes with a handful of allocations per slice instead of
// one per string.

// littleEndian is true when uint32 values lie in memory as nums holds them
// (always in WebAssembly): nums is then read in place.
var littleEndian = func() bool {
	x := uint32(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// flatReader reads the flat form. Reads past the end give zeros and set
// bad; DecodeFlat checks it once at the end, so the hot path has one
// branch per value.
type flatReader struct {
	text string
	nums []uint32
	i    int
	bad  string // why the input is malformed, at the first problem
}

func (r *flatReader) fail(why string) {
	if r.bad == "" {
		r.bad = why
	}
}

// u reads the next number.
func (r *flatReader) u() uint32 {
	if r.i >= len(r.nums) {
		r.fail("nums end early")
		return 0
	}
	v := r.nums[r.i]
	r.i++
	return v
}

// count reads a slice or map length: at most what nums can still describe
// with minPer numbers per item, so that a hostile length cannot make the
// decoder allocate more than the input justifies.
func (r *flatReader) count(minPer int) int {
	n := int(r.u())
	if n*minPer > len(r.nums)-r.i {
		r.fail("a length is larger than the rest of the input")
		return 0
	}
	return n
}

// str reads the next string.
func (r *flatReader) str() string {
	n := int(r.u())
	if n > len(r.text) {
		r.fail("text ends early")
		return ""
	}
	s := r.text[:n]
	r.text = r.text[n:]
	return s
}

func (r *flatReader) int() int { return int(r.u()) }

// int64 reads an int64 field, at most 1<<53 - 1 (exact in JavaScript).
func (r *flatReader) int64() int64 {
	lo, hi := r.u(), r.u()
	if hi >= 1<<21 {
		r.fail("an integer is larger than 1<<53 - 1")
		return 0
	}
	return int64(hi)<<32 | int64(lo)
}

func (r *flatReader) strs() []string {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *flatReader) ints() []int {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = r.int()
	}
	return out
}

// DecodeFlat decodes the flat form of an observation (see above). It takes
// ownership of text: the decoded strings point into it, so the caller must
// not change it afterwards. Bounds are the engine's business, as with JSON:
// Analyze truncates.
func DecodeFlat(text, nums []byte) (*Observation, error) {
	if len(nums)%4 != 0 {
		return nil, errors.New("malformed flat observation: nums is not whole uint32 values")
	}
	r := &flatReader{text: unsafe.String(unsafe.SliceData(text), len(text))}
	if p := unsafe.SliceData(nums); littleEndian && uintptr(unsafe.Pointer(p))%4 == 0 {
		r.nums = unsafe.Slice((*uint32)(unsafe.Pointer(p)), len(nums)/4)
	} else {
		r.nums = make([]uint32, len(nums)/4)
		for i := range r.nums {
			r.nums[i] = binary.LittleEndian.Uint32(nums[4*i:])
		}
	}
	o := &Observation{}
	o.URL = r.str()
	o.TopURL = r.str()
	o.ListVersion = r.int64()
	o.Scripts = r.strs()
	o.Inline = r.strs()
	if n := r.count(2); n > 0 {
		o.Frames = make([]Frame, n)
		for i := range o.Frames {
			f := &o.Frames[i]
			f.Ref, f.Src = r.int(), r.str()
		}
	}
	if n := r.count(4); n > 0 {
		o.Links = make([]Link, n)
		for i := range o.Links {
			l := &o.Links[i]
			l.Ref, l.Href, l.Text, l.Label = r.int(), r.str(), r.str(), r.str()
		}
	}
	if n := r.count(4); n > 0 {
		o.Forms = make([]Form, n)
		for i := range o.Forms {
			f := &o.Forms[i]
			f.Ref, f.Action, f.Text, f.Label = r.int(), r.str(), r.str(), r.str()
		}
	}
	if n := r.count(6); n > 0 {
		o.Elements = make([]Element, n)
		for i := range o.Elements {
			e := &o.Elements[i]
			e.Ref, e.Tag = r.int(), r.str()
			if m := r.count(2); m > 0 {
				e.Attrs = make(Attrs, m)
				for j := range e.Attrs {
					e.Attrs[j] = Attr{r.str(), r.str()}
				}
				e.Attrs = e.Attrs.unique()
			}
			e.Text, e.Label, e.Matches = r.str(), r.str(), r.ints()
		}
	}
	if n := r.count(9); n > 0 {
		o.Controls = make([]Control, n)
		for i := range o.Controls {
			c := &o.Controls[i]
			c.Ref, c.Tag, c.Href, c.Text, c.Label = r.int(), r.str(), r.str(), r.str(), r.str()
			c.Attrs, c.Handler, c.Group, c.Context = r.str(), r.str(), r.int(), r.str()
		}
	}
	if n := r.count(2); n > 0 {
		o.Requests = make([]Request, n)
		for i := range o.Requests {
			q := &o.Requests[i]
			q.URL, q.Type = r.str(), r.str()
		}
	}
	switch {
	case r.bad != "":
		return nil, errors.New("malformed flat observation: " + r.bad)
	case len(r.text) != 0 || r.i != len(r.nums):
		return nil, errors.New("malformed flat observation: input is left over after it")
	}
	return o, nil
}
