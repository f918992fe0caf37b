package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// upload handles PUT /v1/list: authorise, read at most Config.MaxBytes
// (list.MaxEnvelopeBytes by default), verify against the pinned keys and the served
// version, refuse expired lists, then store with a compare-and-swap. Admin
// routes send no CORS headers.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request) {
	if h.cfg.AdminToken == "" {
		writeError(w, &apiError{Status: http.StatusServiceUnavailable, Code: CodeAdminDisabled, Message: "uploads are disabled: this worker has no admin token configured"})
		return
	}
	if !authorised(r.Header.Get("Authorization"), h.cfg.AdminToken) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="partnerwatch-admin"`)
		writeError(w, &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Message: "a valid admin token is required: send Authorization: Bearer <token>"})
		return
	}
	if r.ContentLength > h.cfg.MaxBytes {
		writeError(w, tooLarge(h.cfg.MaxBytes))
		return
	}
	envelope, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, tooLarge(h.cfg.MaxBytes))
			return
		}
		writeError(w, &apiError{Status: http.StatusBadRequest, Code: CodeBadRequest, Message: "reading the request body failed"})
		return
	}
	keys, err := h.pinnedKeys()
	if err != nil {
		h.cfg.Logf("public keys unusable: %v", err)
		writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "this worker's public keys are misconfigured"})
		return
	}
	var minVersion int64
	if cur, aerr := h.current(r); aerr == nil {
		minVersion = cur.meta.Version
	}
	now := h.cfg.Now()
	v, err := list.Verify(envelope, keys, list.VerifyOptions{Now: now, MinVersion: minVersion})
	if err != nil {
		writeError(w, verifyError(err))
		return
	}
	if v.List.Stale(now) {
		writeError(w, &apiError{Status: http.StatusUnprocessableEntity, Code: CodeExpired, Message: fmt.Sprintf("the list expired at %s; sign a fresh one", v.List.ExpiresAt)})
		return
	}
	rec := &storage.Record{Meta: storage.MetaOf(v), Envelope: envelope}
	if err := h.cfg.Store.Put(r.Context(), rec); err != nil {
		var ce *storage.ConflictError
		switch {
		case errors.As(err, &ce):
			writeError(w, &apiError{Status: http.StatusConflict, Code: list.CodeRollback, Message: fmt.Sprintf("the list's version %d is not newer than the stored version %d", ce.Version, ce.Current)})
		case errors.Is(err, storage.ErrBusy):
			writeError(w, &apiError{Status: http.StatusConflict, Code: CodeBusy, Message: "another upload is in progress; retry in a few seconds", RetryAfter: "2"})
		default:
			h.cfg.Logf("storing version %d failed: %v", rec.Meta.Version, err)
			writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "storing the list failed; the previous list is still served"})
		}
		return
	}
	writeJSON(w, h.status(rec.Meta, storage.SourceStored))
}

// tooLarge is the error for a body over the cap.
func tooLarge(limit int64) *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: list.CodeTooLarge, Message: fmt.Sprintf("the list is larger than %d bytes", limit)}
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
		return &apiError{Status: http.StatusUnprocessableEntity, Code: list.CodeInvalidList, Message: err.Error()}
	}
	e := &apiError{Code: le.Code, Message: le.Message, Path: le.Path}
	switch le.Code {
	case list.CodeTooLarge:
		e.Status = http.StatusRequestEntityTooLarge
	case list.CodeBadEnvelope, list.CodeBadPayload:
		e.Status = http.StatusBadRequest
	case list.CodeRollback:
		e.Status = http.StatusConflict
	default: // invalid_list, bad_signature, unknown_key, not_yet_valid
		e.Status = http.StatusUnprocessableEntity
	}
	return e
}
