//go:build !js

package main

import "testing"

func TestPackageOf(t *testing.T) {
	tests := []struct{ sym, want string }{
		{"runtime.mallocgc", "runtime"},
		{"net_http.__Transport_.RoundTrip", "net/http"},
		{"crypto_internal_fips140_nistec_fiat.p256Mul", "crypto/internal/fips140/nistec/fiat"},
		{"github.com_partnerwatch_partnerwatch_wasm_list.Verify", "github.com/partnerwatch/partnerwatch/wasm/list"},
		{"golang.org_x_net_idna.ToASCII", "golang.org/x/net/idna"},
		{"go_buildid", "go/buildid"},
	}
	for _, tt := range tests {
		if got := packageOf(tt.sym); got != tt.want {
			t.Errorf("packageOf(%q) = %q, want %q", tt.sym, got, tt.want)
		}
	}
}

func TestCodeByPackageRefuses(t *testing.T) {
	if _, _, err := codeByPackage([]byte("not wasm")); err == nil {
		t.Error("codeByPackage accepted a non-module")
	}
	if _, _, err := codeByPackage([]byte("\x00asm\x01\x00\x00\x00")); err == nil {
		t.Error("codeByPackage accepted a module without names")
	}
}

func TestCodeTable(t *testing.T) {
	bundles := []*bundle{
		{name: "before", code: []pkgSize{{"runtime", 100}, {"net/http", 50}}, codeTotal: 150},
		{name: "after", code: []pkgSize{{"runtime", 90}, {"syscall/js", 5}}, codeTotal: 95},
	}
	want := "| package | before | after |\n|---|---:|---:|\n" +
		"| runtime | 100 | 90 |\n| net/http | 50 | 0 |\n| syscall/js | 0 | 5 |\n" +
		"| **all code** | 150 | 95 |\n"
	if got := codeTable(bundles); got != want {
		t.Errorf("codeTable =\n%s\nwant\n%s", got, want)
	}
}
