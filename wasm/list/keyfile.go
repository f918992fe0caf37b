package list

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all -disallow_unknown_fields keyfile.go

// PrivateKeyFile is the JSON form of a signing key, kept offline:
// {"id":"<key ID>","private_key":"<standard base64 of the 64-byte Ed25519 private key>"}.
type PrivateKeyFile struct {
	ID         string `json:"id"`
	PrivateKey string `json:"private_key"`
}

// PublicKeyFile is the JSON form of a public key that clients pin:
// {"id":"<key ID>","public_key":"<standard base64 of the 32-byte key>"}.
// A keys file holds one such object or an array of them.
type PublicKeyFile struct {
	ID        string `json:"id"`
	PublicKey string `json:"public_key"`
}
