//go:build !js

package main

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"
)

// pkgSize is the code of one package in a WebAssembly module.
type pkgSize struct {
	pkg   string
	bytes int
}

// codeByPackage sums the function bodies of a Go WebAssembly module by
// package, from the function names in its "name" section (present unless
// the module was linked with -s), largest first, with the total.
func codeByPackage(mod []byte) ([]pkgSize, int, error) {
	if len(mod) < 8 || string(mod[:4]) != "\x00asm" {
		return nil, 0, errors.New("not a WebAssembly module")
	}
	var code []byte
	names := map[uint64]string{}
	imported := uint64(0)
	for p := mod[8:]; len(p) > 0; {
		id := p[0]
		size, n := binary.Uvarint(p[1:])
		if n <= 0 || uint64(len(p)-1-n) < size {
			return nil, 0, errors.New("truncated section")
		}
		body := p[1+n : 1+n+int(size)]
		p = p[1+n+int(size):]
		switch id {
		case 2: // imports: function imports come first in the function index space
			imported = countFuncImports(body)
		case 10:
			code = body
		case 0:
			readNames(body, names)
		}
	}
	if len(names) == 0 {
		return nil, 0, errors.New("the module has no name section (built with -ldflags=-s?)")
	}
	sizes := map[string]int{}
	total := 0
	count, n := binary.Uvarint(code)
	code = code[n:]
	for i := uint64(0); i < count; i++ {
		size, n := binary.Uvarint(code)
		code = code[n+int(size):]
		sizes[packageOf(names[imported+i])] += int(size)
		total += int(size)
	}
	out := make([]pkgSize, 0, len(sizes))
	for p, b := range sizes {
		out = append(out, pkgSize{p, b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].bytes > out[j].bytes })
	return out, total, nil
}

// countFuncImports counts the function imports of an import section.
func countFuncImports(b []byte) uint64 {
	count, n := binary.Uvarint(b)
	b = b[n:]
	var funcs uint64
	for i := uint64(0); i < count; i++ {
		for j := 0; j < 2; j++ { // module and field names
			l, n := binary.Uvarint(b)
			b = b[n+int(l):]
		}
		kind := b[0]
		b = b[1:]
		_, n := binary.Uvarint(b) // a function's type index (Go imports only functions)
		b = b[n:]
		if kind == 0 {
			funcs++
		}
	}
	return funcs
}

// readNames reads the function names of a "name" custom section into names.
func readNames(b []byte, names map[uint64]string) {
	l, n := binary.Uvarint(b)
	if string(b[n:n+int(l)]) != "name" {
		return
	}
	for b = b[n+int(l):]; len(b) > 0; {
		sub := b[0]
		size, n := binary.Uvarint(b[1:])
		body := b[1+n : 1+n+int(size)]
		b = b[1+n+int(size):]
		if sub != 1 {
			continue
		}
		count, n := binary.Uvarint(body)
		body = body[n:]
		for i := uint64(0); i < count; i++ {
			idx, n := binary.Uvarint(body)
			body = body[n:]
			l, n := binary.Uvarint(body)
			names[idx] = string(body[n : n+int(l)])
			body = body[n+int(l):]
		}
	}
}

// packageOf returns the package part of a Go symbol as the wasm linker
// names it ("net_http.(*Transport).RoundTrip" -> "net/http",
// "github.com_x_y.F" -> "github.com/x/y"; the linker writes '/' as '_').
func packageOf(sym string) string {
	rest, prefix := sym, ""
	if strings.HasPrefix(sym, "github.com") || strings.HasPrefix(sym, "golang.org") {
		prefix, rest = sym[:10], sym[10:]
	}
	if i := strings.IndexByte(rest, '.'); i >= 0 {
		rest = rest[:i]
	}
	return prefix + strings.ReplaceAll(rest, "_", "/")
}
