// Command coldcompile times detect.Compile of the default list three times
// in one fresh process and prints the times in milliseconds, one JSON
// object per run. Built for js/wasm and run in fresh node processes, its
// first time is what a restarted service worker's list load pays for
// compiling (code that runs for the first time, in V8's baseline tier);
// the third is the same code warm. Two builds are compared by alternating
// their processes:
//
//	GOOS=js GOARCH=wasm go build -o /tmp/cc.wasm ./wasm/cmd/pwcore/testdata/coldcompile
//	$(go env GOROOT)/lib/wasm/go_js_wasm_exec /tmp/cc.wasm
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

func main() {
	l, err := defaultlist.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "coldcompile:", err)
		os.Exit(1)
	}
	var ms [3]float64
	for i := range ms {
		t0 := time.Now()
		if _, err := detect.Compile(l); err != nil {
			fmt.Fprintln(os.Stderr, "coldcompile:", err)
			os.Exit(1)
		}
		ms[i] = float64(time.Since(t0).Microseconds()) / 1000
	}
	fmt.Printf("{\"first_ms\":%.1f,\"second_ms\":%.1f,\"third_ms\":%.1f}\n", ms[0], ms[1], ms[2])
}
