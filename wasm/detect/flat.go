package detect

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
	"unsafe"
)

// The flat form of an observation is how the service worker hands a large
// observation to the WebAssembly core without JSON: decoding JSON costs
// far more inside WebAssembly than natively (most of a report on a large
// page), and every decoded string is an allocation. It is two buffers:
//
//   - text: the UTF-8 bytes of every string of the observation, one after
//     the other, in the order below;
//   - nums: little-endian float64 values (what a JavaScript Float64Array
//     holds): every integer field, every string's length in bytes of text,
//     every slice's and map's length.
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

// flatReader reads the flat form.
type flatReader struct {
	text string
	nums []byte
	err  error
}

func (r *flatReader) fail(what string) {
	if r.err == nil {
		r.err = errors.New("malformed flat observation: " + what)
	}
}

// num reads the next integer, which must lie in [0, max].
func (r *flatReader) num(max int64) int64 {
	if r.err != nil {
		return 0
	}
	if len(r.nums) < 8 {
		r.fail("nums end early")
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(r.nums))
	r.nums = r.nums[8:]
	if !(f >= 0 && f <= float64(max)) || f != math.Trunc(f) {
		r.fail("a number is not an integer in [0, " + strconv.FormatInt(max, 10) + "]")
		return 0
	}
	return int64(f)
}

// count reads a slice or map length: at most what nums can still describe
// with minPer numbers per item, so that a hostile length cannot make the
// decoder allocate more than the input justifies.
func (r *flatReader) count(minPer int) int {
	n := r.num(math.MaxInt32)
	if r.err == nil && n*int64(minPer)*8 > int64(len(r.nums)) {
		r.fail("a length is larger than the rest of the input")
		return 0
	}
	return int(n)
}

// str reads the next string.
func (r *flatReader) str() string {
	n := r.num(math.MaxInt32)
	if r.err != nil {
		return ""
	}
	if int64(len(r.text)) < n {
		r.fail("text ends early")
		return ""
	}
	s := r.text[:n]
	r.text = r.text[n:]
	return s
}

func (r *flatReader) int() int { return int(r.num(math.MaxInt32)) }

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
	r := &flatReader{text: unsafe.String(unsafe.SliceData(text), len(text)), nums: nums}
	o := &Observation{}
	o.URL = r.str()
	o.TopURL = r.str()
	o.ListVersion = r.num(1<<53 - 1)
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
	if n := r.count(7); n > 0 {
		o.Elements = make([]Element, n)
		for i := range o.Elements {
			e := &o.Elements[i]
			e.Ref, e.Tag = r.int(), r.str()
			if m := r.count(2); m > 0 {
				e.Attrs = make(map[string]string, m)
				for range m {
					k := r.str()
					e.Attrs[k] = r.str()
				}
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
	case r.err != nil:
		return nil, r.err
	case len(r.text) != 0 || len(r.nums) != 0:
		return nil, errors.New("malformed flat observation: input is left over after it")
	}
	return o, nil
}
