package server

import (
	"sync"
	"time"
)

// Limiter decides whether one more admin request from a client may go on.
// The native server uses a RateLimiter; on Workers, the platform's
// rate-limiting binding (worker/main_js.go, wrangler.jsonc) implements it.
type Limiter interface {
	// Allow reports whether the client may make one more admin request.
	Allow(r *Request) bool
}

// Admin rate limit: AdminRequests per AdminPeriod and client, counting every
// admin request (right token or wrong). A maintainer uploads a few lists a
// day; guessing a token at this rate is hopeless. wrangler.jsonc declares
// the same numbers for the Workers binding (a test checks).
const (
	AdminRequests = 10
	AdminPeriod   = 60 * time.Second
)

// RateLimiter is a fixed-window limiter per client, kept in memory: the
// native server's Limiter.
type RateLimiter struct {
	limit  int
	period time.Duration
	now    func() time.Time

	mu     sync.Mutex
	start  time.Time      // of the current window
	counts map[string]int // requests per client in the window
}

// NewRateLimiter allows limit requests per client in each period; now nil
// means time.Now.
func NewRateLimiter(limit int, period time.Duration, now func() time.Time) *RateLimiter {
	if now == nil {
		now = time.Now
	}
	return &RateLimiter{limit: limit, period: period, now: now, counts: map[string]int{}}
}

// Allow counts the request and reports whether it is within the limit. The
// map is emptied with every window, so it holds at most one window's
// clients.
func (l *RateLimiter) Allow(r *Request) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := l.now(); now.Sub(l.start) >= l.period {
		l.start, l.counts = now, map[string]int{}
	}
	l.counts[r.Client]++
	return l.counts[r.Client] <= l.limit
}
