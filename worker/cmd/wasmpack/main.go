// Command wasmpack rewrites a WebAssembly module built by Go so that it
// instantiates faster: it merges the data segments that lie close together
// in memory into one, filling the gaps with zeros.
//
//	go run ./worker/cmd/wasmpack worker/build/app.wasm
//
// Go's linker writes one active data segment per run of non-zero bytes, so
// the worker's app.wasm had about 90,000 segments, and V8 copies each one
// separately every time the module is instantiated: on Workers, at the
// first request of every isolate. Merged, instantiation took about 1.4 ms
// less under node (worker/README.md). After merging there are a handful of
// segments; the memory the module starts with is byte for byte the same.
// The zeros compress away, so the gzipped size shrinks too.
// (binaryen's wasm-opt --memory-packing does this and more, but is not part
// of the build's toolchain.)
package main

import (
	"fmt"
	"os"
)

// maxGap is the largest run of zeros merged into a segment: larger gaps
// (the BSS, untouched heap) stay gaps.
const maxGap = 4096

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmpack FILE.wasm (rewritten in place)")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "wasmpack:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	in, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, before, after, err := pack(in, maxGap)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return err
	}
	fmt.Printf("wasmpack: %s: %d data segments merged into %d (%d -> %d bytes)\n", path, before, after, len(in), len(out))
	return nil
}
