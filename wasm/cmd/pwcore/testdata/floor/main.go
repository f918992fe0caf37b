//go:build js && wasm

// Command floor is the smallest program the core could be with standard
// Go and the JSON library the project uses: the boundary of testdata/empty
// plus what the core cannot do without (syscall/js, Ed25519 and SHA-256
// for the signed list, base64 and hex for its keys and digests,
// time.Parse for its dates, strconv and unicode for its text rules, and
// easyjson's reader and writer, through which the list and the API's JSON
// go), each called on input from JavaScript so that the linker keeps it.
// `make bench-wasm` measures its size and cold start beside the empty
// program's and the core's: what it costs is out of reach of any change
// to PartnerWatch's own code.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"syscall/js"
	"time"
	"unicode"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
)

func main() {
	answer := js.FuncOf(func(js.Value, []js.Value) any { return `{"ok":true}` })
	api := js.Global().Get("Object").New()
	for _, name := range []string{"report", "reportFlat", "inspect", "version"} {
		api.Set(name, answer)
	}
	api.Set("loadList", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 3 {
			return `{"ok":false}`
		}
		return strconv.FormatBool(check(args[0].String(), args[1].String(), args[2].String()))
	}))
	js.Global().Set("partnerwatch", api)
	select {}
}

// check verifies a base64 signature of a text under a hex key, reads a
// date and a number from the text, as a list load does, and reads a JSON
// string from the rest and writes it back, as the core's API does.
func check(text, sig64, keyHex string) bool {
	key, err := hex.DecodeString(keyHex)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return false
	}
	sig, err := base64.StdEncoding.DecodeString(sig64)
	if err != nil {
		return false
	}
	sum := sha256.Sum256([]byte(text))
	if !ed25519.Verify(key, sum[:], sig) {
		return false
	}
	date, rest, _ := strings.Cut(text, " ")
	if _, err := time.Parse(time.RFC3339, date); err != nil {
		return false
	}
	n, err := strconv.Atoi(strings.TrimFunc(rest, unicode.IsSpace))
	if err != nil || n <= 0 {
		return false
	}
	// The list and the API as easyjson reads and writes them.
	in := jlexer.Lexer{Data: []byte(rest)}
	var w jwriter.Writer
	w.String(in.String())
	out, err := w.BuildBytes()
	return err == nil && in.Error() == nil && len(out) > 0
}
