package list

import (
	"crypto/ed25519"
	"testing"
)

// largePartners is the size of the synthetic list of the benchmarks.
const largePartners = 10000

// BenchmarkVerifyLarge verifies a signed 10,000-partner list (2 grants of 2
// sources each): size check, envelope decode, base64, signature, payload
// decode and Validate.
func BenchmarkVerifyLarge(b *testing.B) {
	pub, priv := testKey(1)
	keys := map[string]ed25519.PublicKey{KeyID(pub): pub}
	env := signList(b, largeList(largePartners), priv)
	payload, _ := Encode(largeList(largePartners))
	b.ReportMetric(float64(len(payload)), "payload-bytes")
	b.ReportMetric(float64(len(env)), "envelope-bytes")
	b.SetBytes(int64(len(env)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Verify(env, keys, VerifyOptions{Now: fixtureNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadLarge decodes and validates the payload of the same list,
// without the envelope and the signature.
func BenchmarkLoadLarge(b *testing.B) {
	payload, err := Encode(largeList(largePartners))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(payload)), "payload-bytes")
	b.SetBytes(int64(len(payload)))
	b.ResetTimer()
	for b.Loop() {
		l, err := Decode(payload)
		if err != nil {
			b.Fatal(err)
		}
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateLarge runs Validate alone on the decoded list.
func BenchmarkValidateLarge(b *testing.B) {
	l := largeList(largePartners)
	b.ResetTimer()
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
