//go:build js && wasm

// Command empty is the baseline of `make bench-wasm`: an empty Go
// js/wasm program with the shape of the core's boundary (globalThis.partnerwatch
// with functions that answer constant JSON), so that the core's cold start
// can be compared with what any Go WebAssembly program costs to start.
package main

import "syscall/js"

func main() {
	answer := js.FuncOf(func(js.Value, []js.Value) any { return `{"ok":true}` })
	api := js.Global().Get("Object").New()
	for _, name := range []string{"loadList", "report", "reportFlat", "inspect", "version"} {
		api.Set(name, answer)
	}
	js.Global().Set("partnerwatch", api)
	select {}
}
