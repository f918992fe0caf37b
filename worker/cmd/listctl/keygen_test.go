package main

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

func TestKeygenWritesAPair(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "dev")
	r := runListctl(t, nil, "keygen", "-out", prefix)
	r.want(t, 0)
	privData, err := os.ReadFile(prefix + ".key.json")
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(prefix + ".key.json")
	if info.Mode().Perm() != 0o600 {
		t.Errorf("private key mode = %v, want 0600", info.Mode().Perm())
	}
	priv, id, err := list.ParsePrivateKey(privData)
	if err != nil {
		t.Fatalf("private key file: %v", err)
	}
	pubData, _ := os.ReadFile(prefix + ".pub.json")
	keys, err := list.ParsePublicKeys(pubData)
	if err != nil {
		t.Fatalf("public key file: %v", err)
	}
	if !bytes.Equal(keys[id], priv.Public().(ed25519.PublicKey)) {
		t.Errorf("the public key file does not hold the private key's public half")
	}
	if !bytes.Contains([]byte(r.stdout), []byte(id)) {
		t.Errorf("stdout %q does not name key ID %s", r.stdout, id)
	}
	if bytes.Contains([]byte(r.stdout+r.stderr), privData[20:60]) {
		t.Errorf("keygen printed the private key")
	}
}

func TestKeygenRefusesToOverwrite(t *testing.T) {
	for _, existing := range []string{".key.json", ".pub.json"} {
		t.Run(existing, func(t *testing.T) {
			prefix := filepath.Join(t.TempDir(), "dev")
			os.WriteFile(prefix+existing, []byte("precious"), 0o600)
			runListctl(t, nil, "keygen", "-out", prefix).want(t, 1, "already exists")
			if data, _ := os.ReadFile(prefix + existing); string(data) != "precious" {
				t.Errorf("%s was overwritten", existing)
			}
			for _, other := range []string{".key.json", ".pub.json"} {
				if other == existing {
					continue
				}
				if _, err := os.Stat(prefix + other); err == nil {
					t.Errorf("keygen wrote %s although %s existed", other, existing)
				}
			}
		})
	}
}

func TestKeygenUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing -out", []string{"keygen"}, 2, "missing -out PREFIX"},
		{"extra argument", []string{"keygen", "-out", "x", "y"}, 2, `unexpected argument "y"`},
		{"unknown flag", []string{"keygen", "-force"}, 2, "flag provided but not defined"},
		{"missing folder", []string{"keygen", "-out", "/nonexistent/dir/dev"}, 1, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runListctl(t, nil, tt.args...)
			r.want(t, tt.code, tt.want)
			if tt.code == 2 {
				r.want(t, 2, "usage: listctl keygen -out PREFIX")
			}
		})
	}
}
