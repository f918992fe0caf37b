package server

import (
	"context"
	"crypto/ed25519"
	"errors"
	"sync"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// Config is what a Handler serves from. Everything expensive is a function
// so that it runs only when a route needs it.
type Config struct {
	// Store holds uploaded lists.
	Store storage.Store
	// Bundled returns the list built into the worker, served while Store is
	// empty or unreachable. Nil means there is none. A successful result is
	// kept; a failure is tried again by the next request.
	Bundled func() (*storage.Record, error)
	// Keys returns the pinned public keys that may sign lists; only uploads
	// and the partner page call it. A successful result is kept.
	Keys func() (map[string]ed25519.PublicKey, error)
	// MaxBytes caps uploads below list.MaxEnvelopeBytes when the store
	// cannot hold that much (Workers KV values stop at 25 MiB); zero means
	// list.MaxEnvelopeBytes.
	MaxBytes int64
	// ListID is the id every upload must carry (list.VerifyOptions.ListID):
	// a list signed by a pinned key for another list (a test list, another
	// publisher's list signed with a shared key) is refused as wrong_list.
	// Empty means the id of the list this worker serves (the stored list,
	// else the bundled one); only a worker with no list at all accepts any
	// id. Setting it is how a list is renamed (SECURITY.md, "Recovering
	// from a signing mistake").
	ListID string
	// AdminToken is the bearer token that authorises uploads; empty
	// disables them.
	AdminToken string
	// AdminLimit, when not nil, rate-limits admin requests (429).
	AdminLimit Limiter
	// Notice, when not nil, returns a sentence /v1/status reports, such as
	// why the stored list was ignored at start-up.
	Notice func() string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Logf, when not nil, logs problems the client is not told about in
	// detail (store failures). It never receives the admin token.
	Logf func(format string, args ...any)
}

// Handler is the list worker's request handler. It is an http.Handler
// natively (http_other.go) and answers JavaScript Requests on Workers
// (fetch_js.go).
type Handler struct {
	cfg Config

	// mu guards the two values below, kept once read: on Workers they
	// live as long as the isolate. A failure is not kept, so that the next
	// request tries again (an asset fetch can fail for a moment).
	mu      sync.Mutex
	bundled *storage.Record
	keys    map[string]ed25519.PublicKey

	page pageCache
}

// New returns a Handler for cfg. It does no work: nothing is read or parsed
// until a request needs it.
func New(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxBytes <= 0 || cfg.MaxBytes > list.MaxEnvelopeBytes {
		cfg.MaxBytes = list.MaxEnvelopeBytes
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Handler{cfg: cfg}
}

// Allowed methods per route, as sent in the Allow header of a 405.
const (
	allowList   = "GET, HEAD, OPTIONS, PUT"
	allowStatus = "GET, HEAD, OPTIONS"
	allowPage   = "GET, HEAD"
)

// Serve answers one request. It is the handler's only entry point: the
// net/http adapter (ServeHTTP) and the Workers bridge (ServeJS) both call it.
func (h *Handler) Serve(r *Request) *Response {
	var read, put, preflight func(*Request) *Response
	var allow string
	switch r.Path {
	case "/v1/list":
		read, put, preflight, allow = h.serveList, h.upload, h.preflight, allowList
	case "/v1/status":
		read, preflight, allow = h.serveStatus, h.preflight, allowStatus
	case "/":
		read, allow = h.servePage, allowPage
	default:
		return errorResponse(&apiError{Status: statusNotFound, Code: CodeNotFound, Message: "no route " + r.Path + "; try GET /v1/list, GET /v1/status or GET /"})
	}
	switch {
	case r.Method == methodGet || r.Method == methodHead:
		return read(r)
	case r.Method == methodPut && put != nil:
		return put(r)
	case r.Method == methodOptions && preflight != nil:
		return preflight(r)
	}
	res := errorResponse(&apiError{Status: statusMethodNotAllowed, Code: CodeMethodNotAllowed, Message: r.Method + " is not allowed on " + r.Path + "; allowed: " + allow})
	res.Header["Allow"] = allow
	return res
}

// served is what the read routes send: the metadata at once, the envelope
// only on demand.
type served struct {
	meta   storage.Meta
	source string
	// envelope returns the envelope meta describes: as bytes, or, when
	// passOn is true and the store can, as a value only the platform's
	// adapter reads (storage.BodyStore).
	envelope func(ctx context.Context, passOn bool) (storage.Body, error)
}

// current returns what to serve: the stored list, or the bundled one when
// the store is empty or unreachable. It reads metadata only.
func (h *Handler) current(r *Request) (*served, *apiError) {
	meta, err := h.cfg.Store.Head(r.Ctx)
	if err == nil {
		return &served{meta: meta, source: storage.SourceStored, envelope: func(ctx context.Context, passOn bool) (storage.Body, error) {
			if bs, ok := h.cfg.Store.(storage.BodyStore); ok && passOn {
				return bs.EnvelopeBody(ctx, meta)
			}
			b, err := h.cfg.Store.Envelope(ctx, meta)
			return storage.Body{Bytes: b, Size: len(b)}, err
		}}, nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		h.cfg.Logf("store unreadable, serving the bundled list: %v", err)
	}
	b, berr := h.bundledRecord()
	if berr != nil {
		h.cfg.Logf("bundled list unusable: %v", berr)
	}
	if b == nil {
		return nil, &apiError{Status: statusServiceUnavailable, Code: CodeNoList, Message: "this worker has no list to serve yet"}
	}
	return &served{meta: b.Meta, source: storage.SourceBundled, envelope: func(context.Context, bool) (storage.Body, error) {
		return storage.Body{Bytes: b.Envelope, Size: len(b.Envelope)}, nil
	}}, nil
}

// withEnvelope returns s's envelope. When an upload replaced the record
// between reading its metadata and its envelope, it starts over, twice at
// most, and returns the record it finally read.
func (h *Handler) withEnvelope(r *Request, s *served, passOn bool) (*served, storage.Body, *apiError) {
	for attempt := 0; ; attempt++ {
		env, err := s.envelope(r.Ctx, passOn)
		if err == nil {
			return s, env, nil
		}
		if attempt == 2 {
			h.cfg.Logf("reading the envelope of version %d failed: %v", s.meta.Version, err)
			return nil, storage.Body{}, &apiError{Status: statusServiceUnavailable, Code: CodeUnavailable, Message: "the list is briefly unavailable; retry in a few seconds", RetryAfter: "5"}
		}
		var aerr *apiError
		if s, aerr = h.current(r); aerr != nil {
			return nil, storage.Body{}, aerr
		}
	}
}

// bundledRecord returns the bundled record, read once.
func (h *Handler) bundledRecord() (*storage.Record, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.bundled != nil || h.cfg.Bundled == nil {
		return h.bundled, nil
	}
	b, err := h.cfg.Bundled()
	if err != nil {
		return nil, err
	}
	h.bundled = b
	return b, nil
}

// pinnedKeys returns the public keys, parsed once.
func (h *Handler) pinnedKeys() (map[string]ed25519.PublicKey, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.keys != nil {
		return h.keys, nil
	}
	if h.cfg.Keys == nil {
		return nil, errors.New("no public keys configured")
	}
	keys, err := h.cfg.Keys()
	if err != nil {
		return nil, err
	}
	h.keys = keys
	return keys, nil
}
