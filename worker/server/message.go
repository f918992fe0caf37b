package server

import (
	"context"
	"io"
	"net/url"
	"strconv"
)

// Header is the part of a request's headers the handler reads. net/http's
// http.Header has it, and so does the Workers bridge's wrapper of a
// JavaScript Headers object (whose Values holds one comma-joined value).
type Header interface {
	Get(name string) string
	Values(name string) []string
}

// Request is what the handler reads of an HTTP request. The package does
// not import net/http: on Workers that package alone, with the TLS and
// certificate code it links, doubled the WebAssembly binary and the start-up
// every request pays (BENCHMARKS.md, "## Worker"). The adapters build a
// Request from an *http.Request (http_other.go) or from a JavaScript Request
// (fetch_js.go).
type Request struct {
	Ctx    context.Context
	Method string
	// Path is the URL path; RawQuery the query without '?'.
	Path     string
	RawQuery string
	Header   Header
	// Client identifies the client for rate limiting: its IP address.
	Client string
	// ContentLength is the declared body size, or -1 when unknown.
	ContentLength int64
	// Body reads the body; only uploads read it. Nil means no body.
	Body io.Reader
}

// query returns the first value of the query parameter name.
func (r *Request) query(name string) string {
	v, _ := url.ParseQuery(r.RawQuery)
	return v.Get(name)
}

// Response is the handler's answer: status, headers and the whole body. A
// response to HEAD has the headers of the GET (Content-Length included) and
// no body.
type Response struct {
	Status int
	// Header holds one value per canonical header name.
	Header map[string]string
	Body   []byte
	// Opaque, when not nil, is the body as a storage.BodyStore handed it
	// over, which only the platform's adapter can send (Body is then nil).
	Opaque any
}

// newResponse returns a response with status and no headers yet.
func newResponse(status int) *Response {
	return &Response{Status: status, Header: make(map[string]string, 8)}
}

// setBody sets the body and its Content-Length; a HEAD request keeps the
// length but not the bytes.
func (res *Response) setBody(r *Request, contentType string, body []byte) {
	res.Header["Content-Type"] = contentType
	res.Header["Content-Length"] = strconv.Itoa(len(body))
	if r.Method != methodHead {
		res.Body = body
	}
}

// HTTP methods and status codes, named as net/http names them.
const (
	methodGet     = "GET"
	methodHead    = "HEAD"
	methodPut     = "PUT"
	methodOptions = "OPTIONS"

	statusOK                    = 200
	statusNoContent             = 204
	statusNotModified           = 304
	statusBadRequest            = 400
	statusUnauthorized          = 401
	statusNotFound              = 404
	statusMethodNotAllowed      = 405
	statusConflict              = 409
	statusRequestEntityTooLarge = 413
	statusUnprocessableEntity   = 422
	statusTooManyRequests       = 429
	statusInternalServerError   = 500
	statusServiceUnavailable    = 503
)
