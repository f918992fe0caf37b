package list

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixtureNow is a time inside the validity of validList.
var fixtureNow = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// rawEnvelope builds an envelope from raw parts without checking them.
func rawEnvelope(payload []byte, sigs ...Signature) []byte {
	env := Envelope{Payload: base64.StdEncoding.EncodeToString(payload), Signatures: sigs}
	out, err := env.MarshalJSON()
	if err != nil {
		panic(err)
	}
	return out
}

// rawJSONEnvelope is rawEnvelope with the payload in payload_json, the
// form Sign writes.
func rawJSONEnvelope(payload []byte, sigs ...Signature) []byte {
	env := Envelope{PayloadJSON: string(payload), Signatures: sigs}
	out, err := env.MarshalJSON()
	if err != nil {
		panic(err)
	}
	return out
}

// signRaw signs arbitrary payload bytes, valid list or not.
func signRaw(payload []byte, priv ed25519.PrivateKey) Signature {
	return Signature{
		KeyID: KeyID(priv.Public().(ed25519.PublicKey)),
		Sig:   base64.StdEncoding.EncodeToString(ed25519.Sign(priv, signedMessage(payload))),
	}
}

func TestVerifyGood(t *testing.T) {
	pub, priv := testKey(1)
	env := signList(t, validList(), priv)
	v, err := Verify(env, map[string]ed25519.PublicKey{KeyID(pub): pub}, VerifyOptions{Now: fixtureNow})
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	sum := sha256.Sum256(env)
	if v.KeyID != KeyID(pub) || v.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("Verified = key %q sha %q, want %q %x", v.KeyID, v.SHA256, KeyID(pub), sum)
	}
	want, _ := Encode(validList())
	if !bytes.Equal(v.Payload, want) {
		t.Errorf("Payload differs from the signed bytes")
	}
	if v.List.ID != "test-list" || len(v.List.Partners) != 2 || v.List.Partners[0].Grants[0].Sources[0].Date != "2018-12-18" {
		t.Errorf("List = %+v, want the fixture", v.List)
	}
	if v.List.Stale(fixtureNow) {
		t.Errorf("Stale(fixtureNow) = true, want false")
	}
	if len(KeyID(pub)) != 16 {
		t.Errorf("KeyID = %q, want 16 hex characters", KeyID(pub))
	}
}

