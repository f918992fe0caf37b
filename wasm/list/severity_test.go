package list

import "testing"

func TestSeverityOrder(t *testing.T) {
	tests := []struct {
		a, b, max string
	}{
		{SeverityLow, SeverityMedium, SeverityMedium},
		{SeverityMedium, SeverityHigh, SeverityHigh},
		{SeverityHigh, SeverityLow, SeverityHigh},
		{SeverityLow, SeverityLow, SeverityLow},
		{"", SeverityLow, ""},                 // unknown ranks as medium, above low
		{SeverityLow, "bogus", "bogus"},       // and is kept over low
		{"bogus", SeverityHigh, SeverityHigh}, // but not over high
	}
	for _, tt := range tests {
		if got := MaxSeverity(tt.a, tt.b); got != tt.max {
			t.Errorf("MaxSeverity(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.max)
		}
	}
}
