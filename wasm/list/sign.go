package list

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/mailru/easyjson/jwriter"
)

// Sign wraps payload in an envelope signed by priv. It signs the bytes as
// they are: callers validate the list before (listctl sign does).
func Sign(payload []byte, priv ed25519.PrivateKey) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("list: private key is %d bytes, want %d", len(priv), ed25519.PrivateKeySize)
	}
	if len(payload) == 0 {
		return nil, errors.New("list: empty payload")
	}
	if !utf8.Valid(payload) {
		return nil, errors.New("list: the payload is not valid UTF-8")
	}
	pub := priv.Public().(ed25519.PublicKey)
	sig := ed25519.Sign(priv, signedMessage(payload))
	env := Envelope{
		PayloadJSON: string(payload),
		Signatures: []Signature{{
			KeyID: KeyID(pub),
			Sig:   base64.StdEncoding.EncodeToString(sig),
		}},
	}
	w := jwriter.Writer{Flags: jwriter.NilSliceAsEmpty}
	env.MarshalEasyJSON(&w)
	out, err := w.BuildBytes()
	if err != nil {
		return nil, fmt.Errorf("list: encoding envelope: %w", err)
	}
	if len(out) > MaxEnvelopeBytes {
		return nil, fmt.Errorf("list: envelope would be %d bytes, more than the %d-byte limit", len(out), MaxEnvelopeBytes)
	}
	return out, nil
}