// TestVerifyRejects tampers with a good envelope or the options in one way
// per case and checks the error code.
func TestVerifyRejects(t *testing.T) {
	pub, priv := testKey(1)
	otherPub, otherPriv := testKey(2)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	good := signList(t, validList(), priv)
	payload, _ := Encode(validList())
	goodSig := signRaw(payload, priv)

	flip := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 0x01
		return c
	}
	sigBytes, _ := base64.StdEncoding.DecodeString(goodSig.Sig)

	// mutated signs a copy of validList changed by f.
	mutated := func(f func(l *List)) []byte {
		l := validList()
		f(l)
		return signList(t, l, priv)
	}
	issued := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	invalid := validList()
	invalid.Partners[1].Grants[0].Sources[0].URL = "http://insecure.example/"
	invalidPayload, _ := Encode(invalid)

	tests := []struct {
		name     string
		envelope []byte
		keys     map[string]ed25519.PublicKey
		opts     VerifyOptions
		code     string
		path     string
	}{
		// Size, before anything else.
		{name: "one byte over the cap", envelope: append(bytes.Clone(good), bytes.Repeat([]byte(" "), MaxEnvelopeBytes+1-len(good))...), code: CodeTooLarge},
		{name: "at the cap is decoded", envelope: append(bytes.Repeat([]byte(" "), MaxEnvelopeBytes-len(good)), good...), code: ""},

		// The envelope.
		{name: "not JSON", envelope: []byte("hello"), code: CodeBadEnvelope},
		{name: "empty", envelope: []byte{}, code: CodeBadEnvelope},
		{name: "null", envelope: []byte("null"), code: CodeBadEnvelope},
		{name: "array", envelope: []byte("[]"), code: CodeBadEnvelope},
		{name: "trailing garbage", envelope: append(bytes.Clone(good), "x"...), code: CodeBadEnvelope},
		{name: "second document", envelope: append(bytes.Clone(good), good...), code: CodeBadEnvelope},
		{name: "extra field", envelope: []byte(strings.Replace(string(good), `{"payload_json"`, `{"extra":1,"payload_json"`, 1)), code: CodeBadEnvelope},
		{name: "a base64 payload (the older form) verifies", envelope: rawEnvelope(payload, goodSig), code: ""},
		{name: "payload_json with the same signatures verifies", envelope: rawJSONEnvelope(payload, goodSig), code: ""},
		{name: "both payload forms", envelope: []byte(strings.Replace(string(rawJSONEnvelope(payload, goodSig)), `{"payload_json"`, `{"payload":"e30=","payload_json"`, 1)), code: CodeBadEnvelope},
		{name: "payload_json not UTF-8", envelope: []byte(`{"payload_json":"{\"a\":\"` + "\xff" + `\"}","signatures":[{"keyid":"` + goodSig.KeyID + `","sig":"` + goodSig.Sig + `"}]}`), code: CodeBadEnvelope},
		{name: "payload_json escaped differently verifies", envelope: []byte(strings.Replace(string(rawJSONEnvelope(payload, goodSig)), `\"schema\"`, `\u0022schema\u0022`, 1)), code: ""},
		{name: "flipped payload_json byte", envelope: rawJSONEnvelope(flip(payload, 10), goodSig), code: CodeBadSignature},
		{name: "extra field in a signature", envelope: []byte(strings.Replace(string(good), `{"keyid"`, `{"alg":"none","keyid"`, 1)), code: CodeBadEnvelope},
		{name: "no payload", envelope: []byte(`{"signatures":[{"keyid":"` + goodSig.KeyID + `","sig":"` + goodSig.Sig + `"}]}`), code: CodeBadEnvelope},
		{name: "no signatures", envelope: rawEnvelope(payload), code: CodeBadEnvelope},
		{name: "too many signatures", envelope: rawEnvelope(payload, slices.Repeat([]Signature{goodSig}, MaxSignatures+1)...), code: CodeBadEnvelope},
		{name: "payload not base64", envelope: []byte(`{"payload":"!!!","signatures":[{"keyid":"` + goodSig.KeyID + `","sig":"` + goodSig.Sig + `"}]}`), code: CodeBadEnvelope},
		{name: "payload url-safe base64", envelope: []byte(`{"payload":"-_-_","signatures":[{"keyid":"` + goodSig.KeyID + `","sig":"` + goodSig.Sig + `"}]}`), code: CodeBadEnvelope},
		{name: "signature not base64", envelope: rawEnvelope(payload, Signature{KeyID: goodSig.KeyID, Sig: "%%%"}), code: CodeBadEnvelope},
		{name: "signature too short", envelope: rawEnvelope(payload, Signature{KeyID: goodSig.KeyID, Sig: base64.StdEncoding.EncodeToString(sigBytes[:63])}), code: CodeBadEnvelope},
		{name: "signature without keyid", envelope: rawEnvelope(payload, Signature{Sig: goodSig.Sig}), code: CodeBadEnvelope},

		// Signatures.
		{name: "flipped payload byte", envelope: rawEnvelope(flip(payload, 10), goodSig), code: CodeBadSignature},
		{name: "flipped signature byte", envelope: rawEnvelope(payload, Signature{KeyID: goodSig.KeyID, Sig: base64.StdEncoding.EncodeToString(flip(sigBytes, 5))}), code: CodeBadSignature},
		{name: "signed by an unpinned key", envelope: signList(t, validList(), otherPriv), code: CodeUnknownKey},
		{name: "unknown key id", envelope: rawEnvelope(payload, Signature{KeyID: "0000000000000000", Sig: goodSig.Sig}), code: CodeUnknownKey},
		{name: "pinned id, other key", envelope: good, keys: map[string]ed25519.PublicKey{KeyID(pub): otherPub}, code: CodeBadSignature},
		{name: "pinned key of the wrong length", envelope: good, keys: map[string]ed25519.PublicKey{KeyID(pub): pub[:31]}, code: CodeUnknownKey},
		{name: "no pinned keys", envelope: good, keys: map[string]ed25519.PublicKey{}, code: CodeUnknownKey},
		{name: "unknown then valid signature", envelope: rawEnvelope(payload, Signature{KeyID: "0000000000000000", Sig: goodSig.Sig}, goodSig), code: ""},
		{name: "bad then valid signature", envelope: rawEnvelope(payload, Signature{KeyID: goodSig.KeyID, Sig: base64.StdEncoding.EncodeToString(flip(sigBytes, 0))}, goodSig), code: ""},
		{name: "signature without the prefix", envelope: rawEnvelope(payload, Signature{KeyID: goodSig.KeyID, Sig: base64.StdEncoding.EncodeToString(ed25519.Sign(priv, payload))}), code: CodeBadSignature},

		// The payload, only after the signature.
		{name: "signed non-JSON payload", envelope: rawEnvelope([]byte("not json"), signRaw([]byte("not json"), priv)), code: CodeBadPayload},
		{name: "signed payload with trailing garbage", envelope: rawEnvelope(append(bytes.Clone(payload), "]"...), signRaw(append(bytes.Clone(payload), "]"...), priv)), code: CodeBadPayload},
		{name: "signed null payload", envelope: rawEnvelope([]byte("null"), signRaw([]byte("null"), priv)), code: CodeBadPayload},
		{name: "signed invalid list", envelope: rawEnvelope(invalidPayload, signRaw(invalidPayload, priv)), code: CodeInvalidList, path: "partners[1].grants[0].sources[0].url"},
		{name: "unsigned invalid list", envelope: rawEnvelope(invalidPayload, Signature{KeyID: goodSig.KeyID, Sig: goodSig.Sig}), code: CodeBadSignature},

		// Versions.
		{name: "rollback to a lower version", envelope: good, opts: VerifyOptions{MinVersion: validList().Version + 1}, code: CodeRollback},
		{name: "same version", envelope: good, opts: VerifyOptions{MinVersion: validList().Version}, code: CodeRollback},
		{name: "same version allowed", envelope: good, opts: VerifyOptions{MinVersion: validList().Version, AllowSameVersion: true}, code: ""},
		{name: "lower version not allowed by AllowSameVersion", envelope: good, opts: VerifyOptions{MinVersion: validList().Version + 1, AllowSameVersion: true}, code: CodeRollback},
		{name: "newer version", envelope: good, opts: VerifyOptions{MinVersion: validList().Version - 1}, code: ""},

		// The list id (VerifyOptions.ListID).
		{name: "another list's id", envelope: good, opts: VerifyOptions{ListID: "other-list"}, code: CodeWrongList, path: "id"},
		{name: "the expected id", envelope: good, opts: VerifyOptions{ListID: "test-list"}, code: ""},
		{name: "signed for another id", envelope: mutated(func(l *List) { l.ID = "test-list-staging" }), opts: VerifyOptions{ListID: "test-list"}, code: CodeWrongList, path: "id"},

		// The stamp: version = issue time, at most 2^53-1, bounded validity.
		{name: "version ten years past the issue time", envelope: mutated(func(l *List) { l.Version += 10 * 365 * 24 * 3600 }), code: CodeBadVersion, path: "version"},
		{name: "version one second past the issue time", envelope: mutated(func(l *List) { l.Version++ }), code: CodeBadVersion, path: "version"},
		{name: "version before the issue time", envelope: mutated(func(l *List) { l.Version-- }), code: CodeBadVersion, path: "version"},
		{name: "version 2^53+1", envelope: mutated(func(l *List) { l.Version = 1<<53 + 1 }), code: CodeBadVersion, path: "version"},
		{name: "version 2^63-1", envelope: mutated(func(l *List) { l.Version = 1<<63 - 1 }), code: CodeBadVersion, path: "version"},
		{name: "validity at the limit", envelope: mutated(func(l *List) { l.ExpiresAt = issued.Add(MaxValidity).Format(time.RFC3339) }), code: ""},
		{name: "validity one second over the limit", envelope: mutated(func(l *List) { l.ExpiresAt = issued.Add(MaxValidity + time.Second).Format(time.RFC3339) }), code: CodeBadValidity, path: "expires_at"},
		{name: "expires in 9999", envelope: mutated(func(l *List) { l.ExpiresAt = "9999-12-31T23:59:59Z" }), code: CodeBadValidity, path: "expires_at"},
		{name: "a year ahead, stamped consistently", envelope: mutated(func(l *List) { Stamp(l, fixtureNow.AddDate(1, 0, 0), 30*24*time.Hour) }), code: CodeNotYetValid},

		// Clock.
		{name: "issued in the future beyond the skew", envelope: good, opts: VerifyOptions{Now: time.Date(2025, 12, 31, 23, 49, 59, 0, time.UTC)}, code: CodeNotYetValid},
		{name: "issued in the future within the skew", envelope: good, opts: VerifyOptions{Now: time.Date(2025, 12, 31, 23, 50, 0, 0, time.UTC)}, code: ""},
		{name: "custom skew", envelope: good, opts: VerifyOptions{Now: time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), MaxSkew: 2 * time.Hour}, code: ""},
		{name: "no skew", envelope: good, opts: VerifyOptions{Now: time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC), MaxSkew: -1}, code: CodeNotYetValid},
		{name: "expired still verifies", envelope: good, opts: VerifyOptions{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}, code: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tt.keys
			if k == nil {
				k = keys
			}
			opts := tt.opts
			if opts.Now.IsZero() {
				opts.Now = fixtureNow
			}
			v, err := Verify(tt.envelope, k, opts)
			if tt.code == "" {
				if err != nil || v == nil || v.List == nil {
					t.Fatalf("Verify() = %v, %v; want success", v, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Verify() error = %v, want an *Error with code %s", err, tt.code)
			}
			if e.Code != tt.code || e.Path != tt.path {
				t.Errorf("Verify() error = %q (path %q), want code %s path %q", e, e.Path, tt.code, tt.path)
			}
			if e.Message == "" {
				t.Errorf("Verify() error has no message")
			}
			if v != nil {
				t.Errorf("Verify() returned a list with an error")
			}
		})
	}
}

