package core

import (
	"strconv"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// panicHook, when set by a test, runs inside guard to provoke a panic.
var panicHook func()

// guard runs one call and encodes its Response. A panic becomes an internal
// error: the JavaScript side always gets an answer it can parse.
func guard(call func() *Response) (out []byte) {
	defer func() {
		if v := recover(); v != nil {
			out = encode(fail(CodeInternal, "the core failed unexpectedly: "+panicText(v)))
		}
	}()
	if panicHook != nil {
		panicHook()
	}
	return encode(call())
}

func panicText(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "unknown panic"
}

// encode marshals a Response.
func encode(r *Response) []byte {
	w := jwriter.Writer{Flags: jwriter.NilSliceAsEmpty}
	r.MarshalEasyJSON(&w)
	b, err := w.BuildBytes()
	if err != nil {
		return []byte(`{"ok":false,"error":{"code":"internal","message":"the response did not encode"}}`)
	}
	return b
}

// fail returns an error Response.
func fail(code, message string) *Response {
	return &Response{Error: &Error{Code: code, Message: message}}
}

// maxLoadRequest caps a LoadRequest: the largest envelope list.Verify takes,
// plus room for JSON escaping and the keys.
const maxLoadRequest = list.MaxEnvelopeBytes + list.MaxEnvelopeBytes/8 + 64<<10

// decode unmarshals one JSON request after checking its size against limit;
// it returns an error Response when the input is not acceptable.
func decode(what string, in []byte, limit int, v interface{ UnmarshalEasyJSON(*jlexer.Lexer) }) *Response {
	if len(in) > limit {
		return fail(CodeTooLarge, "the "+what+" is "+strconv.Itoa(len(in))+" bytes, more than the "+strconv.Itoa(limit)+"-byte limit")
	}
	l := jlexer.Lexer{Data: in}
	if l.IsNull() {
		return fail(CodeBadRequest, "the "+what+" is empty or null, want a JSON object")
	}
	v.UnmarshalEasyJSON(&l)
	l.Consumed()
	if err := l.Error(); err != nil {
		return fail(CodeBadRequest, "the "+what+" is not valid JSON of the expected shape: "+lexerMessage(err))
	}
	return nil
}

// lexerMessage words a jlexer error without its raw data dump.
func lexerMessage(err error) string {
	if le, ok := err.(*jlexer.LexerError); ok {
		msg := le.Reason
		if le.Offset > 0 {
			msg += " at byte " + strconv.Itoa(le.Offset)
		}
		return msg
	}
	return err.Error()
}
