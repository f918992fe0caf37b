//go:build !js

package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/server"
	"github.com/partnerwatch/partnerwatch/worker/storage"
	"github.com/partnerwatch/partnerwatch/worker/storage/filestore"
)

// tokenEnv names the environment variable that may carry the admin token.
const tokenEnv = "PARTNERWATCH_ADMIN_TOKEN"

func main() {
	addr := flag.String("addr", "127.0.0.1:8787", "address to listen on")
	dataDir := flag.String("data", ".state/worker", "directory that keeps the uploaded list")
	bundledPath := flag.String("list", "build/list/default.signed.json", "signed list served while no upload is stored (the bundled fallback)")
	keysPath := flag.String("keys", ".keys/dev.pub.json", "public keys file: one {\"id\",\"public_key\"} object or an array of them")
	tokenFile := flag.String("token-file", "", "file holding the admin token that authorises uploads (default: $"+tokenEnv+"; none disables uploads)")
	listID := flag.String("list-id", "", "the list id uploads must carry (default: the id of the list served, stored or bundled)")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.LUTC)
	if err := run(*addr, *dataDir, *bundledPath, *keysPath, *tokenFile, *listID); err != nil {
		log.Printf("worker: %v", err)
		os.Exit(1)
	}
}

func run(addr, dataDir, bundledPath, keysPath, tokenFile, listID string) error {
	h, err := newHandler(dataDir, bundledPath, keysPath, tokenFile, listID)
	if err != nil {
		return err
	}
	return serve(addr, server.LogRequests(h, log.Printf))
}

// newHandler reads the keys, the token and the bundled list, opens the
// store and says in the log what is served.
func newHandler(dataDir, bundledPath, keysPath, tokenFile, listID string) (*server.Handler, error) {
	keyData, err := os.ReadFile(keysPath)
	if err != nil {
		return nil, fmt.Errorf("reading public keys: %v (create them with `make keys`)", err)
	}
	keys, err := list.ParsePublicKeys(keyData)
	if err != nil {
		return nil, err
	}
	token, err := adminToken(tokenFile)
	if err != nil {
		return nil, err
	}
	if token == "" {
		log.Printf("worker: no admin token (-token-file or $%s): uploads are disabled", tokenEnv)
	} else if err := server.CheckAdminToken(token); err != nil {
		return nil, err
	}
	bundled, bundledErr := loadBundled(bundledPath, keys)
	if bundledErr != nil {
		log.Printf("worker: no bundled fallback list: %v", bundledErr)
	}
	store, err := filestore.Open(dataDir, func(rec *storage.Record) error { return checkRecord(rec, keys) })
	if err != nil {
		return nil, err
	}
	if p := store.Problem(); p != nil {
		log.Printf("worker: %v; serving the bundled list", p)
	}
	switch rec, err := store.Get(context.Background()); {
	case err == nil:
		log.Printf("worker: serving stored list %s version %d", rec.Meta.ID, rec.Meta.Version)
	case bundled != nil:
		log.Printf("worker: serving bundled list %s version %d", bundled.Meta.ID, bundled.Meta.Version)
	}
	return server.New(server.Config{
		Store:      store,
		Bundled:    func() (*storage.Record, error) { return bundled, bundledErr },
		Keys:       func() (map[string]ed25519.PublicKey, error) { return keys, nil },
		ListID:     listID,
		AdminToken: token,
		AdminLimit: server.NewRateLimiter(server.AdminRequests, server.AdminPeriod, nil),
		Notice: func() string {
			if p := store.Problem(); p != nil {
				return p.Error()
			}
			return ""
		},
		Logf: func(format string, args ...any) { log.Printf("worker: "+format, args...) },
	}), nil
}

// serve runs h on addr until SIGINT or SIGTERM, then shuts down gracefully.
func serve(addr string, h http.Handler) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("worker: listening on http://%s", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Printf("worker: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// adminToken reads the token from file, or else from the environment.
func adminToken(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("reading the admin token file: %v", err)
		}
		t := strings.TrimSpace(string(b))
		if t == "" {
			return "", fmt.Errorf("the admin token file %s is empty", file)
		}
		return t, nil
	}
	return strings.TrimSpace(os.Getenv(tokenEnv)), nil
}

// loadBundled reads and verifies the bundled list.
func loadBundled(path string, keys map[string]ed25519.PublicKey) (*storage.Record, error) {
	envelope, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	v, err := storage.Reverify(envelope, keys)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &storage.Record{Meta: storage.MetaOf(v), Envelope: envelope}, nil
}

// checkRecord verifies a stored record against the keys and its metadata.
func checkRecord(rec *storage.Record, keys map[string]ed25519.PublicKey) error {
	v, err := storage.Reverify(rec.Envelope, keys)
	if err != nil {
		return err
	}
	if got := storage.MetaOf(v); got != rec.Meta {
		return fmt.Errorf("metadata does not match the envelope (version %d, sha256 %s)", got.Version, got.SHA256)
	}
	return nil
}
