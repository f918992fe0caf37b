package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// upload handles PUT /v1/list: authorise, read at most Config.MaxBytes
// (list.MaxEnvelopeBytes by default), verify against the pinned keys, the
// served version and the list id (Config.ListID, else the served list's),
// refuse expired lists, then store with a compare-and-swap. Admin routes
// send no CORS headers.
func (h *Handler) upload(r *Request) *Response {
	if h.cfg.AdminLimit != nil && !h.cfg.AdminLimit.Allow(r) {
		return errorResponse(&apiError{Status: statusTooManyRequests, Code: CodeRateLimited, Message: "too many admin requests from this address; retry in a minute", RetryAfter: "60"})
	}
	if err := CheckAdminToken(h.cfg.AdminToken); err != nil {
		return errorResponse(&apiError{Status: statusServiceUnavailable, Code: CodeAdminDisabled, Message: "uploads are disabled: " + err.Error()})
	}
	if !authorised(r.Header.Get("Authorization"), h.cfg.AdminToken) {
		res := errorResponse(&apiError{Status: statusUnauthorized, Code: CodeUnauthorized, Message: "a valid admin token is required: send Authorization: Bearer <token>"})
		res.Header["WWW-Authenticate"] = `Bearer realm="partnerwatch-admin"`
		return res
	}
	if r.ContentLength > h.cfg.MaxBytes {
		return errorResponse(tooLarge(h.cfg.MaxBytes))
	}
	envelope, aerr := readBody(r, h.cfg.MaxBytes)
	if aerr != nil {
		return errorResponse(aerr)
	}
	keys, err := h.pinnedKeys()
	if err != nil {
		h.cfg.Logf("public keys unusable: %v", err)
		return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "this worker's public keys are misconfigured"})
	}
	var minVersion int64
	listID := h.cfg.ListID
	if cur, aerr := h.current(r); aerr == nil {
		minVersion = cur.meta.Version
		if listID == "" {
			listID = cur.meta.ID
		}
	}
	now := h.cfg.Now()
	v, err := list.Verify(envelope, keys, list.VerifyOptions{Now: now, MinVersion: minVersion, ListID: listID})
	if err != nil {
		return errorResponse(verifyError(err))
	}
	if v.List.Stale(now) {
		return errorResponse(&apiError{Status: statusUnprocessableEntity, Code: CodeExpired, Message: fmt.Sprintf("the list expired at %s; sign a fresh one", v.List.ExpiresAt)})
	}
	rec := &storage.Record{Meta: storage.MetaOf(v), Envelope: envelope}
	if err := h.cfg.Store.Put(r.Ctx, rec); err != nil {
		var ce *storage.ConflictError
		switch {
		case errors.As(err, &ce):
			return errorResponse(&apiError{Status: statusConflict, Code: list.CodeRollback, Message: fmt.Sprintf("the list's version %d is not newer than the stored version %d", ce.Version, ce.Current)})
		case errors.Is(err, storage.ErrBusy):
			return errorResponse(&apiError{Status: statusConflict, Code: CodeBusy, Message: "another upload is in progress; retry in a few seconds", RetryAfter: "2"})
		default:
			h.cfg.Logf("storing version %d failed: %v", rec.Meta.Version, err)
			return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "storing the list failed; the previous list is still served"})
		}
	}
	return jsonResponse(r, h.status(rec.Meta, storage.SourceStored))
}

// readBody reads the request body, refusing more than limit bytes while
// reading, so that a body without (or with a false) Content-Length is never
// held whole.
func readBody(r *Request, limit int64) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, &apiError{Status: statusBadRequest, Code: CodeBadRequest, Message: "reading the request body failed"}
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

// MinAdminTokenLength is the shortest admin token the worker accepts: 24
// characters of a random base64 token carry about 144 bits. A shorter token
// disables uploads (on Workers) or stops the native server from starting.
const MinAdminTokenLength = 24

// CheckAdminToken says why token cannot authorise uploads, or returns nil.
func CheckAdminToken(token string) error {
	switch {
	case token == "":
		return errors.New("this worker has no admin token configured")
	case len(token) < MinAdminTokenLength:
		return fmt.Errorf("the admin token is shorter than %d characters; make a longer one (head -c 32 /dev/urandom | base64)", MinAdminTokenLength)
	}
	return nil
}

// tooLarge is the error for a body over the cap.
func tooLarge(limit int64) *apiError {
	return &apiError{Status: statusRequestEntityTooLarge, Code: list.CodeTooLarge, Message: fmt.Sprintf("the list is larger than %d bytes", limit)}
}

// authorised reports whether header carries the bearer token want. It
// compares SHA-256 digests in constant time, so neither the token's content
// nor its length leaks through timing.
func authorised(header, want string) bool {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	exp := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(got[:], exp[:]) == 1
}

// verifyError maps a list.Verify error to a response.
func verifyError(err error) *apiError {
	var le *list.Error
	if !errors.As(err, &le) {
		return &apiError{Status: statusUnprocessableEntity, Code: list.CodeInvalidList, Message: err.Error()}
	}
	e := &apiError{Code: le.Code, Message: le.Message, Path: le.Path}
	switch le.Code {
	case list.CodeTooLarge:
		e.Status = statusRequestEntityTooLarge
	case list.CodeBadEnvelope, list.CodeBadPayload:
		e.Status = statusBadRequest
	case list.CodeRollback:
		e.Status = statusConflict
	default: // invalid_list, bad_signature, unknown_key, not_yet_valid, wrong_list, bad_version, bad_validity
		e.Status = statusUnprocessableEntity
	}
	return e
}
