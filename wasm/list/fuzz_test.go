package list

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list/fuzzseed"
)

// checklistSeeds are the checklist's seeds (SECURITY.md, A1) around valid:
// see fuzzseed.Checklist, which the worker's FuzzAdminPayload shares.
func checklistSeeds(valid []byte) [][]byte { return fuzzseed.Checklist(valid) }

// FuzzEnvelope decodes arbitrary bytes as an envelope: it must never panic,
// and whatever openEnvelope accepts has a payload and at most MaxSignatures
// well-formed signatures.
func FuzzEnvelope(f *testing.F) {
	_, priv := testKey(1)
	good := signList(f, validList(), priv)
	for _, seed := range checklistSeeds(good) {
		f.Add(seed)
	}
	f.Add([]byte(`{"payload":"","signatures":[]}`))
	f.Add([]byte(`{"payload":"e30=","signatures":[{"keyid":"x","sig":"AAAA"}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"payload":"e30=","signatures":[{"keyid":"x","sig":"AAAA"}]} x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		payload, msg, sigs, err := openEnvelope(data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("openEnvelope error %T is not an *Error", err)
			}
			return
		}
		if len(payload) == 0 || len(sigs) == 0 || len(sigs) > MaxSignatures {
			t.Fatalf("openEnvelope accepted %d payload bytes and %d signatures", len(payload), len(sigs))
		}
		if !bytes.Equal(msg, signedMessage(payload)) {
			t.Fatalf("openEnvelope's signed message is not the prefix and the payload")
		}
	})
}

// FuzzVerify verifies arbitrary bytes against a fixed pinned key: it must
// never panic, and it must accept nothing but the untouched envelope (the
// only one the key signed), or the same envelope with white space around
// it, which changes no signed byte.
func FuzzVerify(f *testing.F) {
	pub, priv := testKey(1)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	good := signList(f, validList(), priv)
	payload, _ := Encode(validList())
	for _, seed := range checklistSeeds(good) {
		f.Add(seed)
	}
	f.Add(good[:len(good)-1])
	f.Add(bytes.Replace(good, []byte(`"payload":"`), []byte(`"payload":"A`), 1))
	f.Add(rawEnvelope(payload, Signature{KeyID: KeyID(pub), Sig: "AAAA"}))
	now := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Verify(data, keys, VerifyOptions{Now: now})
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Code == "" || e.Message == "" {
				t.Fatalf("Verify error %#v is not a complete *Error", err)
			}
			return
		}
		if !bytes.Equal(v.Payload, payload) {
			t.Fatalf("Verify accepted a payload the key never signed: %q", v.Payload)
		}
	})
}

// FuzzPayload decodes and validates arbitrary payload bytes: neither may
// panic, Validate and Problems must agree on the first problem, and a valid
// list must survive an encode and decode unchanged: still valid, deeply
// equal to the list decoded from the input (the checklist's A2 round trip),
// and encoded to the same bytes again.
func FuzzPayload(f *testing.F) {
	payload, _ := Encode(validList())
	for _, seed := range checklistSeeds(payload) {
		f.Add(seed)
	}
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte(`{"partners":[{"grants":[{"sources":[{}]}]}]}`))
	f.Add([]byte(`{"providers":[{"widgets":[{"signals":{"selectors":["[("]}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Decode(data)
		if err != nil {
			return
		}
		err = l.Validate()
		probs := l.Problems()
		if (err == nil) != (len(probs) == 0) {
			t.Fatalf("Validate() = %v but Problems() has %d problems", err, len(probs))
		}
		if err != nil {
			if ve := err.(*ValidationError); ve.Path != probs[0].Path || ve.Reason != probs[0].Reason {
				t.Fatalf("Validate() = %v, Problems()[0] = %v", ve, probs[0])
			}
			return
		}
		again, err := Encode(l)
		if err != nil {
			t.Fatalf("Encode of a valid list: %v", err)
		}
		l2, err := Decode(again)
		if err != nil || l2.Validate() != nil {
			t.Fatalf("a valid list does not survive Encode and Decode: %v", err)
		}
		// parse(serialize(x)) == x, and serialize is stable.
		if !reflect.DeepEqual(l2, l) {
			t.Fatalf("Decode(Encode(l)) differs from l:\n got %+v\nwant %+v", l2, l)
		}
		if third, _ := Encode(l2); !bytes.Equal(third, again) {
			t.Fatalf("Encode(Decode(Encode(l))) = %s, want %s", third, again)
		}
	})
}

// TestVerifyHugeInputs: a 32 MiB string (the checklist's largest seed) is
// refused by the size cap before any decoding, and a string just under the
// cap is refused as a bad envelope, not decoded into a list.
func TestVerifyHugeInputs(t *testing.T) {
	pub, _ := testKey(1)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	for _, tt := range []struct {
		name string
		data []byte
		code string
	}{
		{"32 MiB string", []byte(`"` + strings.Repeat("a", 32<<20) + `"`), CodeTooLarge},
		{"a payload string just under the cap", []byte(`{"payload":"` + strings.Repeat("A", MaxEnvelopeBytes-64) + `","signatures":[]}`), CodeBadEnvelope},
	} {
		_, err := Verify(tt.data, keys, VerifyOptions{Now: fixtureNow})
		var e *Error
		if !errors.As(err, &e) || e.Code != tt.code {
			t.Errorf("%s: Verify error = %v, want %s", tt.name, err, tt.code)
		}
	}
}
