// Command listctl makes, checks and publishes PartnerWatch lists:
//
//	listctl keygen -out PREFIX
//	listctl sign   -key KEYFILE -in DIR_OR_PAYLOAD_JSON [-out FILE] [-validity 720h] [-id ID] [-at RFC3339]
//	listctl verify -keys KEYSFILE [-min-version N] FILE
//	listctl lint   DIR_OR_PAYLOAD_JSON_OR_ENVELOPE
//	listctl push   -url WORKER_URL [-token-file FILE] FILE
//
// A list is signed offline with the private key from keygen; clients and the
// worker pin the public key. The source of the default list is the folder
// wasm/list/defaultlist (see its README).
//
// Exit status: 0 on success, 1 when the command fails, 2 on a usage error.
package main

import (
	"net/http"
	"os"
	"time"
)

func main() {
	e := &env{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		now:    time.Now,
		client: &http.Client{Timeout: 2 * time.Minute},
	}
	os.Exit(run(e, os.Args[1:]))
}
