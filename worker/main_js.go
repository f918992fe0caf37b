package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"log"
	"strconv"
	"sync"
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
	listIDVar     = "LIST_ID"     // optional: the list id uploads must carry; unset means the served list's
	graceVar      = "ENVELOPE_GRACE_SECONDS"
	limitBinding  = "ADMIN_RATE_LIMIT" // rate-limiting binding for admin requests
	faultVar      = "CFSTORE_FAULT"    // integration test only: a store step that fails (cfstore.Store.Fault)
)

// limiter is the admin rate limit through the Workers rate-limiting
// binding, keyed by the client's address. Without the binding, or when it
// fails, requests are allowed: uploads need the token anyway, and a broken
// limiter must not lock the maintainer out.
type limiter struct{ binding js.Value }

func (l limiter) Allow(r *server.Request) bool {
	if l.binding.IsUndefined() {
		return true
	}
	res, err := cfjs.CallAwait(l.binding, "limit", map[string]any{"key": "admin:" + r.Client})
	if err != nil {
		log.Printf("rate limiter: %v", err)
		return true
	}
	return res.Get("success").Truthy()
}

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

// main starts once per isolate (worker/glue/worker.mjs), registers the
// functions the glue calls for each request and for the cron trigger on
// globalThis.partnerwatch, and waits for them forever. Nothing is read or
// parsed here; the handler works lazily and keeps what it read (the
// bundled list, the keys) for the isolate's later requests. The store's
// metadata is read on every request, never cached, so that an upload is
// served at once.
func main() {
	api := js.Global().Get("partnerwatch")
	api.Set("handleRequest", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return handlerFor(args[1]).ServeJS(args[0])
	}))
	api.Set("scheduled", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return collect(args[0])
	}))
	ready()
	select {}
}

// The handler of the env the isolate was given. Every request of an isolate
// carries the same env; a different one (never seen in practice) gets a
// new handler rather than another request's bindings.
var (
	mu          sync.Mutex
	handlerEnv  js.Value
	handlerLast *server.Handler
	storeLast   *cfstore.Store
)

// handlerFor returns the handler for env.
func handlerFor(env js.Value) *server.Handler {
	mu.Lock()
	defer mu.Unlock()
	if handlerLast != nil && env.Equal(handlerEnv) {
		return handlerLast
	}
	storeLast = cfstore.New(env.Get(kvBinding), env.Get(dbBinding))
	storeLast.Logf = log.Printf
	storeLast.Fault = cfjs.Getenv(env, faultVar)
	if s, err := strconv.Atoi(cfjs.Getenv(env, graceVar)); err == nil && s >= 0 {
		storeLast.Grace = time.Duration(s) * time.Second
	}
	assets := env.Get(assetsBinding)
	handlerLast = server.New(server.Config{
		Store:      storeLast,
		Bundled:    func() (*storage.Record, error) { return bundled(assets) },
		Keys:       func() (map[string]ed25519.PublicKey, error) { return keys(assets, cfjs.Getenv(env, keysVar)) },
		MaxBytes:   maxKVValue,
		ListID:     cfjs.Getenv(env, listIDVar),
		AdminToken: cfjs.Getenv(env, tokenVar),
		AdminLimit: limiter{env.Get(limitBinding)},
		Logf:       log.Printf,
	})
	handlerEnv = env
	return handlerLast
}

// collect runs the store's collection of superseded envelopes for the cron
// trigger and returns a promise of its end.
func collect(env js.Value) js.Value {
	handlerFor(env)
	store := storeLast
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		executor.Release()
		go func() {
			defer func() {
				if p := recover(); p != nil {
					log.Printf("collecting old envelopes: panic: %v", p)
				}
				args[0].Invoke(js.Undefined())
			}()
			if err := store.Collect(context.Background()); err != nil {
				log.Printf("collecting old envelopes: %v", err)
			}
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// bundled returns the bundled list and its metadata.
func bundled(assets js.Value) (*storage.Record, error) {
	meta, err := asset(assets, bundledMeta)
	if err != nil {
		return nil, err
	}
	rec := &storage.Record{}
	if err := json.Unmarshal(meta, &rec.Meta); err != nil {
		return nil, fmt.Errorf("%s: %v", bundledMeta, err)
	}
	if rec.Envelope, err = asset(assets, bundledList); err != nil {
		return nil, err
	}
	return rec, nil
}

// keys returns the pinned public keys: PUBLIC_KEYS when set, else the
// bundled keys.
func keys(assets js.Value, override string) (map[string]ed25519.PublicKey, error) {
	if override != "" {
		return list.ParsePublicKeys([]byte(override))
	}
	b, err := asset(assets, bundledKeys)
	if err != nil {
		return nil, err
	}
	return list.ParsePublicKeys(b)
}

// asset reads a static asset through the ASSETS binding.
func asset(assets js.Value, path string) ([]byte, error) {
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
