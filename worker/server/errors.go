package server

import (
	"encoding/json"
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
	CodeRateLimited      = "rate_limited"
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

// errorResponse answers e as JSON. Callers add route headers (Allow,
// WWW-Authenticate, CORS) to the result.
func errorResponse(e *apiError) *Response {
	body, _ := json.Marshal(errorBody{Error: e})
	res := newResponse(e.Status)
	res.Header["Content-Type"] = "application/json"
	res.Header["Cache-Control"] = "no-store"
	res.Header["X-Content-Type-Options"] = "nosniff"
	if e.RetryAfter != "" {
		res.Header["Retry-After"] = e.RetryAfter
	}
	res.Body = append(body, '\n')
	return res
}

// jsonResponse answers v as JSON with status 200.
func jsonResponse(r *Request, v any) *Response {
	body, err := json.Marshal(v)
	if err != nil {
		return errorResponse(&apiError{Status: statusInternalServerError, Code: CodeInternal, Message: "encoding the response failed"})
	}
	res := newResponse(statusOK)
	res.Header["X-Content-Type-Options"] = "nosniff"
	res.setBody(r, "application/json", append(body, '\n'))
	return res
}
