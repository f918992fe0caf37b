package main

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// module returns a minimal module with a data section of segs (and other
// sections around it, kept verbatim).
func module(segs []segment, extra ...byte) []byte {
	m := append([]byte(nil), magic...)
	m = append(m, 1, 4, 1, 0x60, 0, 0) // type section: one func type
	data := writeSegments(segs)
	m = append(m, dataSection)
	m = binary.AppendUvarint(m, uint64(len(data)))
	m = append(m, data...)
	return append(m, extra...)
}

// image is the memory a module's segments initialise, applied in order.
func image(t *testing.T, mod []byte) []byte {
	t.Helper()
	p := mod[len(magic):]
	var mem []byte
	for len(p) > 0 {
		id := p[0]
		size, n := binary.Uvarint(p[1:])
		body := p[1+n : 1+n+int(size)]
		p = p[1+n+int(size):]
		if id != dataSection {
			continue
		}
		segs, err := readSegments(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segs {
			if end := int(s.offset) + len(s.data); end > len(mem) {
				mem = append(mem, make([]byte, end-len(mem))...)
			}
			copy(mem[s.offset:], s.data)
		}
	}
	return mem
}

func TestPack(t *testing.T) {
	tests := []struct {
		name     string
		segs     []segment
		gap      int64
		want     int // segments after
		trailing []byte
	}{
		{"adjacent", []segment{{100, []byte("ab")}, {102, []byte("cd")}}, 16, 1, nil},
		{"small gap filled with zeros", []segment{{100, []byte("ab")}, {110, []byte("cd")}}, 16, 1, nil},
		{"large gap kept", []segment{{100, []byte("ab")}, {1000, []byte("cd")}}, 16, 2, nil},
		{"out of order", []segment{{200, []byte("x")}, {100, []byte("ab")}, {105, []byte("y")}}, 16, 2, nil},
		{"negative-looking offsets (LEB sign bit)", []segment{{64, []byte("a")}, {8192, []byte("b")}, {1 << 20, []byte("c")}}, 1 << 21, 1, nil},
		// Sections after the data section survive byte for byte.
		{"custom section after", []segment{{8, []byte("z")}}, 16, 1, []byte{0, 3, 1, 'n', 1}},
	}
	for _, tt := range tests {
		in := module(tt.segs, tt.trailing...)
		out, before, after, err := pack(in, tt.gap)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if before != len(tt.segs) || after != tt.want {
			t.Errorf("%s: %d -> %d segments, want %d -> %d", tt.name, before, after, len(tt.segs), tt.want)
		}
		if !bytes.Equal(image(t, in), image(t, out)) {
			t.Errorf("%s: the initial memory changed", tt.name)
		}
		if !bytes.HasSuffix(out, tt.trailing) {
			t.Errorf("%s: trailing sections changed", tt.name)
		}
	}
}

func TestPackRefuses(t *testing.T) {
	overlap := module([]segment{{100, []byte("abcd")}, {102, []byte("x")}})
	passive := append(append([]byte(nil), magic...), dataSection, 4, 1, 1, 0, 0)
	dataCount := append(append([]byte(nil), magic...), dataCountSecton, 1, 0)
	tests := []struct {
		name, want string
		mod        []byte
	}{
		{"not wasm", "not a WebAssembly module", []byte("hello, world")},
		{"overlapping segments", "overlap", overlap},
		{"passive segment", "not an active segment", passive},
		{"bulk memory", "data count section", dataCount},
		{"truncated", "truncated", module([]segment{{1, []byte("abc")}})[:20]},
	}
	for _, tt := range tests {
		if _, _, _, err := pack(tt.mod, 16); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
