//go:build !js

package server

import (
	"net/http"
	"testing"
	"time"
)

func TestRateLimiter(t *testing.T) {
	now := testNow
	l := NewRateLimiter(3, time.Minute, func() time.Time { return now })
	a, b := &Request{Client: "192.0.2.1"}, &Request{Client: "192.0.2.2"}
	steps := []struct {
		advance time.Duration
		r       *Request
		want    bool
	}{
		{0, a, true}, {0, a, true}, {0, a, true},
		// The fourth in the window is refused; another client is not.
		{0, a, false}, {0, b, true}, {59 * time.Second, a, false},
		// A new window.
		{time.Second, a, true},
	}
	for i, st := range steps {
		now = now.Add(st.advance)
		if got := l.Allow(st.r); got != st.want {
			t.Errorf("step %d (%s): Allow = %v, want %v", i, st.r.Client, got, st.want)
		}
	}
}

// TestAdminRateLimit checks that admin requests over the limit get 429
// with Retry-After before the token is even looked at, and that reads are
// not limited.
func TestAdminRateLimit(t *testing.T) {
	f := newFixture(t, testToken)
	cfg := f.h.cfg
	cfg.AdminLimit = NewRateLimiter(AdminRequests, AdminPeriod, cfg.Now)
	f.h = New(cfg)
	for i := 0; i < AdminRequests; i++ {
		if res, _ := f.do(t, http.MethodPut, "/v1/list", []byte("{}"), "Authorization", "Bearer wrong-token-guess"); res.StatusCode != 401 {
			t.Fatalf("guess %d = %d, want 401", i, res.StatusCode)
		}
	}
	res, body := f.put(t, envelopeAt(t, time.Hour))
	if code, _, _ := errorCode(t, body); res.StatusCode != http.StatusTooManyRequests || code != CodeRateLimited || res.Header.Get("Retry-After") == "" {
		t.Errorf("request over the limit = %d %s (Retry-After %q), want 429 %s", res.StatusCode, code, res.Header.Get("Retry-After"), CodeRateLimited)
	}
	if res, _ := f.do(t, http.MethodGet, "/v1/list", nil); res.StatusCode != 200 {
		t.Errorf("GET after the admin limit = %d, want 200", res.StatusCode)
	}
}
