package core

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// LoadList verifies a signed list (LoadRequest JSON) and, when it verifies
// and compiles, makes it the loaded list and answers with its ListInfo. On
// any error the last good list stays loaded. A request larger than the
// largest envelope list.Verify takes (with room for JSON escaping) is
// too_large; Report and Inspect cap their input at detect.MaxObservation.
func (c *Core) LoadList(req []byte) []byte { return c.LoadListYielding(req, func() {}) }

// LoadListYielding is LoadList calling yield between its steps (after the
// request is decoded, after the list is verified, before its rules are
// compiled), so that a caller on a single thread can let other work run
// meanwhile: the service worker answers a content script's hello while its
// first list loads. Other calls made during a yield see the last good list.
func (c *Core) LoadListYielding(req []byte, yield func()) []byte {
	return c.LoadListEnvelope(req, nil, yield)
}

// LoadListEnvelope is LoadListYielding with the envelope's bytes given
// beside the request, whose envelope field must then be empty; nil means
// the envelope is in the request. Inside WebAssembly, decoding a request
// that carries a 400 KB envelope as a JSON string (each of its quotes
// escaped once more) took 20–30 ms of a cold start's list load; bytes
// are copied as they are. With LoadRequest.Snapshot the bytes beside are
// a snapshot of the list instead (snapshot.go), which must be given.
func (c *Core) LoadListEnvelope(req, envelope []byte, yield func()) []byte {
	// Loading a list allocates a burst of short-lived memory. Inside
	// WebAssembly the collector runs on the only thread, and collecting
	// during the burst made a service worker's first load ~1.7x slower in
	// CPU time; a laxer target for its duration costs ~3 MB of peak memory
	// on the default list (BENCHMARKS.md).
	defer debug.SetGCPercent(debug.SetGCPercent(loadGCPercent))
	return guard(func() *Response {
		var r LoadRequest
		if bad := decode("load request", req, maxLoadRequest, &r); bad != nil {
			return bad
		}
		switch {
		case r.Snapshot && envelope == nil:
			return &Response{Error: &Error{Code: CodeBadRequest, Message: "a snapshot goes beside the request, as bytes", Path: "snapshot"}}
		case envelope == nil:
			envelope = []byte(r.Envelope)
		case r.Envelope != "":
			return &Response{Error: &Error{Code: CodeBadRequest, Message: "the envelope is given twice, in the request and beside it", Path: "envelope"}}
		}
		if len(envelope) == 0 {
			return &Response{Error: &Error{Code: CodeBadRequest, Message: "the load request has no envelope", Path: "envelope"}}
		}
		if bad := r.Validate(); bad != nil {
			return &Response{Error: bad}
		}
		keys, bad := r.keys()
		if bad != nil {
			return &Response{Error: bad}
		}
		now := c.now()
		if r.Now != "" {
			now, _ = time.Parse(time.RFC3339, r.Now) // Validate checked it.
		}
		opts := list.VerifyOptions{
			Now: now, MinVersion: r.MinVersion, AllowSameVersion: r.AllowSameVersion, ListID: r.ListID,
			SHA256: r.SHA256, VerifiedBefore: r.VerifiedBefore,
		}
		// A turn before the work, as between its steps: a content script's
		// hello waiting in a restarted worker's queue is answered first,
		// and the page is collected meanwhile.
		yield()
		if r.Snapshot {
			return c.loadSnapshot(envelope, keys, opts)
		}
		v, err := list.Verify(envelope, keys, opts)
		if err != nil {
			return listFailure(err)
		}
		yield()
		e, err := detect.Compile(v.List)
		if err != nil {
			return fail(list.CodeInvalidList, err.Error())
		}
		info := newListInfo(e, now)
		info.KeyID, info.SHA256 = v.KeyID, v.SHA256
		if r.Extra {
			if bad := c.withExtra(r.ListID, e); bad != nil {
				return &Response{Error: bad}
			}
		} else {
			c.withEngine(e, info)
		}
		return &Response{OK: true, List: &info}
	})
}

// listFailure is the answer to a list that failed verification: list's
// code, message and path passed through.
func listFailure(err error) *Response {
	var le *list.Error
	if errors.As(err, &le) {
		return &Response{Error: &Error{Code: le.Code, Message: le.Message, Path: le.Path}}
	}
	return fail(CodeBadRequest, err.Error())
}

// loadGCPercent is the collector's target while a list loads (the default
// is 100).
const loadGCPercent = 400

// Validate checks a decoded LoadRequest (easyjson does not validate) but
// its envelope, which may come beside it (LoadListEnvelope).
func (r *LoadRequest) Validate() *Error {
	switch {
	case len(r.Keys) == 0:
		return &Error{Code: CodeBadRequest, Message: "the load request pins no keys", Path: "keys"}
	case len(r.Keys) > list.MaxKeys:
		return &Error{Code: CodeBadRequest, Message: "the load request pins " + strconv.Itoa(len(r.Keys)) + " keys, more than " + strconv.Itoa(list.MaxKeys), Path: "keys"}
	case r.MinVersion < 0:
		return &Error{Code: CodeBadRequest, Message: "min_version is negative", Path: "min_version"}
	case r.MinVersion > list.MaxVersion:
		return &Error{Code: CodeBadRequest, Message: "min_version is larger than 2^53-1", Path: "min_version"}
	case len(r.ListID) > 64:
		return &Error{Code: CodeBadRequest, Message: "list_id is longer than 64 bytes", Path: "list_id"}
	case r.Extra && r.ListID == "":
		return &Error{Code: CodeBadRequest, Message: "a grants list (extra) needs the list_id it must carry", Path: "list_id"}
	case r.SHA256 != "" && !isHexDigest(r.SHA256):
		return &Error{Code: CodeBadRequest, Message: "sha256 is not 64 lowercase hex digits", Path: "sha256"}
	case r.VerifiedBefore && r.SHA256 == "":
		return &Error{Code: CodeBadRequest, Message: "verified_before needs the envelope's sha256", Path: "verified_before"}
	case r.Snapshot && !r.VerifiedBefore:
		return &Error{Code: CodeBadRequest, Message: "a snapshot loads only a list verified before (verified_before)", Path: "snapshot"}
	case r.Snapshot && r.Extra:
		return &Error{Code: CodeBadRequest, Message: "a snapshot holds the detection list, not a grants list (extra)", Path: "snapshot"}
	}
	if r.Now != "" {
		if _, err := time.Parse(time.RFC3339, r.Now); err != nil {
			return &Error{Code: CodeBadRequest, Message: "now is not an RFC 3339 time: " + strconv.Quote(r.Now), Path: "now"}
		}
	}
	return nil
}

// keys decodes the pinned keys.
func (r *LoadRequest) keys() (map[string]ed25519.PublicKey, *Error) {
	keys := make(map[string]ed25519.PublicKey, len(r.Keys))
	for i, k := range r.Keys {
		path := "keys[" + strconv.Itoa(i) + "]"
		raw, err := base64.StdEncoding.Strict().DecodeString(k.PublicKey)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, &Error{Code: CodeBadRequest, Message: "public_key is not a standard base64 Ed25519 public key (32 bytes)", Path: path + ".public_key"}
		}
		pub := ed25519.PublicKey(raw)
		if id := list.KeyID(pub); k.ID != id {
			return nil, &Error{Code: CodeBadRequest, Message: "id is " + strconv.Quote(k.ID) + " but the key's ID is " + strconv.Quote(id), Path: path + ".id"}
		}
		keys[k.ID] = pub
	}
	return keys, nil
}

// isHexDigest reports whether s is a SHA-256 digest in lowercase hex.
func isHexDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
