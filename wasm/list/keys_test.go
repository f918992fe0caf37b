package list

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

// must returns b, panicking on err.
func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// b64 is standard base64.
func b64(b []byte) string {
	return base64.StdEncoding.EncodeToString(b)
}

func TestKeyFilesRoundTrip(t *testing.T) {
	pub, priv := testKey(7)
	privFile, err := MarshalPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	gotPriv, id, err := ParsePrivateKey(privFile)
	if err != nil {
		t.Fatalf("ParsePrivateKey: %v", err)
	}
	if !bytes.Equal(gotPriv, priv) || id != KeyID(pub) {
		t.Errorf("ParsePrivateKey = %x %q, want the key and %q", gotPriv, id, KeyID(pub))
	}
	pubFile, err := MarshalPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ParsePublicKeys(pubFile)
	if err != nil {
		t.Fatalf("ParsePublicKeys(one object): %v", err)
	}
	if len(keys) != 1 || !bytes.Equal(keys[KeyID(pub)], pub) {
		t.Errorf("ParsePublicKeys(one object) = %v", keys)
	}
	pub2, _ := testKey(8)
	pubFile2, _ := MarshalPublicKey(pub2)
	array := "[" + strings.TrimSpace(string(pubFile)) + ",\n " + strings.TrimSpace(string(pubFile2)) + "]\n"
	keys, err = ParsePublicKeys([]byte(array))
	if err != nil {
		t.Fatalf("ParsePublicKeys(array): %v", err)
	}
	if len(keys) != 2 || !bytes.Equal(keys[KeyID(pub2)], pub2) {
		t.Errorf("ParsePublicKeys(array) = %v", keys)
	}
}

func TestParsePublicKeysRejects(t *testing.T) {
	pub, priv7 := testKey(7)
	good := strings.TrimSpace(string(must(MarshalPublicKey(pub))))
	id := KeyID(pub)
	tests := []struct {
		name, input, want string
	}{
		{"empty", ``, "keys file"},
		{"empty array", `[]`, "no keys"},
		{"duplicate", "[" + good + "," + good + "]", "twice"},
		{"id mismatch", strings.Replace(good, id, "0123456789abcdef", 1), "key's ID"},
		{"not base64", `{"id":"` + id + `","public_key":"***"}`, "base64"},
		{"short key", `{"id":"` + id + `","public_key":"AAAA"}`, "3 bytes"},
		{"unknown field", strings.Replace(good, `{"id"`, `{"comment":"x","id"`, 1), "unknown field"},
		{"trailing garbage", good + "x", "keys file"},
		{"array trailing garbage", "[" + good + "]]", "keys file"},
		{"private key file", string(must(MarshalPrivateKey(priv7))), "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePublicKeys([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePublicKeys(%q) error = %v, want it to mention %q", tt.input, err, tt.want)
			}
		})
	}
}

func TestParsePrivateKeyRejects(t *testing.T) {
	pub, priv := testKey(7)
	good := strings.TrimSpace(string(must(MarshalPrivateKey(priv))))
	corrupt := bytes.Clone(priv)
	corrupt[40] ^= 1
	corruptFile := `{"id":"` + KeyID(pub) + `","private_key":"` + b64(corrupt) + `"}`
	tests := []struct {
		name, input, want string
	}{
		{"public key file", string(must(MarshalPublicKey(pub))), "unknown field"},
		{"id mismatch", strings.Replace(good, KeyID(pub), "0123456789abcdef", 1), "key's ID"},
		{"seed only", `{"id":"` + KeyID(pub) + `","private_key":"` + b64(priv.Seed()) + `"}`, "32 bytes, want 64"},
		{"corrupt public half", corruptFile, "corrupt"},
		{"not JSON", "-----BEGIN PRIVATE KEY-----", "private key file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParsePrivateKey([]byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePrivateKey error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}
