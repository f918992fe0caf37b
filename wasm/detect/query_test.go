package detect

import "testing"

func TestMatchQuery(t *testing.T) {
	tests := []struct {
		query string
		reqs  []string
		want  bool
	}{
		// No requirement: any query.
		{"", nil, true},
		{"a=1", nil, true},
		// Presence.
		{"client_id=1&scope=email", []string{"client_id"}, true},
		{"client_id=", []string{"client_id"}, true},
		{"client_idx=1", []string{"client_id"}, false},
		{"", []string{"client_id"}, false},
		// Equality, after percent-decoding.
		{"connection=facebook", []string{"connection=facebook"}, true},
		{"connection=google-oauth2", []string{"connection=facebook"}, false},
		{"connection=face%62ook", []string{"connection=facebook"}, true},
		{"con%6Eection=facebook", []string{"connection=facebook"}, true},
		{"q=a+b", []string{"q=a b"}, true},
		// Prefix values.
		{"provider=google-oauth2", []string{"provider=google*"}, true},
		{"provider=goog", []string{"provider=google*"}, false},
		// Repeated keys: any value will do.
		{"x=1&x=2", []string{"x=2"}, true},
		// All requirements must be met.
		{"a=1&b=2", []string{"a=1", "b=2"}, true},
		{"a=1&b=3", []string{"a=1", "b=2"}, false},
		// Malformed escapes compare as written.
		{"a=%zz", []string{"a=%zz"}, true},
	}
	for _, tt := range tests {
		var reqs []queryReq
		for _, r := range tt.reqs {
			reqs = append(reqs, compileQueryReq(r))
		}
		if got := matchQuery(tt.query, reqs); got != tt.want {
			t.Errorf("matchQuery(%q, %q) = %v, want %v", tt.query, tt.reqs, got, tt.want)
		}
	}
}
