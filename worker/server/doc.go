// Package server is the list worker's HTTP handler. Its core (Serve) reads a
// small Request and returns a Response, and imports neither net/http nor
// syscall/js; two thin adapters serve it natively as an http.Handler
// (http_other.go, also what the tests drive with httptest) and on
// Cloudflare Workers to workerd's Request objects (fetch_js.go).
//
// Routes:
//
//	GET|HEAD /v1/list   the current signed envelope, byte for byte, with a
//	                    strong ETag (the envelope's SHA-256), conditional
//	                    requests (If-None-Match → 304) and open CORS
//	OPTIONS  /v1/list   CORS preflight for GET and HEAD
//	GET      /v1/status what is served: id, version, times, key, sha256,
//	                    stale, source ("stored" or "bundled")
//	PUT      /v1/list   admin upload: bearer token, size cap, signature and
//	                    rollback checks, atomic compare-and-swap in the store
//	GET      /          a readable page of the list's partners and grants,
//	                    searchable with ?q= (no JavaScript)
//
// Every error is JSON: {"error":{"code":"...","message":"...","path":"..."}}.
//
// The worker is an untrusted mirror in PartnerWatch's security model: it
// holds public keys only, checks uploads so that operators get clear errors
// early, and clients verify the list again anyway. Work is lazy: GET
// /v1/list serves the stored bytes and the metadata stored beside them and
// never parses the payload; keys are parsed only by routes that verify; the
// page parses the served list once per version.
//
// Caching: GET /v1/list sends "Cache-Control: public, max-age=300". Lists
// change rarely (daily at most) and clients revalidate cheaply with
// If-None-Match, so five minutes bounds how long a CDN or browser cache may
// serve the previous list after an upload, and the KV propagation window on
// Workers (up to 60 s) fits well inside it.
package server
