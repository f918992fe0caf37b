package list

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/mailru/easyjson/jlexer"
)

// DefaultMaxSkew is how far in the future a list's issue time may lie before
// Verify refuses it, to absorb clock differences.
const DefaultMaxSkew = 10 * time.Minute

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Now is the current time; zero means time.Now().
	Now time.Time
	// MinVersion is the version of the last good list: a list whose version
	// is not greater is refused as a rollback. Zero accepts any version.
	MinVersion int64
	// AllowSameVersion also accepts a version equal to MinVersion, to reload
	// the stored last good list.
	AllowSameVersion bool
	// MaxSkew is how far past Now the issue time may be; zero means
	// DefaultMaxSkew, a negative value means no allowance at all.
	MaxSkew time.Duration
	// ListID, when set, is the id the list must carry: a list signed by a
	// pinned key for another list (a test list, another publisher's list
	// signed with a shared key) is refused as wrong_list.
	ListID string
	// SHA256, when not empty, is the hex SHA-256 of the envelope as the
	// caller computed it; Verify reports it instead of hashing the envelope
	// itself. A browser hashes natively, while SHA-256 in Go compiled to
	// WebAssembly is slow enough to be a visible part of a service worker's
	// start. It names the envelope; it is not part of the verification.
	SHA256 string
	// VerifiedBefore skips the Ed25519 check (and the hashing it implies)
	// and the validation for an envelope that this caller, running this
	// same code, verified in full before with the same keys, and which it
	// knows to be the same envelope by its SHA-256, recorded where nothing
	// else can write (the extension's session storage, which the browser
	// clears when the extension is updated or the browser closes): the
	// same bytes would pass the same checks again. The envelope must still
	// name a pinned key; it is still decoded, and rollback and the clock
	// are checked as always.
	VerifiedBefore bool
}

// Verified is a list that passed Verify.
type Verified struct {
	// List is the decoded, validated payload.
	List *List
	// Payload is the exact signed payload bytes.
	Payload []byte
	// KeyID names the pinned key whose signature verified.
	KeyID string
	// SHA256 is the hex SHA-256 of the envelope bytes.
	SHA256 string
}

// Verify checks a signed envelope against the pinned keys and returns the
// list it carries. The order matters and follows the security model: the
// size cap first, then the strict envelope decode, then the signature, and
// only then is the payload parsed, validated, checked against the expected
// list id, the stamp rules (CheckStamp: version = issue time, at most
// MaxVersion, validity at most MaxValidity), rollback and the clock. One
// valid signature by a pinned key suffices. An expired list verifies; see
// List.Stale.
//
// Every error is an *Error whose Code the core reports unchanged.
func Verify(envelope []byte, keys map[string]ed25519.PublicKey, opts VerifyOptions) (*Verified, error) {
	if len(envelope) > MaxEnvelopeBytes {
		return nil, &Error{Code: CodeTooLarge, Message: fmt.Sprintf("the envelope is %d bytes, more than the %d-byte limit", len(envelope), MaxEnvelopeBytes)}
	}
	payload, msg, sigs, err := openEnvelope(envelope)
	if err != nil {
		return nil, err
	}
	var keyID string
	if opts.VerifiedBefore {
		keyID, err = pinnedSigner(sigs, keys)
	} else {
		keyID, err = checkSignatures(msg, sigs, keys)
	}
	if err != nil {
		return nil, err
	}
	l, err := Decode(payload)
	if err != nil {
		return nil, newError(CodeBadPayload, "the signed payload is not a list: "+lexerMessage(err))
	}
	if opts.VerifiedBefore {
		// Validated when it was verified in full.
	} else if err := l.Validate(); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return nil, &Error{Code: CodeInvalidList, Message: ve.Reason, Path: ve.Path}
		}
		return nil, newError(CodeInvalidList, err.Error())
	}
	if err := CheckAccepted(l, opts); err != nil {
		return nil, err
	}
	digest := opts.SHA256
	if digest == "" {
		sum := sha256.Sum256(envelope)
		digest = hex.EncodeToString(sum[:])
	}
	return &Verified{List: l, Payload: payload, KeyID: keyID, SHA256: digest}, nil
}

