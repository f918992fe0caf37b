package detect

// Truncate is truncate, for the contract test in package detect_test.
var Truncate = truncate
