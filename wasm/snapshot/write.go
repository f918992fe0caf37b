package snapshot

import (
	"encoding/binary"
	"reflect"
	"slices"
	"unsafe"
)

// Append appends the snapshot of *v (v must be a non-nil pointer) to dst.
// It walks the value twice, once to count its bytes and once to write
// them, so that dst grows once: growing a 2 MB buffer by appending doubled
// a WebAssembly core's memory, which never shrinks.
func Append(dst []byte, v any) ([]byte, error) {
	ptr, p, err := root(v)
	if err != nil {
		return dst, err
	}
	count := writer{counting: true, n: fingerprintSize}
	count.value(ptr, p)
	dst = slices.Grow(dst, count.n)
	w := writer{buf: append(dst, p.fingerprint[:]...), base: len(dst)}
	w.value(ptr, p)
	return w.buf, nil
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
