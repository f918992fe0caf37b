package oauth

// After easyjson (oauth.go), drop the generated file's import of the root
// easyjson package, which links net/http into the WebAssembly build. This
// file's name sorts after oauth.go, so go generate runs it last.
//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite oauth_easyjson.go
