package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanFile plants one secret of each kind, and checks that clean look-alikes pass.
func TestScanFile(t *testing.T) {
	tests := []struct {
		name, path, text, want string
	}{
		// Planted secrets.
		{"PEM", "a.txt", "-----BEGIN OPENSSH " + "PRIVATE KEY-----\nb3BlbnNzaA==", "PEM private key"},
		{"signing key", "k.json", `{"id":"a0b41fbce977aa3d","private_key":"` + strings.Repeat("Ab1+", 22) + `"}`, "PartnerWatch signing key"},
		{"AWS", "c.go", `key := "AKIA` + `IOSFODNN7EXAMPLE"`, "AWS access key"},
		{"GitHub", "c.sh", "TOKEN=ghp_" + strings.Repeat("a1B2", 9), "GitHub token"},
		{"Slack", "c.md", "xox" + "b-123456789012-abcdefghij", "Slack token"},
		{"Google", "c.js", "const k = 'AIza" + strings.Repeat("x", 35) + "';", "Google API key"},
		{"admin token", "c.env.example", "ADMIN_TOKEN=" + strings.Repeat("q", 32), "secret assigned"},
		{"admin token in JSON", "c.json", `"admin_token": "` + strings.Repeat("Z9", 12) + `"`, "secret assigned"},
		{"bearer", "c.txt", "curl -H 'Authorization: Bearer " + strings.Repeat("t0k", 10) + "'", "bearer token"},
		{"wrangler var", "worker/wrangler.jsonc", "{\n  \"vars\": {\n    \"ADMIN_TOKEN\": \"x\"\n  }\n}", "secret-sounding var"},
		{"forbidden key file", "keys/prod.key.json", "{}", "must never be committed"},
		{"forbidden dev vars", "worker/.dev.vars", "", "must never be committed"},
		{"forbidden .keys", ".keys/dev.pub.json", "", "must never be committed"},
		// Clean.
		{"public key", "k.pub.json", `{"id":"a0b41fbce977aa3d","public_key":"` + strings.Repeat("Ab1+", 10) + `AAA="}`, ""},
		{"token read from a file", "c.go", `token, err := os.ReadFile(*tokenFile)`, ""},
		{"short admin token in a test", "c_test.go", `ADMIN_TOKEN = "t"`, ""},
		{"wrangler public vars", "worker/wrangler.jsonc", "{\n  \"vars\": { \"PUBLIC_KEYS\": \"[]\" }\n}", ""},
		{"binary", "core.wasm", "\x00asm\x01AKIA" + "IOSFODNN7EXAMPLE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := scanFile(tt.path, strings.NewReader(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(hits) != 0 {
					t.Fatalf("hits %v, want none", hits)
				}
				return
			}
			if len(hits) == 0 || !strings.Contains(hits[0].what, tt.want) {
				t.Fatalf("hits %v, want %q", hits, tt.want)
			}
		})
	}
}

// TestScanAllowList: an allowed path is skipped, others are not.
func TestScanAllowList(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "a.txt")
	os.WriteFile(secret, []byte("-----BEGIN RSA "+"PRIVATE KEY-----\n"), 0o644)
	other := filepath.Join(dir, "sub", "b.txt")
	os.MkdirAll(filepath.Dir(other), 0o755)
	os.WriteFile(other, []byte("-----BEGIN EC "+"PRIVATE KEY-----\n"), 0o644)
	hits, err := scan([]string{secret, other}, nil)
	if err != nil || len(hits) != 2 {
		t.Fatalf("scan = %v, %v; want 2 hits", hits, err)
	}
	hits, _ = scan([]string{secret, other}, []string{filepath.ToSlash(secret), filepath.ToSlash(filepath.Dir(other)) + "/"})
	if len(hits) != 0 {
		t.Fatalf("allowed paths still hit: %v", hits)
	}
}