// TestVerifyUnknownKeyMessageBounded: the unknown_key message quotes the
// envelope's key IDs, which a mirror controls, only up to a bound.
func TestVerifyUnknownKeyMessageBounded(t *testing.T) {
	pub, priv := testKey(1)
	payload, _ := Encode(validList())
	sig := signRaw(payload, priv)
	sig.KeyID = strings.Repeat("k", 1<<20)
	_, err := Verify(rawEnvelope(payload, sig), map[string]ed25519.PublicKey{KeyID(pub): pub}, VerifyOptions{Now: fixtureNow})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeUnknownKey {
		t.Fatalf("Verify() error = %v, want %s", err, CodeUnknownKey)
	}
	if len(e.Message) > 1024 {
		t.Errorf("unknown_key message is %d bytes, want at most 1024", len(e.Message))
	}
}

func TestVerifyExpiredIsStale(t *testing.T) {
	pub, priv := testKey(1)
	later := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	v, err := Verify(signList(t, validList(), priv), map[string]ed25519.PublicKey{KeyID(pub): pub}, VerifyOptions{Now: later})
	if err != nil {
		t.Fatalf("Verify of an expired list: %v", err)
	}
	if !v.List.Stale(later) {
		t.Errorf("Stale(%v) = false for a list expiring %s", later, v.List.ExpiresAt)
	}
	if v.List.Stale(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Stale at the expiry instant = true, want false")
	}
}

