//go:build !(js && wasm)

package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnerwatch/partnerwatch/worker/server"
)

// TestRateLimitConfig keeps the Workers rate-limiting binding in
// wrangler.jsonc equal to the native server's admin limit.
func TestRateLimitConfig(t *testing.T) {
	conf, err := os.ReadFile("wrangler.jsonc")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"name":\s*"ADMIN_RATE_LIMIT"[^}]*"simple":\s*\{\s*"limit":\s*(\d+),\s*"period":\s*(\d+)`).FindSubmatch(conf)
	if m == nil {
		t.Fatal("wrangler.jsonc declares no ADMIN_RATE_LIMIT rate limiter with a simple limit and period")
	}
	limit, _ := strconv.Atoi(string(m[1]))
	period, _ := strconv.Atoi(string(m[2]))
	if limit != server.AdminRequests || period != int(server.AdminPeriod.Seconds()) {
		t.Errorf("wrangler.jsonc limits admin requests to %d per %d s; the native server to %d per %s", limit, period, server.AdminRequests, server.AdminPeriod)
	}
}
