package server

import (
	"context"
	"errors"
	"io"
	"strconv"
	"syscall/js"

	"github.com/partnerwatch/partnerwatch/worker/internal/cfjs"
)

var (
	urlClass      = js.Global().Get("URL")
	headersClass  = js.Global().Get("Headers")
	responseClass = js.Global().Get("Response")
	promiseClass  = js.Global().Get("Promise")
)

// ServeJS answers a JavaScript Request with a Promise of a JavaScript
// Response: the Workers side of ServeHTTP. The handler runs in a goroutine,
// because the store awaits promises, which needs the JavaScript event loop
// to run; requests that overlap in one isolate run side by side.
func (h *Handler) ServeJS(req js.Value) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		executor.Release()
		resolve := args[0]
		go func() {
			method := methodGet
			defer func() {
				// A bug answers like any other error, as JSON, and the Go
				// program keeps serving the isolate's other requests.
				if p := recover(); p != nil {
					h.cfg.Logf("panic: %v", p)
					resolve.Invoke(toJS(errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "internal error"}), method))
				}
			}()
			r := fromJS(req)
			method = r.Method
			resolve.Invoke(toJS(h.Serve(r), r.Method))
		}()
		return nil
	})
	return promiseClass.New(executor)
}

// fromJS reads what the handler needs of a JavaScript Request. The body is
// read only if the handler reads it (uploads).
func fromJS(req js.Value) *Request {
	u := urlClass.New(req.Get("url"))
	q := u.Get("search").String()
	if q != "" {
		q = q[1:]
	}
	hd := jsHeader{req.Get("headers")}
	r := &Request{
		Ctx:           context.Background(),
		Method:        req.Get("method").String(),
		Path:          u.Get("pathname").String(),
		RawQuery:      q,
		Header:        hd,
		Client:        hd.Get("CF-Connecting-IP"),
		ContentLength: -1,
	}
	if n, err := strconv.ParseInt(hd.Get("Content-Length"), 10, 64); err == nil {
		r.ContentLength = n
	}
	if body := req.Get("body"); body.Truthy() {
		r.Body = &streamReader{stream: body}
	}
	return r
}

// toJS builds the JavaScript Response. A HEAD answer and the statuses that
// forbid a body (204, 304) get a null body.
func toJS(res *Response, method string) js.Value {
	hd := headersClass.New()
	for k, v := range res.Header {
		hd.Call("set", k, v)
	}
	body := js.Null()
	switch {
	case method == methodHead || res.Status == statusNoContent || res.Status == statusNotModified:
	case res.Opaque != nil:
		body = res.Opaque.(js.Value)
	case len(res.Body) > 0:
		body = cfjs.Uint8Array(res.Body)
	}
	return responseClass.New(body, map[string]any{"status": res.Status, "headers": hd})
}

// jsHeader reads a JavaScript Headers object. Headers joins repeated
// fields with ", ", so Values has at most one element.
type jsHeader struct{ h js.Value }

func (h jsHeader) Get(name string) string {
	v := h.h.Call("get", name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

func (h jsHeader) Values(name string) []string {
	if v := h.Get(name); v != "" {
		return []string{v}
	}
	return nil
}

// streamReader reads a JavaScript ReadableStream of bytes, one chunk per
// awaited read.
type streamReader struct {
	stream, reader js.Value
	buf            []byte
	eof            bool
}

func (s *streamReader) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if s.eof {
			return 0, io.EOF
		}
		if s.reader.IsUndefined() {
			r, err := cfjs.Call(s.stream, "getReader")
			if err != nil {
				return 0, err
			}
			s.reader = r
		}
		chunk, err := cfjs.CallAwait(s.reader, "read")
		if err != nil {
			return 0, errors.New("reading the request body: " + err.Error())
		}
		if chunk.Get("done").Truthy() {
			s.eof = true
			continue
		}
		s.buf = cfjs.Bytes(chunk.Get("value"))
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}
