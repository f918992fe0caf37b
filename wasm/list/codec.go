package list

import (
	"unicode/utf8"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
)

// Decode parses payload bytes into a List without validating it; call
// Validate next (Verify does). It rejects anything but one JSON object, with
// nothing after it but white space. Missing or null top-level arrays decode
// as empty slices, never nil. The payload must be UTF-8, as JSON text is:
// the lexer would keep other bytes in strings, and Encode would write them
// as U+FFFD, so the list would not survive a round trip.
func Decode(payload []byte) (*List, error) {
	l := new(List)
	in := jlexer.Lexer{Data: payload}
	if !utf8.Valid(payload) {
		in.AddError(&jlexer.LexerError{Reason: "the payload is not valid UTF-8"})
		return nil, in.Error()
	}
	if in.IsNull() {
		in.AddError(&jlexer.LexerError{Reason: "payload is null, want an object"})
		return nil, in.Error()
	}
	l.UnmarshalEasyJSON(&in)
	in.Consumed()
	if err := in.Error(); err != nil {
		return nil, err
	}
	l.fillSlices()
	return l, nil
}

// Encode returns the JSON payload of l. Nil slices are written as [] so that
// every array the contract promises is present.
func Encode(l *List) ([]byte, error) {
	w := jwriter.Writer{Flags: jwriter.NilSliceAsEmpty}
	l.MarshalEasyJSON(&w)
	return w.BuildBytes()
}

// fillSlices replaces nil top-level slices with empty ones.
func (l *List) fillSlices() {
	if l.Permissions == nil {
		l.Permissions = []Permission{}
	}
	if l.Providers == nil {
		l.Providers = []Provider{}
	}
	if l.Partners == nil {
		l.Partners = []Partner{}
	}
}
