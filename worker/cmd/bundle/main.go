// Command bundle prepares the bundled list of the Workers build: it verifies
// the signed default list against the public keys and writes, into -out,
// the envelope (list.signed.json), its metadata (meta.json, so the worker
// never parses the bundled payload to serve it) and the keys (keys.json).
// `make worker` runs it into worker/build/assets/bundled, which wrangler
// uploads as static assets beside the worker (the ASSETS binding): the list
// is not embedded in app.wasm, so its size never counts against the plan's
// limit on the worker.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

func main() {
	listPath := flag.String("list", "build/list/default.signed.json", "signed list to bundle")
	keysPath := flag.String("keys", ".keys/dev.pub.json", "public keys file")
	out := flag.String("out", "worker/build/assets/bundled", "output folder")
	flag.Parse()
	if err := run(*listPath, *keysPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run(listPath, keysPath, out string) error {
	envelope, err := os.ReadFile(listPath)
	if err != nil {
		return err
	}
	keyData, err := os.ReadFile(keysPath)
	if err != nil {
		return err
	}
	keys, err := list.ParsePublicKeys(keyData)
	if err != nil {
		return err
	}
	v, err := storage.Reverify(envelope, keys)
	if err != nil {
		return fmt.Errorf("%s: %v", listPath, err)
	}
	meta, err := json.Marshal(storage.MetaOf(v))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"list.signed.json": envelope,
		"meta.json":        append(meta, '\n'),
		"keys.json":        keyData,
	} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("bundle: %s version %d (%d bytes, key %s) -> %s\n", v.List.ID, v.List.Version, len(envelope), v.KeyID, out)
	return nil
}
