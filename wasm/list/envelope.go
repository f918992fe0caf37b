package list

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all -disallow_unknown_fields envelope.go

import (
	"encoding/base64"
	"slices"
	"unicode/utf8"

	"github.com/mailru/easyjson/jlexer"
)

// MaxEnvelopeBytes caps the size of a signed envelope. Verify checks it
// before looking at a single byte, and the extension while downloading, so
// an oversized download costs nothing but the download. It is sized from
// the default list: its partners average 1.7 kB of payload (median 1.2 kB),
// its providers, permissions and cues 0.1 MB, so 10,000 partners make a
// 17 MB payload: about 19 MB as payload_json (quotes escaped) and 23 MB in
// the older base64 form. 24 MiB holds either and stays under Workers KV's
// 25 MiB value limit.
const MaxEnvelopeBytes = 24 << 20

// MaxSignatures caps the number of signatures Verify looks at, so that an
// envelope cannot make a client run many signature checks.
const MaxSignatures = 16

// SignaturePrefix separates PartnerWatch list signatures from every other
// use of the same key: the signed message is SignaturePrefix followed by the
// exact payload bytes.
const SignaturePrefix = "PartnerWatch-list-v1\n"

// Envelope is the signed document as it travels:
//
//	{"payload_json":"<the payload bytes, as a JSON string>",
//	 "signatures":[{"keyid":"<key ID>","sig":"<standard base64 Ed25519 signature>"}]}
//
// The payload is the list's JSON text, carried as a string: its bytes are
// the string's UTF-8, and must be valid UTF-8. Lists signed before this
// form carry it as standard base64 in "payload" instead; Verify reads both
// (a signature covers the payload bytes, not their carriage, so the same
// signatures verify either form) and Sign writes payload_json, which
// compresses as the JSON it is: the default list's envelope is 45 KB
// gzipped instead of 79 KB in base64 (BENCHMARKS.md).
//
// Its decoder rejects unknown fields; Verify also rejects an envelope with
// both payload fields or neither, and an empty signature list.
type Envelope struct {
	Payload     string      `json:"payload,omitempty"`
	PayloadJSON string      `json:"payload_json,omitempty"`
	Signatures  []Signature `json:"signatures"`
}

// Signature is one detached Ed25519 signature by the key named KeyID (see
// KeyID).
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"`
}

// signedMessage returns the bytes a signature covers: SignaturePrefix and
// the payload.
func signedMessage(payload []byte) []byte {
	msg := make([]byte, 0, len(SignaturePrefix)+len(payload))
	msg = append(msg, SignaturePrefix...)
	return append(msg, payload...)
}

// UnverifiedPayload returns the payload bytes of data when data decodes as
// an envelope with exactly one payload field that decodes (base64, or
// valid UTF-8 in payload_json). It checks no signature: it is for tools
// that inspect a list (listctl lint, widgetscan), never for trusting one.
func UnverifiedPayload(data []byte) ([]byte, bool) {
	var env Envelope
	in := jlexer.Lexer{Data: data}
	env.UnmarshalEasyJSON(&in)
	in.Consumed()
	if in.Error() != nil || env.checkPayloadForm() != nil {
		return nil, false
	}
	payload, bad := env.appendPayload(nil)
	return payload, bad == nil
}

// checkPayloadForm says what is wrong with how the envelope carries its
// payload: in neither field, in both, or in payload_json that is not
// UTF-8; nil when nothing is.
func (env *Envelope) checkPayloadForm() *Error {
	switch {
	case env.Payload == "" && env.PayloadJSON == "":
		return newError(CodeBadEnvelope, "the envelope has no payload")
	case env.Payload != "" && env.PayloadJSON != "":
		return newError(CodeBadEnvelope, "the envelope has both payload and payload_json, want one")
	case env.PayloadJSON != "" && !utf8.ValidString(env.PayloadJSON):
		return newError(CodeBadEnvelope, "payload_json is not valid UTF-8")
	}
	return nil
}

// appendPayload appends the payload bytes to dst, copied from payload_json
// or decoded from payload's base64, and returns the extended slice. The
// caller checked the form (checkPayloadForm); dst's spare capacity is used
// when it holds the payload.
func (env *Envelope) appendPayload(dst []byte) ([]byte, *Error) {
	if env.PayloadJSON != "" {
		return append(slices.Grow(dst, len(env.PayloadJSON)), env.PayloadJSON...), nil
	}
	at := len(dst)
	dst = slices.Grow(dst, base64.StdEncoding.DecodedLen(len(env.Payload)))
	n, err := base64.StdEncoding.Strict().Decode(dst[at:cap(dst)], []byte(env.Payload))
	if err != nil {
		return nil, newError(CodeBadEnvelope, "the payload is not standard base64: "+err.Error())
	}
	return dst[:at+n], nil
}
