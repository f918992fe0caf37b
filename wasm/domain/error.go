package domain

import "fmt"

// Error reports why a host or URL was rejected. Input holds the text that was
// given, Reason a sentence fragment saying what is wrong with it.
type Error struct {
	Input  string
	Reason string
}

// Error returns a message such as `domain: "a..b": empty label`.
func (e *Error) Error() string {
	return fmt.Sprintf("domain: %q: %s", e.Input, e.Reason)
}

// errorf builds an *Error for input.
func errorf(input, format string, args ...any) error {
	return &Error{Input: input, Reason: fmt.Sprintf(format, args...)}
}
