//go:build !js

package domain

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWasmDependencies fails when the WebAssembly build of this package pulls
// in packages that the extension's size budget cannot afford.
func TestWasmDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	cmd := exec.Command(goBin, "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 5 {
		t.Fatalf("go list printed %d packages; want the dependency list", len(deps))
	}
	for _, dep := range deps {
		for _, banned := range []string{"net/http", "golang.org/x/net/idna", "golang.org/x/net/publicsuffix", "golang.org/x/text", "testing"} {
			if dep == banned || strings.HasPrefix(dep, banned+"/") {
				t.Errorf("the js/wasm build imports %s", dep)
			}
		}
	}
}
