package main

import (
	"bytes"
	"net/http"
	"syscall/js"
)

// rawBodyWriter is the part of syumai/workers' ResponseWriter that takes a
// JavaScript value as the whole response body.
type rawBodyWriter interface {
	WriteRawJSBody(body js.Value)
}

// bufferedWriter collects the handler's body in Go, so that it can leave
// as one Uint8Array. syumai/workers otherwise streams a body through an
// io.Pipe in 16 KiB chunks, each a goroutine hop and a promise; for a list
// of a few hundred KiB that multiplied the per-request cost (measured in
// BENCHMARKS.md, "## Worker").
type bufferedWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }

// sendBuffered wraps next so that every response body is sent in one piece.
func sendBuffered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bw := &bufferedWriter{ResponseWriter: w}
		next.ServeHTTP(bw, r)
		raw, ok := w.(rawBodyWriter)
		if ok && r.Method == http.MethodHead {
			// No body, but the Content-Length of the GET: syumai/workers
			// would otherwise wait for that many bytes and fail the
			// response.
			raw.WriteRawJSBody(js.Null())
			return
		}
		if bw.body.Len() == 0 {
			return
		}
		if !ok {
			w.Write(bw.body.Bytes())
			return
		}
		u8 := js.Global().Get("Uint8Array").New(bw.body.Len())
		js.CopyBytesToJS(u8, bw.body.Bytes())
		raw.WriteRawJSBody(u8)
	})
}
