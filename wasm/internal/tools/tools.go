//go:build tools

// Package tools pins the module's dependencies and code generators so that
// `go mod tidy` keeps them while the packages that use them are in flux, and
// so that `go generate` runs the pinned easyjson generator.
package tools

import (
	_ "github.com/andybalholm/cascadia"
	_ "github.com/mailru/easyjson/easyjson"
	_ "golang.org/x/net/html"
	_ "golang.org/x/net/idna"
	_ "golang.org/x/net/publicsuffix"
)
