//go:build js && wasm

// This is the only file of the core that knows it runs in JavaScript. The
// contract, written once here and once in extension/src/lib/core.js (see
// wasm/core/api.go):
//
//	globalThis.partnerwatch.loadList(LoadRequest JSON)   -> Response JSON
//	globalThis.partnerwatch.loadListAsync(LoadRequest JSON, done[, envelope or snapshot])
//	                                         -> undefined; done(Response JSON) later
//	globalThis.partnerwatch.snapshot()                   -> Uint8Array, or null
//	globalThis.partnerwatch.report(Observation JSON)     -> Response JSON
//	globalThis.partnerwatch.reportFlat(text, nums)       -> Response JSON
//	globalThis.partnerwatch.inspect(InspectRequest JSON) -> Response JSON
//	globalThis.partnerwatch.version()                    -> Response JSON
//
// Each function takes one string and returns one string, except reportFlat,
// which takes the flat form of an observation as two Uint8Arrays (the text
// and the bytes of a Uint32Array of numbers; see detect.DecodeFlat), and
// loadListAsync, which may take the envelope's bytes as a Uint8Array beside
// a request without one, or a snapshot's (core.LoadListEnvelope,
// LoadRequest.Snapshot), and snapshot, which takes nothing and returns the
// loaded list's snapshot (core.Snapshot) as a Uint8Array, null without a
// list; errors come back as data ({"ok":false,"error":{...}}), never as
// exceptions.

package main

import (
	"syscall/js"

	"github.com/partnerwatch/partnerwatch/wasm/core"
)

func main() {
	register(core.New())
	// Keep the Go program alive: JavaScript calls in from now on.
	select {}
}

// register defines globalThis.partnerwatch on top of c.
func register(c *core.Core) {
	api := js.Global().Get("Object").New()
	api.Set("loadList", export(c.LoadList, true))
	api.Set("loadListAsync", exportAsync(c.LoadListEnvelope))
	api.Set("report", export(c.Report, true))
	api.Set("reportFlat", exportFlat(c.ReportFlat))
	api.Set("inspect", export(c.Inspect, true))
	api.Set("dropList", export(c.DropList, true))
	api.Set("version", export(func([]byte) []byte { return c.Version() }, false))
	api.Set("snapshot", exportSnapshot(c))
	js.Global().Set(globalName, api)
}

// export wraps a core method as a JavaScript function of one JSON string.
// A missing or non-string argument is a bad_request answer; a panic that got
// past the core is an internal answer: the caller always gets JSON back.
func export(method func([]byte) []byte, needsArg bool) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if recover() != nil {
				result = panicAnswer
			}
		}()
		var in []byte
		if needsArg {
			if len(args) < 1 || args[0].Type() != js.TypeString {
				return argAnswer
			}
			in = []byte(args[0].String())
		}
		return string(method(in))
	})
}

// exportSnapshot wraps Core.Snapshot as a JavaScript function returning
// a new Uint8Array, or null when no list is loaded (or on a panic).
func exportSnapshot(c *core.Core) js.Func {
	u8 := js.Global().Get("Uint8Array")
	return js.FuncOf(func(js.Value, []js.Value) (result any) {
		defer func() {
			if recover() != nil {
				result = nil
			}
		}()
		b := c.Snapshot()
		if b == nil {
			return nil
		}
		out := u8.New(len(b))
		js.CopyBytesToJS(out, b)
		return out
	})
}

// exportFlat wraps ReportFlat as a JavaScript function of two Uint8Arrays,
// copied into Go memory once each (a string argument would be encoded to
// UTF-8 and copied twice).
func exportFlat(method func(text, nums []byte) []byte) js.Func {
	u8 := js.Global().Get("Uint8Array")
	return js.FuncOf(func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if recover() != nil {
				result = panicAnswer
			}
		}()
		if len(args) < 2 || !args[0].InstanceOf(u8) || !args[1].InstanceOf(u8) {
			return flatArgAnswer
		}
		var bufs [2][]byte
		for i := range bufs {
			var ok bool
			if bufs[i], ok = copyBytes(args[i], maxFlatArg); !ok {
				return flatTooLargeAnswer
			}
		}
		return string(method(bufs[0], bufs[1]))
	})
}

// copyBytes copies a Uint8Array into Go memory, once; false when it holds
// more than max bytes (nothing is copied then).
func copyBytes(v js.Value, max int) ([]byte, bool) {
	n := v.Get("byteLength").Int()
	if n > max {
		return nil, false
	}
	b := make([]byte, n)
	js.CopyBytesToGo(b, v)
	return b, true
}

// exportAsync wraps LoadListEnvelope as a JavaScript function of a JSON
// string, a callback and, optionally, the envelope as a Uint8Array (at
// most maxEnvelopeArg bytes): the load runs in a goroutine that gives the
// JavaScript event loop a turn at each of the core's yields (a timer of 0
// ms: the goroutine waits for it, every goroutine is then blocked, and the
// Go runtime returns to JavaScript), and calls back with the answer.
func exportAsync(method func(in, envelope []byte, yield func()) []byte) js.Func {
	u8 := js.Global().Get("Uint8Array")
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeFunction {
			if len(args) >= 2 && args[1].Type() == js.TypeFunction {
				args[1].Invoke(argAnswer)
			}
			return nil
		}
		in, done := []byte(args[0].String()), args[1]
		var envelope []byte
		if len(args) > 2 && !args[2].IsUndefined() {
			if !args[2].InstanceOf(u8) {
				done.Invoke(envelopeArgAnswer)
				return nil
			}
			var ok bool
			if envelope, ok = copyBytes(args[2], maxEnvelopeArg); !ok {
				done.Invoke(envelopeTooLargeAnswer)
				return nil
			}
		}
		go func() {
			answer := panicAnswer
			defer func() {
				recover()
				done.Invoke(answer)
			}()
			answer = string(method(in, envelope, yieldToJS))
		}()
		return nil
	})
}

// yieldToJS blocks the calling goroutine until JavaScript has run a timer
// of 0 ms, letting the event loop handle what is waiting.
func yieldToJS() {
	ch := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(ch)
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
	<-ch
	f.Release()
}
