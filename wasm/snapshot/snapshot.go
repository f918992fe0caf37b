// Package snapshot writes a tree of Go values as bytes and reads it back
// into a value of the same type, unexported fields included: a compiled
// detection engine is kept this way across restarts of the service worker
// (wasm/core/snapshot.go), so that a restart loads tables instead of
// decoding and compiling its list again.
//
// The type is walked once with reflection into a plan (plan.go), so every
// field of the tree is written without a list of fields to keep: a field
// added to a type is in the next snapshot. Supported are structs,
// pointers, slices, arrays, maps, strings, booleans and integers; a type
// with anything else (a function, an interface, a channel, a float) is
// refused with an error naming where. Nil and empty slices, maps and
// pointers stay apart. Values are then read and written through their
// memory, not through reflect.Value: inside WebAssembly, a reflective walk
// of the default list's engine took longer than compiling it.
//
// A snapshot is read only by a build with the same types. Its first bytes
// are a fingerprint of the type tree (every type's name, kind and fields),
// so bytes of another type, or of the same type changed by a later build,
// are refused rather than misread. Slices and arrays of integers or
// booleans are written as the machine lays them out (little-endian in
// WebAssembly) and, where aligned, read in place: the value then points
// into the snapshot's bytes, as its strings always do, and the caller must
// not change them.
package snapshot

import (
	"encoding/binary"
	"reflect"
	"slices"
	"strconv"
	"unsafe"
)

// Error is a snapshot that cannot be read, or a value that cannot be
// written; Path names where in the type tree, when known.
type Error struct {
	Path    string
	Message string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return "snapshot: " + e.Message
	}
	return "snapshot: " + e.Path + ": " + e.Message
}

// maxLen bounds any one length read from a snapshot, before the bytes left
// bound it further.
const maxLen = 1 << 28

// Append appends the snapshot of *v (v must be a non-nil pointer) to dst.
// It walks the value twice, once to count its bytes and once to write
// them, so that dst grows once: growing a 2 MB buffer by appending doubled
// a WebAssembly core's memory, which never shrinks.
func Append(dst []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return dst, &Error{Message: "want a non-nil pointer, got " + rv.Kind().String()}
	}
	p, err := planFor(rv.Type().Elem())
	if err != nil {
		return dst, err
	}
	count := writer{counting: true, n: fingerprintSize}
	count.value(rv.UnsafePointer(), p)
	dst = slices.Grow(dst, count.n)
	w := writer{buf: append(dst, p.fingerprint[:]...), base: len(dst)}
	w.value(rv.UnsafePointer(), p)
	return w.buf, nil
}

// Decode reads a snapshot of a value of v's element type (v must be a
// non-nil pointer) into *v. The value keeps pointing into src: src must not
// change afterwards. On error *v may be partly written.
func Decode(src []byte, v any) (err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &Error{Message: "want a non-nil pointer, got " + rv.Kind().String()}
	}
	p, err := planFor(rv.Type().Elem())
	if err != nil {
		return err
	}
	if len(src) < fingerprintSize || string(src[:fingerprintSize]) != string(p.fingerprint[:]) {
		return &Error{Message: "the bytes are not a snapshot of a " + p.t.String() + " as this build lays it out"}
	}
	r := reader{src: src, off: fingerprintSize}
	if err := r.value(rv.UnsafePointer(), p); err != nil {
		return err
	}
	if r.off != len(src) {
		return &Error{Message: strconv.Itoa(len(src)-r.off) + " bytes after the value"}
	}
	return nil
}

// writer appends a snapshot to buf, whose bytes from base on are the
// snapshot (alignment counts from there); a counting writer only counts
// them, in n.
type writer struct {
	buf      []byte
	base     int
	counting bool
	n        int
}

// off is the snapshot's length so far.
func (w *writer) off() int {
	if w.counting {
		return w.n
	}
	return len(w.buf) - w.base
}

func (w *writer) bytes(b []byte) {
	if w.counting {
		w.n += len(b)
	} else {
		w.buf = append(w.buf, b...)
	}
}

func (w *writer) byte(b byte) {
	if w.counting {
		w.n++
	} else {
		w.buf = append(w.buf, b)
	}
}

func (w *writer) uvarint(x uint64) {
	if w.counting {
		w.n += uvarintLen(x)
	} else {
		w.buf = binary.AppendUvarint(w.buf, x)
	}
}

