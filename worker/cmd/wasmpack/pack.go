package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// The parts of the WebAssembly binary format (core specification, chapter
// 5) that pack reads and writes.
const (
	dataSection     = 11
	dataCountSecton = 12
	opI32Const      = 0x41
	opEnd           = 0x0b
	activeMemory0   = 0x00 // segment flags: active, memory 0, offset expression
)

var magic = []byte{0, 'a', 's', 'm', 1, 0, 0, 0}

// segment is an active data segment: bytes copied to offset at
// instantiation.
type segment struct {
	offset int64
	data   []byte
}

// pack returns the module with its data segments merged where at most gap
// zero bytes separate them, and the segment counts before and after. It
// refuses modules it does not understand rather than guess: a data count
// section (bulk memory, which would name segments by index) or segments
// that are passive or use another offset expression than i32.const.
func pack(mod []byte, gap int64) (out []byte, before, after int, err error) {
	if !bytes.HasPrefix(mod, magic) {
		return nil, 0, 0, errors.New("not a WebAssembly module (version 1)")
	}
	out = append(out, magic...)
	p := mod[len(magic):]
	for len(p) > 0 {
		id := p[0]
		size, n := binary.Uvarint(p[1:])
		if n <= 0 || uint64(len(p)-1-n) < size {
			return nil, 0, 0, errors.New("truncated section")
		}
		body := p[1+n : 1+n+int(size)]
		whole := p[:1+n+int(size)]
		p = p[1+n+int(size):]
		switch id {
		case dataCountSecton:
			return nil, 0, 0, errors.New("the module has a data count section (bulk memory); segments cannot be merged safely")
		case dataSection:
			segs, err := readSegments(body)
			if err != nil {
				return nil, 0, 0, err
			}
			merged, err := merge(segs, gap)
			if err != nil {
				return nil, 0, 0, err
			}
			sec := writeSegments(merged)
			out = append(out, dataSection)
			out = binary.AppendUvarint(out, uint64(len(sec)))
			out = append(out, sec...)
			before, after = len(segs), len(merged)
		default:
			out = append(out, whole...)
		}
	}
	return out, before, after, nil
}

// readSegments decodes a data section.
func readSegments(b []byte) ([]segment, error) {
	count, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, errors.New("bad data section")
	}
	b = b[n:]
	segs := make([]segment, 0, count)
	for i := uint64(0); i < count; i++ {
		if len(b) < 2 || b[0] != activeMemory0 || b[1] != opI32Const {
			return nil, fmt.Errorf("data segment %d is not an active segment at an i32.const offset", i)
		}
		offset, used, err := readSLEB(b[2:])
		if err != nil {
			return nil, fmt.Errorf("data segment %d: bad offset", i)
		}
		b = b[2+used:]
		if len(b) == 0 || b[0] != opEnd {
			return nil, fmt.Errorf("data segment %d: offset expression is not a constant", i)
		}
		size, n := binary.Uvarint(b[1:])
		if n <= 0 || uint64(len(b)-1-n) < size {
			return nil, fmt.Errorf("data segment %d: truncated", i)
		}
		segs = append(segs, segment{offset: offset, data: b[1+n : 1+n+int(size)]})
		b = b[1+n+int(size):]
	}
	if len(b) != 0 {
		return nil, errors.New("bytes after the last data segment")
	}
	return segs, nil
}

// readSLEB decodes a signed LEB128 number of at most 32 bits.
func readSLEB(b []byte) (v int64, n int, err error) {
	var shift uint
	for n < len(b) && n < 5 {
		c := b[n]
		n++
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v, n, nil
		}
	}
	return 0, 0, errors.New("bad signed LEB128")
}

// appendSLEB encodes v as signed LEB128.
func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// merge sorts segments by offset and joins neighbours at most gap bytes
// apart. It refuses overlapping segments: the later one wins at
// instantiation, and sorting would change which one that is.
func merge(segs []segment, gap int64) ([]segment, error) {
	sorted := append([]segment(nil), segs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].offset < sorted[j].offset })
	var out []segment
	for _, s := range sorted {
		if len(out) > 0 {
			last := &out[len(out)-1]
			end := last.offset + int64(len(last.data))
			if s.offset < end {
				return nil, fmt.Errorf("data segments overlap at offset %d", s.offset)
			}
			if s.offset-end <= gap {
				last.data = append(last.data, make([]byte, s.offset-end)...)
				last.data = append(last.data, s.data...)
				continue
			}
		}
		out = append(out, segment{offset: s.offset, data: append([]byte(nil), s.data...)})
	}
	return out, nil
}

// writeSegments encodes a data section body.
func writeSegments(segs []segment) []byte {
	b := binary.AppendUvarint(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, activeMemory0, opI32Const)
		b = appendSLEB(b, s.offset)
		b = append(b, opEnd)
		b = binary.AppendUvarint(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}
