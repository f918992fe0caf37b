package snapshot

import (
	"encoding/binary"
	"reflect"
	"strconv"
	"unsafe"
)

// Decode reads a snapshot of a value of v's element type (v must be a
// non-nil pointer) into *v. The value keeps pointing into src: src must not
// change afterwards. On error *v may be partly written.
func Decode(src []byte, v any) error {
	ptr, p, err := root(v)
	if err != nil {
		return err
	}
	if len(src) < fingerprintSize || string(src[:fingerprintSize]) != string(p.fingerprint[:]) {
		return &Error{Message: "the bytes are not a snapshot of a " + p.t.String() + " as this build lays it out"}
	}
	r := reader{src: src, off: fingerprintSize}
	if err := r.value(ptr, p); err != nil {
		return err
	}
	if r.off != len(src) {
		return &Error{Message: strconv.Itoa(len(src)-r.off) + " bytes after the value"}
	}
	return nil
}

// reader reads a snapshot.
type reader struct {
	src []byte
	off int
}

func (r *reader) fail(p *plan, msg string) error {
	return &Error{Message: msg + " at byte " + strconv.Itoa(r.off) + " (a " + p.t.String() + ")"}
}

// length reads a length (nil as -1) of n elements of plan p, each taking
// at least p.min bytes.
func (r *reader) length(p *plan, nilable bool) (int, error) {
	x, k := binary.Uvarint(r.src[r.off:])
	if k <= 0 {
		return 0, r.fail(p, "a bad length")
	}
	r.off += k
	if nilable {
		if x == 0 {
			return -1, nil
		}
		x--
	}
	if x > maxLen || x*uint64(p.min) > uint64(len(r.src)-r.off) {
		return 0, r.fail(p, "a length of "+strconv.FormatUint(x, 10)+" past the end")
	}
	return int(x), nil
}

// value reads a value of plan p into ptr, writing every byte of it (a nil
// slice, map or pointer included), so that ptr may hold an older value.
func (r *reader) value(ptr unsafe.Pointer, p *plan) error {
	switch p.kind {
	case kindBool:
		if r.off >= len(r.src) || r.src[r.off] > 1 {
			return r.fail(p, "not a boolean")
		}
		*(*bool)(ptr) = r.src[r.off] == 1
		r.off++
	case kindInt:
		x, k := binary.Varint(r.src[r.off:])
		if k <= 0 || !storeInt(ptr, p.size, x) {
			return r.fail(p, "a bad integer")
		}
		r.off += k
	case kindUint:
		x, k := binary.Uvarint(r.src[r.off:])
		if k <= 0 || !storeUint(ptr, p.size, x) {
			return r.fail(p, "a bad integer")
		}
		r.off += k
	case kindString:
		x, k := binary.Uvarint(r.src[r.off:])
		if k <= 0 || x > uint64(len(r.src)-r.off-k) {
			return r.fail(p, "a bad string length")
		}
		r.off += k
		n := int(x)
		if n == 0 {
			*(*string)(ptr) = ""
		} else {
			*(*string)(ptr) = unsafe.String(&r.src[r.off], n)
		}
		r.off += n
	case kindPointer:
		if r.off >= len(r.src) || r.src[r.off] > 1 {
			return r.fail(p, "not a pointer mark")
		}
		r.off++
		if r.src[r.off-1] == 0 {
			*(*unsafe.Pointer)(ptr) = nil
			return nil
		}
		elem := reflect.New(p.elem.t).UnsafePointer()
		if err := r.value(elem, p.elem); err != nil {
			return err
		}
		*(*unsafe.Pointer)(ptr) = elem
	case kindStruct:
		for _, f := range p.fields {
			if err := r.value(unsafe.Add(ptr, f.offset), f.plan); err != nil {
				return err
			}
		}
	case kindArray:
		if p.elem.scalar {
			raw, err := r.scalars(p.elem, p.n)
			if err != nil {
				return err
			}
			copy(unsafe.Slice((*byte)(ptr), len(raw)), raw)
			return nil
		}
		for i := 0; i < p.n; i++ {
			if err := r.value(unsafe.Add(ptr, uintptr(i)*p.elem.size), p.elem); err != nil {
				return err
			}
		}
	case kindSlice:
		return r.slice(ptr, p)
	case kindMap:
		return r.mapValue(ptr, p)
	}
	return nil
}

// slice reads a slice of plan p into ptr: scalars in place in the
// snapshot's bytes when they are aligned for their type, else copied.
func (r *reader) slice(ptr unsafe.Pointer, p *plan) error {
	n, err := r.length(p.elem, true)
	if err != nil {
		return err
	}
	h := (*sliceHeader)(ptr)
	switch {
	case n < 0:
		*h = sliceHeader{}
		return nil
	case n == 0:
		*h = sliceHeader{data: unsafe.Pointer(&zeroBase), len: 0, cap: 0}
		return nil
	}
	if p.elem.scalar {
		raw, err := r.scalars(p.elem, n)
		if err != nil {
			return err
		}
		data := unsafe.Pointer(unsafe.SliceData(raw))
		if uintptr(data)%uintptr(p.elem.align) != 0 {
			data = reflect.MakeSlice(p.t, n, n).UnsafePointer()
			copy(unsafe.Slice((*byte)(data), len(raw)), raw)
		}
		*h = sliceHeader{data: data, len: n, cap: n}
		return nil
	}
	data := reflect.MakeSlice(p.t, n, n).UnsafePointer()
	for i := 0; i < n; i++ {
		if err := r.value(unsafe.Add(data, uintptr(i)*p.elem.size), p.elem); err != nil {
			return err
		}
	}
	*h = sliceHeader{data: data, len: n, cap: n}
	return nil
}

// zeroBase is where empty, non-nil slices point, as the runtime's own do.
var zeroBase [0]byte

// mapValue reads a map of plan p into ptr.
func (r *reader) mapValue(ptr unsafe.Pointer, p *plan) error {
	n, err := r.length(p, true)
	if err != nil {
		return err
	}
	dst := reflect.NewAt(p.t, ptr).Elem()
	if n < 0 {
		dst.SetZero()
		return nil
	}
	m := reflect.MakeMapWithSize(p.t, n)
	key, elem := reflect.New(p.key.t), reflect.New(p.elem.t)
	for i := 0; i < n; i++ {
		if err := r.value(key.UnsafePointer(), p.key); err != nil {
			return err
		}
		if err := r.value(elem.UnsafePointer(), p.elem); err != nil {
			return err
		}
		m.SetMapIndex(key.Elem(), elem.Elem())
	}
	if m.Len() != n {
		return r.fail(p, "a key given twice")
	}
	dst.Set(m)
	return nil
}

// scalars returns the bytes of n scalars of plan p, after their padding.
func (r *reader) scalars(p *plan, n int) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	for r.off%int(p.size) != 0 {
		if r.off >= len(r.src) || r.src[r.off] != 0 {
			return nil, r.fail(p, "bad padding")
		}
		r.off++
	}
	size := n * int(p.size)
	if size > len(r.src)-r.off {
		return nil, r.fail(p, "values past the end")
	}
	raw := r.src[r.off : r.off+size : r.off+size]
	if p.kind == kindBool {
		for _, c := range raw {
			if c > 1 {
				return nil, r.fail(p, "not booleans")
			}
		}
	}
	r.off += size
	return raw, nil
}
