package storage

import (
	"bytes"
	"testing"
	"time"
)

func TestRecordRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		envelope []byte
	}{
		{"plain JSON", []byte(`{"payload":"e30=","signatures":[]}`)},
		{"envelope with newlines", []byte("{\n\"payload\": \"x\"\n}\n")},
		{"binary-looking bytes", []byte{0, 1, '\n', 0xff, '\n'}},
	}
	for _, tt := range tests {
		rec := &Record{Meta: Meta{ID: "l", Version: 7, IssuedAt: "2026-01-01T00:00:00Z", ExpiresAt: "2026-02-01T00:00:00Z", KeyID: "k", SHA256: "ab"}, Envelope: tt.envelope}
		blob, err := Encode(rec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := Decode(blob)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.Meta != rec.Meta || !bytes.Equal(got.Envelope, tt.envelope) {
			t.Errorf("%s: round trip = %+v %q", tt.name, got.Meta, got.Envelope)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		blob string
	}{
		// Not a record.
		{"empty", ""},
		{"raw envelope", `{"payload":"e30="}`},
		{"no newline", `pwrec1 {"version":1,"sha256":"ab"}`},
		{"bad metadata JSON", "pwrec1 {\"version\":\n{}"},
		// Incomplete metadata.
		{"no version", "pwrec1 {\"sha256\":\"ab\"}\n{}"},
		{"no sha256", "pwrec1 {\"version\":3}\n{}"},
		{"no envelope", "pwrec1 {\"version\":3,\"sha256\":\"ab\"}\n"},
	}
	for _, tt := range tests {
		if rec, err := Decode([]byte(tt.blob)); err == nil {
			t.Errorf("%s: Decode = %+v, want an error", tt.name, rec)
		}
	}
}

func TestMetaStale(t *testing.T) {
	m := Meta{ExpiresAt: "2026-02-01T00:00:00Z"}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 1, 31, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 2, 1, 0, 0, 1, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := m.Stale(tt.now); got != tt.want {
			t.Errorf("Stale(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if !(Meta{ExpiresAt: "soon"}).Stale(time.Now()) {
		t.Errorf("an unparsable expiry is not stale")
	}
}
