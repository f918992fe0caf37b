package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"log"
	"strconv"
	"syscall/js"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/cfjs"
	"github.com/partnerwatch/partnerwatch/worker/server"
	"github.com/partnerwatch/partnerwatch/worker/storage"
	"github.com/partnerwatch/partnerwatch/worker/storage/cfstore"
)

// maxKVValue is the largest value Workers KV stores (25 MiB); larger
// uploads are refused with 413 before they are verified.
const maxKVValue = 25 << 20

// Bindings and variables, declared in worker/wrangler.jsonc.
const (
	kvBinding     = "LISTS"       // KV namespace holding the current record
	dbBinding     = "DB"          // D1 database holding the version row
	assetsBinding = "ASSETS"      // static assets: the bundled list, its metadata and keys
	keysVar       = "PUBLIC_KEYS" // optional: public keys file content, overrides the bundled keys
	tokenVar      = "ADMIN_TOKEN" // secret: the upload token; unset disables uploads
	graceVar      = "ENVELOPE_GRACE_SECONDS"
)

// The bundled list, its metadata and the default public keys: static assets
// written into worker/build/assets/bundled by `make worker` (go run
// ./worker/cmd/bundle), read through the ASSETS binding only when a route
// needs them. They are not embedded: the binary stays the same size
// whatever the list's, and a bigger list never pushes it over the plan's
// limit.
const (
	bundledList = "/bundled/list.signed.json"
	bundledMeta = "/bundled/meta.json"
	bundledKeys = "/bundled/keys.json"
)

//go:wasmimport workers ready
func ready()

// main runs once per request: syumai/workers' glue starts a Go instance for
// each, so it only wires functions together and parses nothing. The
// instance exits once its one response (or scheduled run) is done.
func main() {
	store := cfstore.New(kvBinding, dbBinding)
	store.Logf = log.Printf
	if s, err := strconv.Atoi(cfjs.Getenv(graceVar)); err == nil && s >= 0 {
		store.Grace = time.Duration(s) * time.Second
	}
	h := server.New(server.Config{
		Store:      store,
		Bundled:    bundled,
		Keys:       keys,
		MaxBytes:   maxKVValue,
		AdminToken: cfjs.Getenv(tokenVar),
		Logf:       log.Printf,
	})
	finished := make(chan struct{})
	done := func() { close(finished) }
	binding := cfjs.Binding()
	binding.Set("handleRequest", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return h.ServeJS(args[0], done)
	}))
	// The cron trigger (wrangler.jsonc "triggers") collects superseded
	// envelopes when no upload follows the last one.
	binding.Set("runScheduler", js.FuncOf(func(js.Value, []js.Value) any {
		return js.Global().Get("Promise").New(js.FuncOf(func(_ js.Value, args []js.Value) any {
			go func() {
				cfjs.Yield()
				defer done()
				if err := store.Collect(context.Background()); err != nil {
					log.Printf("collecting old envelopes: %v", err)
				}
				args[0].Invoke(js.Undefined())
			}()
			return nil
		}))
	}))
	ready()
	<-finished
}

// bundled returns the bundled list and its metadata.
func bundled() (*storage.Record, error) {
	meta, err := asset(bundledMeta)
	if err != nil {
		return nil, err
	}
	rec := &storage.Record{}
	if err := json.Unmarshal(meta, &rec.Meta); err != nil {
		return nil, fmt.Errorf("%s: %v", bundledMeta, err)
	}
	if rec.Envelope, err = asset(bundledList); err != nil {
		return nil, err
	}
	return rec, nil
}

// keys returns the pinned public keys: PUBLIC_KEYS when set, else the
// bundled keys.
func keys() (map[string]ed25519.PublicKey, error) {
	if v := cfjs.Getenv(keysVar); v != "" {
		return list.ParsePublicKeys([]byte(v))
	}
	b, err := asset(bundledKeys)
	if err != nil {
		return nil, err
	}
	return list.ParsePublicKeys(b)
}

// asset reads a static asset through the ASSETS binding.
func asset(path string) ([]byte, error) {
	assets := cfjs.Env(assetsBinding)
	if assets.IsUndefined() {
		return nil, fmt.Errorf("the %s binding is not configured", assetsBinding)
	}
	res, err := cfjs.CallAwait(assets, "fetch", "https://assets.invalid"+path)
	if err != nil {
		return nil, fmt.Errorf("asset %s: %v", path, err)
	}
	if !res.Get("ok").Truthy() {
		return nil, fmt.Errorf("asset %s: status %d (build with `make worker`)", path, res.Get("status").Int())
	}
	body, err := cfjs.CallAwait(res, "arrayBuffer")
	if err != nil {
		return nil, fmt.Errorf("asset %s: %v", path, err)
	}
	return cfjs.Bytes(body), nil
}
