package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// verifyFile verifies an envelope file with a public key file.
func verifyFile(t *testing.T, envelope []byte, pubFile string) *list.Verified {
	t.Helper()
	pubData, err := os.ReadFile(pubFile)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := list.ParsePublicKeys(pubData)
	if err != nil {
		t.Fatal(err)
	}
	v, err := list.Verify(envelope, keys, list.VerifyOptions{Now: testNow})
	if err != nil {
		t.Fatalf("the signed list does not verify: %v", err)
	}
	return v
}

func TestSignFolder(t *testing.T) {
	priv, pub := keyPair(t)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "signed.json")
	os.WriteFile(out, []byte("old"), 0o644)
	r := runListctl(t, nil, "sign", "-key", priv, "-in", writeFiles(t, sourceFiles()), "-out", out)
	r.want(t, 0, "signed partnerwatch-default version 1777636800", "1 providers, 1 partners", "expires 2026-05-31T12:00:00Z")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	v := verifyFile(t, data, pub)
	if v.List.Version != testNow.Unix() || v.List.IssuedAt != "2026-05-01T12:00:00Z" || v.List.ID != "partnerwatch-default" {
		t.Errorf("stamp = %d %s %s", v.List.Version, v.List.IssuedAt, v.List.ID)
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 1 {
		t.Errorf("output folder holds %d entries, want only signed.json (no temporary files)", len(entries))
	}
}

func TestSignPayloadToStdout(t *testing.T) {
	priv, pub := keyPair(t)
	payload, err := list.Encode(&list.List{Schema: list.Schema, ID: "mine"})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "payload.json")
	os.WriteFile(in, payload, 0o644)
	r := runListctl(t, nil, "sign", "-key", priv, "-in", in, "-id", "other-list", "-at", "2026-04-01T00:00:00+02:00", "-validity", "48h")
	r.want(t, 0, "standard output")
	v := verifyFile(t, []byte(r.stdout), pub)
	if v.List.ID != "other-list" || v.List.IssuedAt != "2026-03-31T22:00:00Z" || v.List.ExpiresAt != "2026-04-02T22:00:00Z" {
		t.Errorf("signed list = %s %s %s", v.List.ID, v.List.IssuedAt, v.List.ExpiresAt)
	}
}

func TestSignFailures(t *testing.T) {
	priv, pub := keyPair(t)
	src := writeFiles(t, sourceFiles())
	broken := sourceFiles()
	broken["partners.json"] = strings.Replace(broken["partners.json"], `"https://www.nytimes.com`, `"http://www.nytimes.com`, 1)
	broken["providers/facebook.json"] = strings.Replace(broken["providers/facebook.json"], `"kind":"login"`, `"kind":"button"`, 1)
	brokenDir := writeFiles(t, broken)
	envelope, _ := signedList(t)
	garbage := filepath.Join(t.TempDir(), "garbage.json")
	os.WriteFile(garbage, []byte("not json"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"missing -key", []string{"sign", "-in", src}, 2, []string{"missing -key KEYFILE", "usage: listctl sign"}},
		{"missing -in", []string{"sign", "-key", priv}, 2, []string{"missing -in"}},
		{"bad -at", []string{"sign", "-key", priv, "-in", src, "-at", "yesterday"}, 2, []string{`-at "yesterday" is not an RFC 3339 time`}},
		{"zero validity", []string{"sign", "-key", priv, "-in", src, "-validity", "0s"}, 2, []string{"-validity 0s is not positive"}},
		{"validity over the limit", []string{"sign", "-key", priv, "-in", src, "-validity", "2161h"}, 2, []string{"-validity 2161h0m0s is longer than"}},
		{"unreadable key", []string{"sign", "-key", "/nonexistent.key.json", "-in", src}, 1, []string{"/nonexistent.key.json: no such file"}},
		{"public key as private key", []string{"sign", "-key", pub, "-in", src}, 1, []string{pub, "private key file", "unknown field"}},
		{"invalid list", []string{"sign", "-key", priv, "-in", brokenDir}, 1, []string{
			"2 problem(s), nothing signed",
			`providers[0].widgets[0].kind: kind "button" is not login or messaging [providers/facebook.json]`,
			"partners[0].grants[0].sources[0].url",
		}},
		{"envelope as input", []string{"sign", "-key", priv, "-in", envelope}, 1, []string{"already a signed envelope"}},
		{"not JSON", []string{"sign", "-key", priv, "-in", garbage}, 1, []string{"not a list payload or a signed envelope"}},
		{"missing input", []string{"sign", "-key", priv, "-in", "/nonexistent"}, 1, []string{"/nonexistent: no such file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.json")
			r := runListctl(t, nil, append(tt.args, "-out", out)...)
			r.want(t, tt.code, tt.want...)
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed sign wrote %s", out)
			}
		})
	}
}
