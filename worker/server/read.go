package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// listCacheControl lets browsers and CDNs reuse the list for five minutes;
// see the package documentation.
const listCacheControl = "public, max-age=300"

// setCORS opens a public read route to every origin. No credentials are
// allowed, so no origin can make the worker act on a user's behalf.
func setCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, X-List-Version")
}

// preflight answers a CORS preflight for the read methods. Uploads are not
// meant for browsers and get no CORS headers at all.
func (h *Handler) preflight(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	hd.Set("Access-Control-Allow-Headers", "If-None-Match")
	hd.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// serveList sends the current envelope byte for byte, or 304 when the
// client's copy is current. It never parses the payload.
func (h *Handler) serveList(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	setCORS(hd)
	s, aerr := h.current(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	setListHeaders := func(m storage.Meta) {
		hd.Set("ETag", `"`+m.SHA256+`"`)
		hd.Set("Cache-Control", listCacheControl)
		hd.Set("X-List-Version", strconv.FormatInt(m.Version, 10))
	}
	if etagMatches(r.Header.Values("If-None-Match"), `"`+s.meta.SHA256+`"`) {
		setListHeaders(s.meta)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s, envelope, aerr := h.withEnvelope(r, s)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	setListHeaders(s.meta)
	hd.Set("Content-Type", "application/json")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.Itoa(len(envelope)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(envelope)
	}
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

// Status is the JSON body of GET /v1/status and of a successful upload.
type Status struct {
	ID        string `json:"id"`
	Version   int64  `json:"version"`
	IssuedAt  string `json:"issued_at"`
	ExpiresAt string `json:"expires_at"`
	KeyID     string `json:"key_id"`
	SHA256    string `json:"sha256"`
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
	s := Status{
		ID:        m.ID,
		Version:   m.Version,
		IssuedAt:  m.IssuedAt,
		ExpiresAt: m.ExpiresAt,
		KeyID:     m.KeyID,
		SHA256:    m.SHA256,
		Stale:     m.Stale(h.cfg.Now()),
		Source:    source,
	}
	if h.cfg.Notice != nil {
		s.Notice = h.cfg.Notice()
	}
	return s
}

// serveStatus describes what GET /v1/list serves.
func (h *Handler) serveStatus(w http.ResponseWriter, r *http.Request) {
	setCORS(w.Header())
	s, aerr := h.current(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, h.status(s.meta, s.source))
}
