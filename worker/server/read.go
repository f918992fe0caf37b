package server

import (
	"strconv"
	"strings"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// listCacheControl lets browsers and CDNs reuse the list for five minutes;
// see the package documentation.
const listCacheControl = "public, max-age=300"

// setCORS opens a public read route to every origin. No credentials are
// allowed, so no origin can make the worker act on a user's behalf.
func setCORS(res *Response) *Response {
	res.Header["Access-Control-Allow-Origin"] = "*"
	res.Header["Access-Control-Expose-Headers"] = "ETag, X-List-Version"
	return res
}

// preflight answers a CORS preflight for the read methods. Uploads are not
// meant for browsers: a preflight that asks for another method (PUT) or
// for headers other than If-None-Match (Authorization) gets no CORS
// headers at all, so the browser stops there.
func (h *Handler) preflight(r *Request) *Response {
	res := newResponse(statusNoContent)
	if !readPreflight(r) {
		return res
	}
	res.Header["Access-Control-Allow-Origin"] = "*"
	res.Header["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
	res.Header["Access-Control-Allow-Headers"] = "If-None-Match"
	res.Header["Access-Control-Max-Age"] = "86400"
	return res
}

// readPreflight reports whether a preflight asks only for what the read
// routes allow: GET or HEAD, with at most the If-None-Match header.
func readPreflight(r *Request) bool {
	switch r.Header.Get("Access-Control-Request-Method") {
	case "", methodGet, methodHead:
	default:
		return false
	}
	for _, name := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
		if name = strings.TrimSpace(name); name != "" && !strings.EqualFold(name, "If-None-Match") {
			return false
		}
	}
	return true
}

// serveList sends the current envelope byte for byte, or 304 when the
// client's copy is current. It never parses the payload, and a 304 reads
// the metadata only.
func (h *Handler) serveList(r *Request) *Response {
	s, aerr := h.current(r)
	if aerr != nil {
		return setCORS(errorResponse(aerr))
	}
	if etagMatches(r.Header.Values("If-None-Match"), `"`+s.meta.SHA256+`"`) {
		return listHeaders(newResponse(statusNotModified), s.meta)
	}
	s, envelope, aerr := h.withEnvelope(r, s, true)
	if aerr != nil {
		return setCORS(errorResponse(aerr))
	}
	res := listHeaders(newResponse(statusOK), s.meta)
	res.Header["X-Content-Type-Options"] = "nosniff"
	res.setBody(r, "application/json", envelope.Bytes)
	if envelope.Opaque != nil {
		res.Header["Content-Length"] = strconv.Itoa(envelope.Size)
		if r.Method != methodHead {
			res.Opaque = envelope.Opaque
		}
	}
	return res
}

// listHeaders sets the headers every list answer carries.
func listHeaders(res *Response, m storage.Meta) *Response {
	res.Header["ETag"] = `"` + m.SHA256 + `"`
	res.Header["Cache-Control"] = listCacheControl
	res.Header["X-List-Version"] = strconv.FormatInt(m.Version, 10)
	return setCORS(res)
}

// etagMatches reports whether any If-None-Match header value matches etag.
// If-None-Match uses the weak comparison (RFC 9110, 13.1.2): W/"x" matches
// "x"; "*" matches any current representation.
func etagMatches(values []string, etag string) bool {
	for _, v := range values {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" {
				return true
			}
			tag = strings.TrimPrefix(tag, "W/")
			if tag == etag {
				return true
			}
		}
	}
	return false
}

// Status is the JSON body of GET /v1/status and of a successful upload: the
// stored metadata, and how it is served.
type Status struct {
	storage.Meta
	// Stale is true when the list is past its expiry.
	Stale bool `json:"stale"`
	// Source is "stored" (uploaded to this worker) or "bundled" (built in).
	Source string `json:"source"`
	// Notice explains an unusual state, such as a stored list that was
	// ignored at start-up.
	Notice string `json:"notice,omitempty"`
}

// status describes the list m.
func (h *Handler) status(m storage.Meta, source string) Status {
	s := Status{Meta: m, Stale: m.Stale(h.cfg.Now()), Source: source}
	if h.cfg.Notice != nil {
		s.Notice = h.cfg.Notice()
	}
	return s
}

// serveStatus describes what GET /v1/list serves.
func (h *Handler) serveStatus(r *Request) *Response {
	s, aerr := h.current(r)
	if aerr != nil {
		return setCORS(errorResponse(aerr))
	}
	res := jsonResponse(r, h.status(s.meta, s.source))
	res.Header["Cache-Control"] = "no-cache"
	return setCORS(res)
}