// CheckAccepted makes the checks a list verified before still needs on
// every load, whatever form it comes in (Verify's, after decoding; a
// snapshot of its compiled engine, wasm/core): its id (opts.ListID), its
// stamp, rollback (opts.MinVersion, opts.AllowSameVersion) and its issue
// time against the clock (opts.Now, opts.MaxSkew). The signature, the keys
// and the validation are the caller's.
func CheckAccepted(l *List, opts VerifyOptions) error {
	if opts.ListID != "" && l.ID != opts.ListID {
		return &Error{Code: CodeWrongList, Path: "id", Message: fmt.Sprintf("the list's id is %q, want %q", l.ID, opts.ListID)}
	}
	if e := CheckStamp(l); e != nil {
		return e
	}
	if l.Version < opts.MinVersion || (l.Version == opts.MinVersion && !opts.AllowSameVersion) {
		return newError(CodeRollback, fmt.Sprintf("the list's version %d is not newer than the last good version %d", l.Version, opts.MinVersion))
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	skew := opts.MaxSkew
	if skew == 0 {
		skew = DefaultMaxSkew
	} else if skew < 0 {
		skew = 0
	}
	issued, _ := time.Parse(time.RFC3339, l.IssuedAt) // Validate checked it.
	if issued.After(now.Add(skew)) {
		return newError(CodeNotYetValid, fmt.Sprintf("the list is issued at %s, later than now (%s) by more than %s", l.IssuedAt, now.UTC().Format(time.RFC3339), skew))
	}
	return nil
}

// openEnvelope decodes the envelope strictly and returns the payload bytes,
// the signed message (SignaturePrefix and the payload, sharing the payload's
// memory so that a large list is not copied twice) and the signatures.
func openEnvelope(envelope []byte) (payload, msg []byte, sigs []Signature, err error) {
	var env Envelope
	in := jlexer.Lexer{Data: envelope}
	if in.IsNull() {
		return nil, nil, nil, newError(CodeBadEnvelope, "the envelope is null, want an object with payload and signatures")
	}
	env.UnmarshalEasyJSON(&in)
	in.Consumed()
	if err := in.Error(); err != nil {
		return nil, nil, nil, newError(CodeBadEnvelope, "the envelope is not valid: "+lexerMessage(err))
	}
	if bad := env.checkPayloadForm(); bad != nil {
		return nil, nil, nil, bad
	}
	if len(env.Signatures) == 0 {
		return nil, nil, nil, newError(CodeBadEnvelope, "the envelope has no signatures")
	}
	if len(env.Signatures) > MaxSignatures {
		return nil, nil, nil, newError(CodeBadEnvelope, fmt.Sprintf("the envelope has %d signatures, more than %d", len(env.Signatures), MaxSignatures))
	}
	msg, bad := env.appendPayload([]byte(SignaturePrefix))
	if bad != nil {
		return nil, nil, nil, bad
	}
	for i, s := range env.Signatures {
		if s.KeyID == "" {
			return nil, nil, nil, newError(CodeBadEnvelope, fmt.Sprintf("signature %d has no keyid", i))
		}
		raw, err := base64.StdEncoding.Strict().DecodeString(s.Sig)
		if err != nil {
			return nil, nil, nil, newError(CodeBadEnvelope, fmt.Sprintf("signature %d is not standard base64: %v", i, err))
		}
		if len(raw) != ed25519.SignatureSize {
			return nil, nil, nil, newError(CodeBadEnvelope, fmt.Sprintf("signature %d is %d bytes, want %d", i, len(raw), ed25519.SignatureSize))
		}
	}
	return msg[len(SignaturePrefix):], msg, env.Signatures, nil
}

// maxQuotedKeyID is the most of a key ID an error message quotes; real IDs
// have 16 characters.
const maxQuotedKeyID = 64

// pinnedSigner returns the ID of the first signature's key that is pinned,
// without checking the signature (see VerifyOptions.VerifiedBefore).
func pinnedSigner(sigs []Signature, keys map[string]ed25519.PublicKey) (string, error) {
	for _, s := range sigs {
		if pub, ok := keys[s.KeyID]; ok && len(pub) == ed25519.PublicKeySize {
			return s.KeyID, nil
		}
	}
	return "", newError(CodeUnknownKey, "the list is signed by no pinned key")
}

// checkSignatures returns the ID of the first pinned key with a valid
// signature over msg, the signed message. Signatures were checked to decode.
func checkSignatures(msg []byte, sigs []Signature, keys map[string]ed25519.PublicKey) (string, error) {
	known := false
	for _, s := range sigs {
		pub, ok := keys[s.KeyID]
		if !ok || len(pub) != ed25519.PublicKeySize {
			continue
		}
		known = true
		sig, _ := base64.StdEncoding.Strict().DecodeString(s.Sig)
		if ed25519.Verify(pub, msg, sig) {
			return s.KeyID, nil
		}
	}
	if !known {
		// The IDs come from the untrusted envelope: quote a bounded prefix.
		ids := make([]string, len(sigs))
		for i, s := range sigs {
			ids[i] = s.KeyID
			if len(ids[i]) > maxQuotedKeyID {
				ids[i] = ids[i][:maxQuotedKeyID] + "..."
			}
		}
		return "", newError(CodeUnknownKey, fmt.Sprintf("the list is signed by %q, none of which is a pinned key", ids))
	}
	return "", newError(CodeBadSignature, "no signature by a pinned key verifies: the list was altered or signed with another key")
}

// lexerMessage shortens an easyjson lexer error, whose text can quote a
// large part of the input.
func lexerMessage(err error) string {
	var le *jlexer.LexerError
	if errors.As(err, &le) {
		if le.Reason == "unknown field" && len(le.Data) <= 64 {
			return fmt.Sprintf("unknown field %q at byte %d", le.Data, le.Offset)
		}
		return fmt.Sprintf("%s at byte %d", le.Reason, le.Offset)
	}
	return err.Error()
}