func TestSignRejectsBadInput(t *testing.T) {
	_, priv := testKey(1)
	if _, err := Sign([]byte("{}"), priv[:32]); err == nil {
		t.Errorf("Sign with a 32-byte key succeeded")
	}
	if _, err := Sign(nil, priv); err == nil {
		t.Errorf("Sign of an empty payload succeeded")
	}
	if _, err := Sign(bytes.Repeat([]byte("a"), MaxEnvelopeBytes), priv); err == nil {
		t.Errorf("Sign of a payload too large for an envelope succeeded")
	}
}

func TestStamp(t *testing.T) {
	l := validList()
	l.Schema, l.Version = 0, 0
	issued := time.Date(2026, 3, 4, 5, 6, 7, 800, time.FixedZone("CET", 3600))
	Stamp(l, issued, 30*24*time.Hour)
	if l.Schema != Schema || l.Version != issued.Unix() || l.IssuedAt != "2026-03-04T04:06:07Z" || l.ExpiresAt != "2026-04-03T04:06:07Z" {
		t.Errorf("Stamp: schema %d version %d issued %s expires %s", l.Schema, l.Version, l.IssuedAt, l.ExpiresAt)
	}
	if err := l.Validate(); err != nil {
		t.Errorf("stamped list does not validate: %v", err)
	}
}

