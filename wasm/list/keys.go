package list

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
)

// MaxKeys caps the number of public keys in a keys file.
const MaxKeys = 64

// ParsePrivateKey reads a private key file and returns the key and its key
// ID. It refuses a file whose id does not match the key, and a key whose
// public half does not match its seed.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, string, error) {
	var f PrivateKeyFile
	if err := decodeTop(data, &f); err != nil {
		return nil, "", fmt.Errorf("private key file: %w", err)
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(f.PrivateKey)
	if err != nil {
		return nil, "", fmt.Errorf("private key file: private_key is not standard base64: %w", err)
	}
	if len(raw) != ed25519.PrivateKeySize {
		return nil, "", fmt.Errorf("private key file: private_key is %d bytes, want %d", len(raw), ed25519.PrivateKeySize)
	}
	priv := ed25519.PrivateKey(raw)
	if !bytes.Equal(ed25519.NewKeyFromSeed(priv.Seed()), priv) {
		return nil, "", errors.New("private key file: private_key is corrupt (its public half does not match its seed)")
	}
	id := KeyID(priv.Public().(ed25519.PublicKey))
	if f.ID != id {
		return nil, "", fmt.Errorf("private key file: id is %q but the key's ID is %q", f.ID, id)
	}
	return priv, id, nil
}

// ParsePublicKeys reads a keys file, one public key object or an array of
// them, and returns the keys by key ID. Every id must match its key, and no
// key may appear twice.
func ParsePublicKeys(data []byte) (map[string]ed25519.PublicKey, error) {
	var files []PublicKeyFile
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		in := jlexer.Lexer{Data: data}
		in.Delim('[')
		for in.Ok() && !in.IsDelim(']') {
			var f PublicKeyFile
			f.UnmarshalEasyJSON(&in)
			files = append(files, f)
			in.WantComma()
			if len(files) > MaxKeys {
				return nil, fmt.Errorf("keys file: more than %d keys", MaxKeys)
			}
		}
		in.Delim(']')
		in.Consumed()
		if err := in.Error(); err != nil {
			return nil, fmt.Errorf("keys file: %w", err)
		}
	} else {
		var f PublicKeyFile
		if err := decodeTop(data, &f); err != nil {
			return nil, fmt.Errorf("keys file: %w", err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, errors.New("keys file: no keys")
	}
	keys := make(map[string]ed25519.PublicKey, len(files))
	for i, f := range files {
		pub, err := parsePublicKey(f)
		if err != nil {
			return nil, fmt.Errorf("keys file: key %d: %w", i, err)
		}
		if _, dup := keys[f.ID]; dup {
			return nil, fmt.Errorf("keys file: key %d: key %s appears twice", i, f.ID)
		}
		keys[f.ID] = pub
	}
	return keys, nil
}

// parsePublicKey checks one public key object and returns the key.
func parsePublicKey(f PublicKeyFile) (ed25519.PublicKey, error) {
	raw, err := base64.StdEncoding.Strict().DecodeString(f.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("public_key is not standard base64: %w", err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public_key is %d bytes, want %d", len(raw), ed25519.PublicKeySize)
	}
	pub := ed25519.PublicKey(raw)
	if id := KeyID(pub); f.ID != id {
		return nil, fmt.Errorf("id is %q but the key's ID is %q", f.ID, id)
	}
	return pub, nil
}

// MarshalPublicKey returns the public key file of pub, ending in a newline.
func MarshalPublicKey(pub ed25519.PublicKey) ([]byte, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key is %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	f := PublicKeyFile{ID: KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}
	return encodeLine(f.MarshalEasyJSON)
}

// MarshalPrivateKey returns the private key file of priv, ending in a
// newline. Keep it offline and readable only by its owner.
func MarshalPrivateKey(priv ed25519.PrivateKey) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("private key is %d bytes, want %d", len(priv), ed25519.PrivateKeySize)
	}
	f := PrivateKeyFile{
		ID:         KeyID(priv.Public().(ed25519.PublicKey)),
		PrivateKey: base64.StdEncoding.EncodeToString(priv),
	}
	return encodeLine(f.MarshalEasyJSON)
}

// decodeTop decodes one top-level JSON value, rejecting trailing bytes.
func decodeTop(data []byte, v interface{ UnmarshalEasyJSON(*jlexer.Lexer) }) error {
	in := jlexer.Lexer{Data: data}
	v.UnmarshalEasyJSON(&in)
	in.Consumed()
	return in.Error()
}

// encodeLine runs an easyjson encoder and appends a newline.
func encodeLine(marshal func(*jwriter.Writer)) ([]byte, error) {
	w := jwriter.Writer{Flags: jwriter.NilSliceAsEmpty}
	marshal(&w)
	w.RawByte('\n')
	return w.BuildBytes()
}
