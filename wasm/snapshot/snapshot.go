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
	"reflect"
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

// root is the value v points to (v must be a non-nil pointer) and the plan
// of its type, for Append and Decode alike.
func root(v any) (unsafe.Pointer, *plan, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, nil, &Error{Message: "want a non-nil pointer, got " + rv.Kind().String()}
	}
	p, err := planFor(rv.Type().Elem())
	if err != nil {
		return nil, nil, err
	}
	return rv.UnsafePointer(), p, nil
}

// maxLen bounds any one length read from a snapshot, before the bytes left
// bound it further.
const maxLen = 1 << 28

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
