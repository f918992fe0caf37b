package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// TestRunSignedList loads the default list as a signed envelope with -list
// and -keys, as a list maintainer checks a release.
func TestRunSignedList(t *testing.T) {
	dir := t.TempDir()
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatal(err)
	}
	list.Stamp(l, time.Now().Add(-time.Hour), 24*time.Hour)
	payload, err := list.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)
	env, err := list.Sign(payload, priv)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	keyFile, _ := list.MarshalPublicKey(pub)
	otherKeyFile, _ := list.MarshalPublicKey(otherPub)
	envelope := write("list.signed.json", env)
	keys := write("keys.json", keyFile)
	otherKeys := write("other.json", otherKeyFile)
	payloadFile := write("payload.json", payload)
	invalidFile := write("invalid.json", []byte(`{"schema":2,"id":"x"}`))
	page := writePage(t, dir, "a.html", `<a href="https://m.me/shop">Chat</a>`)

	tests := []struct {
		name   string
		args   []string
		status int
		out    string
	}{
		{"signed", []string{"-list", envelope, "-keys", keys, page}, exitOK, `"list_version":` + strconv.FormatInt(l.Version, 10)},
		{"payload", []string{"-list", payloadFile, page}, exitOK, `"provider":"facebook"`},
		{"folder", []string{"-list", "../../list/defaultlist", page}, exitOK, `"provider":"facebook"`},
		{"wrong key", []string{"-list", envelope, "-keys", otherKeys, page}, exitFail, "unknown_key"},
		{"no keys", []string{"-list", envelope, page}, exitFail, "give the public keys with -keys"},
		{"keys for a payload", []string{"-list", payloadFile, "-keys", keys, page}, exitFail, "-keys does not apply"},
		{"bad keys file", []string{"-list", envelope, "-keys", page, page}, exitFail, "keys"},
		{"payload that does not validate", []string{"-list", invalidFile, page}, exitFail, "version: version is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, &stdout, &stderr)
			if status != tt.status || !strings.Contains(stdout.String()+stderr.String(), tt.out) {
				t.Errorf("status %d, output %s%s; want %d and %q", status, stdout.String(), stderr.String(), tt.status, tt.out)
			}
		})
	}
}
