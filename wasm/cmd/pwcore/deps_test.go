//go:build !(js && wasm)

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// forbidden are packages the WebAssembly build must not pull in: they are
// heavy, or host-only, or mean a test helper leaked into the build.
var forbidden = []string{
	"net/http",
	"testing",
	"golang.org/x/net/publicsuffix",
	"golang.org/x/net/html",
	"github.com/andybalholm/cascadia",
	"github.com/nlnwa/whatwg-url",
}

// wasmDeps lists the packages of the WebAssembly build of pwcore, with the
// packages each imports.
func wasmDeps(t *testing.T) map[string][]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}} {{join .Imports " "}}`, ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		deps[f[0]] = f[1:]
	}
	return deps
}

// TestWasmDeps fails when the WebAssembly build imports a forbidden package,
// or when a package other than pwcore itself imports syscall/js.
func TestWasmDeps(t *testing.T) {
	deps := wasmDeps(t)
	if len(deps) < 10 {
		t.Fatalf("go list found only %d packages", len(deps))
	}
	for _, f := range forbidden {
		for p := range deps {
			if p == f || strings.HasPrefix(p, f+"/") {
				t.Errorf("the WebAssembly build imports %s", p)
			}
		}
	}
	const self = "github.com/partnerwatch/partnerwatch/wasm/cmd/pwcore"
	for p, imports := range deps {
		if !strings.HasPrefix(p, "github.com/partnerwatch/") || p == self {
			continue
		}
		for _, imp := range imports {
			if imp == "syscall/js" {
				t.Errorf("%s imports syscall/js: only pwcore's main_js.go may", p)
			}
		}
	}
	if _, ok := deps["syscall/js"]; !ok {
		t.Errorf("the WebAssembly build does not import syscall/js: is main_js.go built?")
	}
}
