package list

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all -disallow_unknown_fields envelope.go

// MaxEnvelopeBytes caps the size of a signed envelope. Verify checks it
// before looking at a single byte, and the extension while downloading, so
// an oversized download costs nothing but the download. It is sized from
// the default list: its partners average 1.7 kB of payload (median 1.2 kB),
// its providers, permissions and cues 0.1 MB, so 10,000 partners make a
// 17 MB payload and a 23 MB base64 envelope. 24 MiB holds that and stays
// under Workers KV's 25 MiB value limit.
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
