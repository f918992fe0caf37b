// Package cfjs is the list worker's small toolbox for the JavaScript side
// of Cloudflare Workers: variables of a worker's env, promises awaited from
// Go, exceptions turned into errors, and byte copies across the boundary.
//
// It replaces the Go packages of github.com/syumai/workers, which the worker
// no longer uses: they link net/http (and with it TLS and certificate code),
// which doubled the WebAssembly binary, and their glue starts a Go instance
// per request. The worker's own glue is worker/glue/worker.mjs.
//
// Only files ending in _js.go use syscall/js; this file lets the package
// build (empty) on other platforms.
package cfjs
