// Command worker is PartnerWatch's list worker: it serves the current signed
// partner list to extensions, accepts signed uploads from the list's
// maintainers, and shows the list as a readable page. It never holds a
// signing key; clients verify every list themselves.
//
// The same handler (package server) runs in two places:
//
//   - natively (main_other.go): `go run ./worker -addr 127.0.0.1:8787 -data
//     .state/worker -list build/list/default.signed.json -keys
//     .keys/dev.pub.json`, keeping uploads in a file (package filestore);
//   - on Cloudflare Workers (main_js.go), built by `make worker` with
//     GOOS=js GOARCH=wasm and started once per isolate by glue/worker.mjs,
//     keeping uploads in KV with a D1 row as the version check (package
//     cfstore) and the bundled list as static assets.
//
// See worker/README.md for self-hosting.
package main
