//go:build tools

// Package tools pins the code generator that go generate runs (easyjson,
// through wasm/cmd/easyjsonlite), so that `go mod tidy` keeps it in go.mod
// although no package imports it. Every other dependency is imported by
// the code or tests that use it.
package tools

import (
	_ "github.com/mailru/easyjson/easyjson"
)
