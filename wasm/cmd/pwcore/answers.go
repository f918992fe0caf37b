package main

// globalName is the global object the boundary defines.
const globalName = "partnerwatch"

// Answers the boundary gives itself, for what never reaches the core. They
// have the core's Response shape (a host test decodes them).
const (
	argAnswer   = `{"ok":false,"error":{"code":"bad_request","message":"pass one JSON string"}}`
	panicAnswer = `{"ok":false,"error":{"code":"internal","message":"the core failed unexpectedly"}}`
)
