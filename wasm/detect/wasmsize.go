package detect

// After easyjson (observation.go, report.go), drop the generated files'
// import of the root easyjson package, which links net/http into the
// WebAssembly build. This file's name sorts after theirs, so go generate
// runs it last.
//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite observation_easyjson.go report_easyjson.go
