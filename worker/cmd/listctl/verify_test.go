package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestVerifyDescribesTheList(t *testing.T) {
	envelope, pub := signedList(t)
	r := runListctl(t, nil, "verify", "-keys", pub, envelope)
	r.want(t, 0)
	for _, want := range []string{
		"id:        partnerwatch-default\n",
		"version:   1777636800\n",
		"issued:    2026-05-01T12:00:00Z\n",
		"expires:   2026-05-31T12:00:00Z\n",
		"stale:     false\n",
		"providers: 1\n",
		"partners:  1\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "sha256:    ") || !strings.Contains(r.stdout, "key id:    ") {
		t.Errorf("stdout lacks the key id or the sha256:\n%s", r.stdout)
	}
}

func TestVerifyStale(t *testing.T) {
	envelope, pub := signedList(t)
	saved := testNow
	testNow = testNow.Add(31 * 24 * time.Hour)
	defer func() { testNow = saved }()
	r := runListctl(t, nil, "verify", "-keys", pub, envelope)
	r.want(t, 0)
	if !strings.Contains(r.stdout, "stale:     true\n") {
		t.Errorf("an expired list is not reported stale:\n%s", r.stdout)
	}
}

func TestVerifyFailures(t *testing.T) {
	envelope, pub := signedList(t)
	_, otherPub := keyPair(t)
	data, _ := os.ReadFile(envelope)
	dir := t.TempDir()
	tampered := filepath.Join(dir, "tampered.json")
	// Flip one character of the base64 payload.
	i := strings.Index(string(data), `"payload":"`) + len(`"payload":"`) + 40
	flipped := []byte(string(data))
	if flipped[i] == 'A' {
		flipped[i] = 'B'
	} else {
		flipped[i] = 'A'
	}
	os.WriteFile(tampered, flipped, 0o644)
	badKeys := filepath.Join(dir, "bad.pub.json")
	os.WriteFile(badKeys, []byte(`{"id":"x","public_key":"AAAA"}`), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"other key", []string{"verify", "-keys", otherPub, envelope}, 1, []string{"unknown_key"}},
		{"tampered", []string{"verify", "-keys", pub, tampered}, 1, []string{tampered, "bad_signature"}},
		{"rollback", []string{"verify", "-keys", pub, "-min-version", "1777636800", envelope}, 1, []string{"rollback"}},
		{"newer than min-version", []string{"verify", "-keys", pub, "-min-version", "1777636799", envelope}, 0, nil},
		{"bad keys file", []string{"verify", "-keys", badKeys, envelope}, 1, []string{badKeys, "public_key is 3 bytes"}},
		{"missing keys file", []string{"verify", "-keys", "/nonexistent.pub.json", envelope}, 1, []string{"no such file"}},
		{"missing list", []string{"verify", "-keys", pub, "/nonexistent.json"}, 1, []string{"/nonexistent.json: no such file"}},
		{"missing -keys", []string{"verify", envelope}, 2, []string{"missing -keys KEYSFILE", "usage: listctl verify"}},
		{"missing FILE", []string{"verify", "-keys", pub}, 2, []string{"missing FILE"}},
		{"flag after FILE", []string{"verify", envelope, "-keys", pub}, 2, []string{"want one FILE"}},
		{"wrong list id", []string{"verify", "-keys", pub, "-list-id", "partnerwatch-staging", envelope}, 1, []string{"wrong_list", "partnerwatch-staging"}},
		{"expected list id", []string{"verify", "-keys", pub, "-list-id", "partnerwatch-default", envelope}, 0, nil},
		{"negative min-version", []string{"verify", "-keys", pub, "-min-version", "-1", envelope}, 2, []string{"negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runListctl(t, nil, tt.args...).want(t, tt.code, tt.want...)
		})
	}
}
