package list

// After easyjson (envelope.go, keyfile.go, list.go), drop the generated
// files' import of the root easyjson package, which links net/http into the
// WebAssembly build. This file's name sorts after theirs, so go generate runs
// it last.
//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite envelope_easyjson.go keyfile_easyjson.go list_easyjson.go
