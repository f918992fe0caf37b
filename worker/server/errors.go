package server

import (
	"encoding/json"
	"net/http"
)

// Error codes the worker adds to those of list.Verify (too_large,
// bad_envelope, unknown_key, bad_signature, bad_payload, invalid_list,
// rollback, not_yet_valid).
const (
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeBadRequest       = "bad_request"
	CodeUnauthorized     = "unauthorized"
	CodeAdminDisabled    = "admin_disabled"
	CodeExpired          = "expired"
	CodeBusy             = "busy"
	CodeNoList           = "no_list"
	CodeUnavailable      = "unavailable"
	CodeInternal         = "internal"
)

// apiError is an error as data, as the worker answers it.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Path    string `json:"path,omitempty"`
	// RetryAfter, when set, is sent as the Retry-After header (seconds).
	RetryAfter string `json:"-"`
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error *apiError `json:"error"`
}

// writeError sends e as JSON. Headers already set on w (Allow,
// WWW-Authenticate, CORS) are kept.
func writeError(w http.ResponseWriter, e *apiError) {
	body, _ := json.Marshal(errorBody{Error: e})
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if e.RetryAfter != "" {
		h.Set("Retry-After", e.RetryAfter)
	}
	w.WriteHeader(e.Status)
	w.Write(append(body, '\n'))
}

// writeJSON sends v as JSON with status 200.
func writeJSON(w http.ResponseWriter, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		writeError(w, &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "encoding the response failed"})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	w.Write(append(body, '\n'))
}