func (w *writer) varint(x int64) {
	// As binary.AppendVarint: zig-zag, then unsigned.
	ux := uint64(x) << 1
	if x < 0 {
		ux = ^ux
	}
	w.uvarint(ux)
}

// uvarintLen is how many bytes binary.AppendUvarint writes for x.
func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

func (w *writer) length(n int, isNil bool) {
	if isNil {
		w.byte(0)
		return
	}
	w.uvarint(uint64(n) + 1)
}

// value appends the value of plan p at ptr.
func (w *writer) value(ptr unsafe.Pointer, p *plan) {
	switch p.kind {
	case kindBool:
		w.byte(*(*byte)(ptr))
	case kindInt:
		w.varint(loadInt(ptr, p.size))
	case kindUint:
		w.uvarint(loadUint(ptr, p.size))
	case kindString:
		s := *(*string)(ptr)
		w.uvarint(uint64(len(s)))
		w.bytes(unsafe.Slice(unsafe.StringData(s), len(s)))
	case kindPointer:
		elem := *(*unsafe.Pointer)(ptr)
		if elem == nil {
			w.byte(0)
			return
		}
		w.byte(1)
		w.value(elem, p.elem)
	case kindStruct:
		for _, f := range p.fields {
			w.value(unsafe.Add(ptr, f.offset), f.plan)
		}
	case kindArray:
		w.elems(ptr, p.n, p.elem)
	case kindSlice:
		s := (*sliceHeader)(ptr)
		w.length(s.len, s.data == nil)
		w.elems(s.data, s.len, p.elem)
	case kindMap:
		m := reflect.NewAt(p.t, ptr).Elem()
		w.length(m.Len(), m.IsNil())
		// One key and one value to copy each entry into: no allocation
		// per entry.
		key, elem := reflect.New(p.key.t), reflect.New(p.elem.t)
		for it := m.MapRange(); it.Next(); {
			key.Elem().SetIterKey(it)
			elem.Elem().SetIterValue(it)
			w.value(key.UnsafePointer(), p.key)
			w.value(elem.UnsafePointer(), p.elem)
		}
	}
}

// elems appends n elements of plan p from ptr: scalars as memory holds
// them, padded to their alignment.
func (w *writer) elems(ptr unsafe.Pointer, n int, p *plan) {
	if n == 0 {
		return
	}
	if p.scalar {
		for w.off()%int(p.size) != 0 {
			w.byte(0)
		}
		w.bytes(unsafe.Slice((*byte)(ptr), n*int(p.size)))
		return
	}
	for i := 0; i < n; i++ {
		w.value(unsafe.Add(ptr, uintptr(i)*p.size), p)
	}
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

// sliceHeader is the runtime's layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// loadInt reads a signed integer of size bytes.
func loadInt(ptr unsafe.Pointer, size uintptr) int64 {
	switch size {
	case 1:
		return int64(*(*int8)(ptr))
	case 2:
		return int64(*(*int16)(ptr))
	case 4:
		return int64(*(*int32)(ptr))
	}
	return *(*int64)(ptr)
}

// loadUint reads an unsigned integer of size bytes.
func loadUint(ptr unsafe.Pointer, size uintptr) uint64 {
	switch size {
	case 1:
		return uint64(*(*uint8)(ptr))
	case 2:
		return uint64(*(*uint16)(ptr))
	case 4:
		return uint64(*(*uint32)(ptr))
	}
	return *(*uint64)(ptr)
}

// storeInt writes x as a signed integer of size bytes; false when it does
// not fit.
func storeInt(ptr unsafe.Pointer, size uintptr, x int64) bool {
	switch size {
	case 1:
		*(*int8)(ptr) = int8(x)
		return int64(int8(x)) == x
	case 2:
		*(*int16)(ptr) = int16(x)
		return int64(int16(x)) == x
	case 4:
		*(*int32)(ptr) = int32(x)
		return int64(int32(x)) == x
	}
	*(*int64)(ptr) = x
	return true
}

// storeUint writes x as an unsigned integer of size bytes; false when it
// does not fit.
func storeUint(ptr unsafe.Pointer, size uintptr, x uint64) bool {
	switch size {
	case 1:
		*(*uint8)(ptr) = uint8(x)
		return uint64(uint8(x)) == x
	case 2:
		*(*uint16)(ptr) = uint16(x)
		return uint64(uint16(x)) == x
	case 4:
		*(*uint32)(ptr) = uint32(x)
		return uint64(uint32(x)) == x
	}
	*(*uint64)(ptr) = x
	return true
}
