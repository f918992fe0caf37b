package list

import (
	"crypto/ed25519"
	"testing"
)

// largePartners is the size of the synthetic list of the load benchmarks.
const largePartners = 10000

// signablePartners is the size of the synthetic list that Verify is
// benchmarked on. At about 1.27 kB of JSON per partner, 10,000 partners make
// a 12.8 MB payload and a 17.0 MB base64 envelope, within MaxEnvelopeBytes.
// (The name and 9,000 are kept so that earlier benchmark runs compare.)
const signablePartners = 9000

// BenchmarkVerifyLarge verifies a signed 9,000-partner list (2 grants of 2
// sources each): size check, envelope decode, base64, signature, payload
// decode and Validate.
func BenchmarkVerifyLarge(b *testing.B) {
	pub, priv := testKey(1)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	env := signList(b, largeList(signablePartners), priv)
	payload, _ := Encode(largeList(signablePartners))
	b.SetBytes(int64(len(env)))
	for b.Loop() {
		if _, err := Verify(env, keys, VerifyOptions{Now: fixtureNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(payload)), "payload-bytes")
	b.ReportMetric(float64(len(env)), "envelope-bytes")
}

// BenchmarkLoadLarge decodes and validates the payload of a 10,000-partner
// list, without the envelope and the signature.
func BenchmarkLoadLarge(b *testing.B) {
	payload, err := Encode(largeList(largePartners))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		l, err := Decode(payload)
		if err != nil {
			b.Fatal(err)
		}
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(payload)), "payload-bytes")
}

// BenchmarkValidateLarge runs Validate alone on the decoded list.
func BenchmarkValidateLarge(b *testing.B) {
	l := largeList(largePartners)
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
