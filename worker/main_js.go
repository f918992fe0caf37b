package main

import (
	"crypto/ed25519"
	_ "embed"
	"encoding/json"
	"log"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/server"
	"github.com/partnerwatch/partnerwatch/worker/storage"
	"github.com/partnerwatch/partnerwatch/worker/storage/cfstore"
)

// The bundled list, its metadata and the default public keys, written into
// worker/embed by `make worker` (go run ./worker/cmd/bundle).
var (
	//go:embed embed/list.signed.json
	bundledEnvelope []byte
	//go:embed embed/meta.json
	bundledMeta []byte
	//go:embed embed/keys.json
	bundledKeys []byte
)

// maxKVValue is the largest value Workers KV stores (25 MiB); larger
// uploads are refused with 413 before they are verified.
const maxKVValue = 25 << 20

// Bindings and variables, declared in worker/wrangler.jsonc.
const (
	kvBinding = "LISTS"       // KV namespace holding the current record
	dbBinding = "DB"          // D1 database holding the version row
	keysVar   = "PUBLIC_KEYS" // optional: public keys file content, overrides the bundled keys
	tokenVar  = "ADMIN_TOKEN" // secret: the upload token; unset disables uploads
)

// main runs once per request: syumai/workers starts a Go instance for each,
// so it only wires functions together and parses nothing.
func main() {
	h := server.New(server.Config{
		Store:      cfstore.New(kvBinding, dbBinding),
		Bundled:    bundled,
		Keys:       keys,
		MaxBytes:   maxKVValue,
		AdminToken: cloudflare.Getenv(tokenVar),
		Logf:       log.Printf,
	})
	workers.Serve(sendBuffered(h))
}

// bundled returns the embedded list and its metadata.
func bundled() (*storage.Record, error) {
	rec := &storage.Record{Envelope: bundledEnvelope}
	if err := json.Unmarshal(bundledMeta, &rec.Meta); err != nil {
		return nil, err
	}
	return rec, nil
}

// keys returns the pinned public keys: PUBLIC_KEYS when set, else the
// bundled keys.
func keys() (map[string]ed25519.PublicKey, error) {
	if v := cloudflare.Getenv(keysVar); v != "" {
		return list.ParsePublicKeys([]byte(v))
	}
	return list.ParsePublicKeys(bundledKeys)
}
