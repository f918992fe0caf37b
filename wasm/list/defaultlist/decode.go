package defaultlist

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"

	"github.com/mailru/easyjson/jlexer"
)

// maxFileBytes caps one source file.
const maxFileBytes = 16 << 20

// decoder is a pointer to a type with a generated easyjson decoder.
type decoder[T any] interface {
	*T
	UnmarshalEasyJSON(*jlexer.Lexer)
}

// readArray reads a file holding a JSON array of T. The result is never nil.
func readArray[T any, PT decoder[T]](fsys fs.FS, name string) ([]T, error) {
	data, err := readSource(fsys, name)
	if err != nil {
		return nil, err
	}
	out := []T{}
	in := jlexer.Lexer{Data: data}
	in.Delim('[')
	for in.Ok() && !in.IsDelim(']') {
		var v T
		PT(&v).UnmarshalEasyJSON(&in)
		out = append(out, v)
		in.WantComma()
	}
	in.Delim(']')
	in.Consumed()
	if err := in.Error(); err != nil {
		return nil, syntaxError(name, data, err)
	}
	if err := strictFields(name, data, reflect.TypeFor[[]T]()); err != nil {
		return nil, err
	}
	return out, nil
}

// readObject reads a file holding one JSON object T.
func readObject[T any, PT decoder[T]](fsys fs.FS, name string) (*T, error) {
	data, err := readSource(fsys, name)
	if err != nil {
		return nil, err
	}
	v := new(T)
	in := jlexer.Lexer{Data: data}
	if in.IsNull() {
		return nil, fmt.Errorf("%s: null, want an object", name)
	}
	PT(v).UnmarshalEasyJSON(&in)
	in.Consumed()
	if err := in.Error(); err != nil {
		return nil, syntaxError(name, data, err)
	}
	if err := strictFields(name, data, reflect.TypeFor[T]()); err != nil {
		return nil, err
	}
	return v, nil
}

// readSource reads a file and checks its size.
func readSource(fsys fs.FS, name string) ([]byte, error) {
	data, err := readFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s: %d bytes, more than %d", name, len(data), maxFileBytes)
	}
	return data, nil
}

// syntaxError turns a lexer error into "name:line:column: reason".
func syntaxError(name string, data []byte, err error) error {
	var le *jlexer.LexerError
	if !errors.As(err, &le) {
		return fmt.Errorf("%s: %w", name, err)
	}
	off := min(max(le.Offset, 0), len(data))
	line := bytes.Count(data[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Errorf("%s:%d:%d: %s", name, line, col, le.Reason)
}
