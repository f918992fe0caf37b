//go:build !(js && wasm)

// Command pwcore is PartnerWatch's core compiled to WebAssembly for the
// browser extension: it defines globalThis.partnerwatch (see main_js.go and
// wasm/core/api.go). Build it with `make core-wasm`, which runs
// GOOS=js GOARCH=wasm go build; natively it only explains that.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "pwcore is the PartnerWatch core for WebAssembly: build it with `make core-wasm` (GOOS=js GOARCH=wasm).\nFor a native scanner, use `go run ./wasm/cmd/widgetscan`.")
	os.Exit(2)
}
