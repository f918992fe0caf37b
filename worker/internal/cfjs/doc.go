// Package cfjs is the list worker's small toolbox for the JavaScript side
// of Cloudflare Workers: the runtime context that syumai/workers' glue
// (worker.mjs, wasm_exec.js) hands to each Go instance, promises awaited
// from Go, exceptions turned into errors, and byte copies across the
// boundary.
//
// It replaces the Go packages of github.com/syumai/workers, which the worker
// no longer imports: they link net/http (and with it TLS and certificate
// code), which doubled the WebAssembly binary and the start-up that every
// request pays. The worker keeps syumai/workers' JavaScript glue, generated
// by its workers-assets-gen command, and its contract: a global "context"
// with env, ctx and binding, binding.handleRequest, and the "workers.ready"
// import.
//
// Only files ending in _js.go use syscall/js; this file lets the package
// build (empty) on other platforms.
package cfjs
