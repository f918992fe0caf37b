//go:build !(js && wasm)

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWorkersBuildDeps fails when the Workers build (GOOS=js GOARCH=wasm)
// links a package a request does not need: net/http brings TLS and
// certificate code with it, and each package adds to the binary, to
// Cloudflare's size limit and to the start of every isolate
// (BENCHMARKS.md, "## Worker"). syumai/workers' Go packages import net/http.
func TestWorkersBuildDeps(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list found only %d packages", len(deps))
	}
	forbidden := []string{"net/http", "crypto/tls", "crypto/x509", "testing", "github.com/syumai/workers"}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") {
				t.Errorf("the Workers build links %s", d)
			}
		}
	}
}
