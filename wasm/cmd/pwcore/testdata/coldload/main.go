// Command coldload times, in one fresh process, what a restarted service
// worker's core does to load its stored list: from the envelope with
// verified_before (decode and compile), or from the snapshot a core made
// of it (core.Snapshot, LoadRequest.Snapshot), written to a file by an
// earlier run ("make"). It times the chosen way three times, each in a new
// core, and prints the milliseconds, one JSON object per run. Built for
// js/wasm and run in fresh node processes, its first time is a restart's
// (code that runs for the first time, in V8's baseline tier); the third is
// warm:
//
//	GOOS=js GOARCH=wasm go build -o /tmp/cl.wasm ./wasm/cmd/pwcore/testdata/coldload
//	run="$(go env GOROOT)/lib/wasm/go_js_wasm_exec /tmp/cl.wasm build/list/default.signed.json .keys/dev.pub.json /tmp/list.snapshot"
//	$run make; $run envelope; $run snapshot
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/core"
)

func main() {
	if len(os.Args) != 5 || (os.Args[4] != "make" && os.Args[4] != "envelope" && os.Args[4] != "snapshot") {
		fmt.Fprintln(os.Stderr, "usage: coldload ENVELOPE KEY.pub.json SNAPSHOT-FILE make|envelope|snapshot")
		os.Exit(2)
	}
	env, err := os.ReadFile(os.Args[1])
	if err == nil {
		var key []byte
		if key, err = os.ReadFile(os.Args[2]); err == nil {
			err = run(env, strings.TrimSpace(string(key)), os.Args[3], os.Args[4])
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "coldload:", err)
		os.Exit(1)
	}
}

func run(env []byte, key, snapFile, mode string) error {
	sum := sha256.Sum256(env)
	sha := hex.EncodeToString(sum[:])
	if mode == "make" {
		first := core.New()
		var r core.Response
		if err := r.UnmarshalJSON(first.LoadListEnvelope([]byte(`{"keys":[`+key+`],"sha256":"`+sha+`"}`), env, func() {})); err != nil || !r.OK {
			return fmt.Errorf("loading the envelope: %v %+v", err, r.Error)
		}
		return os.WriteFile(snapFile, first.Snapshot(), 0o644)
	}
	req := []byte(`{"keys":[` + key + `],"allow_same_version":true,"sha256":"` + sha + `","verified_before":true}`)
	beside := env
	if mode == "snapshot" {
		req = []byte(strings.Replace(string(req), `"verified_before":true`, `"verified_before":true,"snapshot":true`, 1))
		var err error
		if beside, err = os.ReadFile(snapFile); err != nil {
			return err
		}
	}
	for i := 0; i < 3; i++ {
		c := core.New()
		b := append([]byte(nil), beside...) // as the boundary copies it in
		t0 := time.Now()
		out := c.LoadListEnvelope(req, b, func() {})
		ms := float64(time.Since(t0).Microseconds()) / 1000
		var got core.Response
		if err := got.UnmarshalJSON(out); err != nil || !got.OK {
			return fmt.Errorf("run %d: %v %s", i, err, out)
		}
		fmt.Printf("{\"run\":%d,\"ms\":%.1f,\"bytes\":%d}\n", i+1, ms, len(beside))
	}
	return nil
}
