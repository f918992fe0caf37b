package list

// Error codes of Verify. They are part of the core's JSON API (see
// wasm/core/api.go), so callers pass them through unchanged.
const (
	// CodeTooLarge: the envelope is larger than MaxEnvelopeBytes.
	CodeTooLarge = "too_large"
	// CodeBadEnvelope: the envelope is not the expected JSON document, or a
	// base64 field does not decode.
	CodeBadEnvelope = "bad_envelope"
	// CodeUnknownKey: no signature names a pinned key.
	CodeUnknownKey = "unknown_key"
	// CodeBadSignature: a signature names a pinned key but does not verify.
	CodeBadSignature = "bad_signature"
	// CodeBadPayload: the signed payload is not a JSON list.
	CodeBadPayload = "bad_payload"
	// CodeInvalidList: the payload decodes but breaks a rule of Validate;
	// Path names the offending field.
	CodeInvalidList = "invalid_list"
	// CodeRollback: the list's version is not newer than the last good one.
	CodeRollback = "rollback"
	// CodeNotYetValid: the list claims to be issued in the future.
	CodeNotYetValid = "not_yet_valid"
	// CodeBadVersion: the version is not the issue time in Unix seconds, or
	// is larger than MaxVersion (see CheckStamp).
	CodeBadVersion = "bad_version"
	// CodeBadValidity: the list stays valid for longer than MaxValidity.
	CodeBadValidity = "bad_validity"
	// CodeWrongList: the list's id is not the one the client expects
	// (VerifyOptions.ListID).
	CodeWrongList = "wrong_list"
)

// Error is a verification failure as data: a stable Code, a sentence for
// people, and for CodeInvalidList the JSON path of the offending field.
type Error struct {
	Code    string
	Message string
	Path    string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Path != "" {
		return e.Code + ": " + e.Path + ": " + e.Message
	}
	return e.Code + ": " + e.Message
}

// newError returns an *Error with the given code and message.
func newError(code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// ValidationError is one broken rule of Validate: the JSON path of the
// offending field, such as "partners[3].grants[0].sources[1].url", and why
// it is wrong.
type ValidationError struct {
	Path   string
	Reason string
}

// Error implements the error interface.
func (e *ValidationError) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + ": " + e.Reason
}

// Problem is one broken rule found by Problems; it carries the same
// information as a ValidationError.
type Problem struct {
	Path   string
	Reason string
}

// String formats the problem as "path: reason", the form listctl lint prints.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Reason
	}
	return p.Path + ": " + p.Reason
}
