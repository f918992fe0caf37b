package core

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// tamperSignature returns the envelope with its first signature replaced
// by another valid-looking one (base64 of 64 zero bytes), so that Ed25519
// rejects it.
func tamperSignature(t *testing.T, env string) string {
	t.Helper()
	var e list.Envelope
	if err := e.UnmarshalJSON([]byte(env)); err != nil {
		t.Fatal(err)
	}
	e.Signatures[0].Sig = strings.Repeat("A", 86) + "=="
	b, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestLoadListDigestAndVerifiedBefore covers the two start-up shortcuts
// of LoadRequest: a digest the caller computed, and skipping the Ed25519
// check and the validation of an envelope the caller verified in full
// before. The key, rollback and the clock are still checked.
func TestLoadListDigestAndVerifiedBefore(t *testing.T) {
	s := newSigner(t)
	good := s.sign(t, testList(t), issued)
	forged := tamperSignature(t, good)
	other := newSigner(t)
	bad := testList(t)
	bad.Partners[0].Grants[0].Platform = "nowhere"
	invalid := s.sign(t, bad, issued)
	now := issued.Add(time.Hour).Format(time.RFC3339)
	for _, c := range []struct {
		name     string
		req      LoadRequest
		wantCode string
		wantSHA  string
	}{
		{"caller's digest is reported", LoadRequest{Envelope: good, Keys: []Key{s.key}, SHA256: strings.Repeat("ab", 32)}, "", strings.Repeat("ab", 32)},
		{"no digest: the core hashes", LoadRequest{Envelope: good, Keys: []Key{s.key}}, "", digest(good)},
		{"forged signature is refused", LoadRequest{Envelope: forged, Keys: []Key{s.key}, SHA256: digest(forged)}, list.CodeBadSignature, ""},
		{"verified before: the signature is not checked again", LoadRequest{Envelope: forged, Keys: []Key{s.key}, SHA256: digest(forged), VerifiedBefore: true}, "", digest(forged)},
		{"verified before, but no pinned key", LoadRequest{Envelope: good, Keys: []Key{other.key}, SHA256: digest(good), VerifiedBefore: true}, list.CodeUnknownKey, ""},
		{"verified before: not validated again", LoadRequest{Envelope: invalid, Keys: []Key{s.key}, SHA256: digest(invalid), VerifiedBefore: true}, "", digest(invalid)},
		{"not verified before: validated", LoadRequest{Envelope: invalid, Keys: []Key{s.key}, SHA256: digest(invalid)}, list.CodeInvalidList, ""},
		{"verified before, still no rollback", LoadRequest{Envelope: good, Keys: []Key{s.key}, SHA256: digest(good), VerifiedBefore: true, MinVersion: 1 << 40}, list.CodeRollback, ""},
		{"verified before needs the digest", LoadRequest{Envelope: good, Keys: []Key{s.key}, VerifiedBefore: true}, CodeBadRequest, ""},
		{"digest not hex", LoadRequest{Envelope: good, Keys: []Key{s.key}, SHA256: strings.Repeat("AB", 32)}, CodeBadRequest, ""},
		{"digest too short", LoadRequest{Envelope: good, Keys: []Key{s.key}, SHA256: "abcd"}, CodeBadRequest, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.req.Now = now
			r := parse(t, New().LoadList(loadRequest(c.req)))
			if code(r) != c.wantCode {
				t.Fatalf("code %q (%+v), want %q", code(r), r.Error, c.wantCode)
			}
			if c.wantCode == "" && (r.List == nil || r.List.SHA256 != c.wantSHA || r.List.KeyID != s.key.ID) {
				t.Errorf("list info %+v, want sha256 %s and key %s", r.List, c.wantSHA, s.key.ID)
			}
		})
	}
}
