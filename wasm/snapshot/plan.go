package snapshot

import (
	"crypto/sha256"
	"reflect"
	"strconv"
	"sync"
)

// fingerprintSize is the length of the type fingerprint a snapshot starts
// with.
const fingerprintSize = 16

// kind is what a plan reads and writes.
type kind uint8

const (
	kindBool kind = iota
	kindInt
	kindUint
	kindString
	kindPointer
	kindStruct
	kindArray
	kindSlice
	kindMap
)

// plan is how a snapshot holds one type, worked out once per type.
type plan struct {
	t    reflect.Type
	kind kind
	// size and align are the type's in memory; scalar: a boolean or an
	// integer, held as memory lays it out inside slices and arrays.
	size, align uintptr
	scalar      bool
	elem, key   *plan // pointer, array, slice and map elements; map keys
	n           int   // array length
	fields      []field
	// min is the fewest bytes a value takes in a snapshot (padding
	// aside): lengths read from a snapshot are bounded by the bytes left.
	min int
	// fingerprint, set on a root plan, identifies the whole type tree.
	fingerprint [fingerprintSize]byte
}

// field is a struct field: where it is and how it is held.
type field struct {
	offset uintptr
	plan   *plan
}

// plans caches each root type's plan.
var plans sync.Map // reflect.Type -> *plan

// planFor returns t's plan, with the fingerprint of its type tree.
func planFor(t reflect.Type) (*plan, error) {
	if p, ok := plans.Load(t); ok {
		return p.(*plan), nil
	}
	b := builder{plans: map[reflect.Type]*plan{}}
	p, err := b.plan(t, t.String())
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.desc)
	copy(p.fingerprint[:], sum[:])
	plans.Store(t, p)
	return p, nil
}

// builder works out the plans of one type tree and describes the tree (in
// desc) for its fingerprint.
type builder struct {
	plans map[reflect.Type]*plan
	desc  []byte
}

func (b *builder) plan(t reflect.Type, path string) (*plan, error) {
	if p, ok := b.plans[t]; ok {
		return p, nil
	}
	p := &plan{t: t, size: t.Size(), align: uintptr(t.Align()), min: 1}
	b.plans[t] = p // before the elements: a type may hold pointers to itself
	b.desc = append(b.desc, t.String()...)
	b.desc = append(b.desc, ' ')
	b.desc = append(b.desc, t.Kind().String()...)
	b.desc = strconv.AppendInt(b.desc, int64(t.Size()), 10)
	b.desc = append(b.desc, ';')
	var err error
	switch t.Kind() {
	case reflect.Bool:
		p.kind, p.scalar = kindBool, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind, p.scalar = kindInt, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		p.kind, p.scalar = kindUint, true
	case reflect.String:
		p.kind = kindString
	case reflect.Pointer:
		p.kind = kindPointer
		p.elem, err = b.plan(t.Elem(), path)
	case reflect.Slice:
		p.kind = kindSlice
		p.elem, err = b.plan(t.Elem(), path+"[]")
	case reflect.Array:
		p.kind, p.n = kindArray, t.Len()
		b.desc = strconv.AppendInt(b.desc, int64(t.Len()), 10)
		if p.elem, err = b.plan(t.Elem(), path+"[]"); err == nil {
			p.min = p.n * p.elem.min
		}
	case reflect.Map:
		p.kind = kindMap
		if p.key, err = b.plan(t.Key(), path+"{key}"); err == nil {
			p.elem, err = b.plan(t.Elem(), path+"{}")
		}
	case reflect.Struct:
		p.kind, p.min = kindStruct, 0
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			b.desc = append(b.desc, f.Name...)
			b.desc = append(b.desc, ' ')
			b.desc = append(b.desc, f.Type.String()...)
			b.desc = strconv.AppendUint(b.desc, uint64(f.Offset), 10)
			b.desc = append(b.desc, ',')
		}
		for i := 0; i < t.NumField() && err == nil; i++ {
			f := t.Field(i)
			var fp *plan
			if fp, err = b.plan(f.Type, path+"."+f.Name); err == nil {
				p.fields = append(p.fields, field{offset: f.Offset, plan: fp})
				p.min += fp.min
			}
		}
	default:
		return nil, &Error{Path: path, Message: "a " + t.String() + " cannot be in a snapshot"}
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}