// TestSignFormat checks the envelope Sign writes against the documented
// format with the standard library alone, not with Verify.
func TestSignFormat(t *testing.T) {
	pub, priv := testKey(3)
	payload := []byte(`{"schema":1}`)
	env, err := Sign(payload, priv)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		PayloadJSON string `json:"payload_json"`
		Signatures  []struct {
			KeyID string `json:"keyid"`
			Sig   string `json:"sig"`
		} `json:"signatures"`
	}
	dec := json.NewDecoder(bytes.NewReader(env))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("envelope %s: %v", env, err)
	}
	if got := []byte(doc.PayloadJSON); !bytes.Equal(got, payload) {
		t.Errorf("payload = %q, want %q", got, payload)
	}
	if len(doc.Signatures) != 1 {
		t.Fatalf("%d signatures, want 1", len(doc.Signatures))
	}
	sum := sha256.Sum256(pub)
	if doc.Signatures[0].KeyID != hex.EncodeToString(sum[:])[:16] {
		t.Errorf("keyid = %q, want the first 16 hex characters of SHA-256(public key)", doc.Signatures[0].KeyID)
	}
	sig, _ := base64.StdEncoding.DecodeString(doc.Signatures[0].Sig)
	if !ed25519.Verify(pub, append([]byte("PartnerWatch-list-v1\n"), payload...), sig) {
		t.Errorf("the signature does not cover the prefix and the payload")
	}
}

// TestVerifyFastForwardBound: the highest version Verify accepts at a given
// time is that time plus the clock skew, whatever the signer stamps, so a
// list signed by mistake (or with a stolen key) can hold clients off normal
// lists for at most the skew.
func TestVerifyFastForwardBound(t *testing.T) {
	pub, priv := testKey(1)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	now := fixtureNow
	for _, tt := range []struct {
		name   string
		issued time.Time
		ok     bool
	}{
		{"now", now, true},
		{"at the skew", now.Add(DefaultMaxSkew), true},
		{"one second past the skew", now.Add(DefaultMaxSkew + time.Second), false},
		{"a year ahead", now.AddDate(1, 0, 0), false},
	} {
		l := validList()
		Stamp(l, tt.issued, 30*24*time.Hour)
		v, err := Verify(signList(t, l, priv), keys, VerifyOptions{Now: now})
		if (err == nil) != tt.ok {
			t.Errorf("%s: Verify error = %v, want ok=%t", tt.name, err, tt.ok)
			continue
		}
		if err == nil && v.List.Version > now.Add(DefaultMaxSkew).Unix() {
			t.Errorf("%s: accepted version %d beyond now+skew %d", tt.name, v.List.Version, now.Add(DefaultMaxSkew).Unix())
		}
	}
}
