package main

import (
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/testlist"
	"github.com/partnerwatch/partnerwatch/worker/storage"
)

// writeFixture writes a list signed by signer and the public key of pinned.
func writeFixture(t *testing.T, signer, pinned ed25519.PrivateKey) (listPath, keysPath string, envelope []byte) {
	t.Helper()
	dir := t.TempDir()
	env, err := testlist.Sign(testlist.List(time.Now().Add(-time.Hour), 24*time.Hour, "Spotify", 0), signer)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := list.MarshalPublicKey(pinned.Public().(ed25519.PublicKey))
	listPath, keysPath = filepath.Join(dir, "l.json"), filepath.Join(dir, "k.json")
	os.WriteFile(listPath, env, 0o644)
	os.WriteFile(keysPath, pub, 0o644)
	return listPath, keysPath, env
}

func TestBundle(t *testing.T) {
	key := testlist.NewKey()
	listPath, keysPath, env := writeFixture(t, key, key)
	out := filepath.Join(t.TempDir(), "bundled")
	if err := run(listPath, keysPath, out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(out, "list.signed.json"))
	if string(got) != string(env) {
		t.Errorf("the bundled envelope differs from the input")
	}
	var m storage.Meta
	b, _ := os.ReadFile(filepath.Join(out, "meta.json"))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	v, _ := list.Verify(env, testlist.Keys(key), list.VerifyOptions{})
	if m != storage.MetaOf(v) {
		t.Errorf("meta.json = %+v, want %+v", m, storage.MetaOf(v))
	}
}

func TestBundleRefusesUnverifiedList(t *testing.T) {
	listPath, keysPath, _ := writeFixture(t, testlist.NewKey(), testlist.NewKey())
	out := filepath.Join(t.TempDir(), "bundled")
	err := run(listPath, keysPath, out)
	if err == nil || !strings.Contains(err.Error(), list.CodeUnknownKey) {
		t.Fatalf("run = %v, want an unknown_key error", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused list left an output folder behind")
	}
}
