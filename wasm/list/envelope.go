package list

//go:generate go run github.com/mailru/easyjson/easyjson -all -disallow_unknown_fields envelope.go

// MaxEnvelopeBytes caps the size of a signed envelope. Verify checks it
// before looking at a single byte, so an oversized download costs nothing
// but the download. 32 MiB holds a realistic 10,000-partner list (about
// 1.3 kB of payload per partner with two sourced grants, plus a third for
// base64) with room to spare.
const MaxEnvelopeBytes = 32 << 20

// MaxSignatures caps the number of signatures Verify looks at, so that an
// envelope cannot make a client run many signature checks.
const MaxSignatures = 16

// SignaturePrefix separates PartnerWatch list signatures from every other
// use of the same key: the signed message is SignaturePrefix followed by the
// exact payload bytes.
const SignaturePrefix = "PartnerWatch-list-v1\n"

// Envelope is the signed document as it travels:
//
//	{"payload":"<standard base64 of the payload bytes>",
//	 "signatures":[{"keyid":"<key ID>","sig":"<standard base64 Ed25519 signature>"}]}
//
// Its decoder rejects unknown fields; Verify also rejects a missing payload
// or an empty signature list.
type Envelope struct {
	Payload    string      `json:"payload"`
	Signatures []Signature `json:"signatures"`
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
