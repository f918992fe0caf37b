// Package fuzzseed holds the seed inputs the security checklist
// (SECURITY.md, A1) has every parser fuzz target start from, so that the
// list's own fuzz targets (wasm/list) and the worker's admin upload target
// (worker/server FuzzAdminPayload) start from the same inputs. It imports
// nothing but the standard library and is meant for tests only.
package fuzzseed

import "strings"

// Checklist returns the checklist's seeds around valid, a valid document of
// the target's kind: valid itself, empty, {}, null, 10,000-deep nesting
// (arrays, an envelope's payload, objects in a list field), duplicate keys,
// NaN, 1e309 and -0, invalid UTF-8, valid behind a byte-order mark, and NUL
// characters, escaped and raw; and the envelope's payload_json form (both
// payload forms, invalid UTF-8, a lone surrogate, deep nesting inside). (The 32 MiB string is not a seed: every
// mutation would copy it; list.TestVerifyHugeInputs and the worker's
// TestUploadSizeCap cover it.)
func Checklist(valid []byte) [][]byte {
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepObj := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
	return [][]byte{
		valid,
		{},
		[]byte("{}"),
		[]byte("null"),
		[]byte(deep),
		[]byte(`{"payload":` + deep + `}`),
		[]byte(`{"partners":` + deepObj + `}`),
		[]byte(`{"payload":"e30=","payload":"e30=","signatures":[]}`),
		[]byte(`{"schema":1,"schema":2,"id":"a","id":"b"}`),
		[]byte(`{"version":NaN}`),
		[]byte(`{"version":1e309}`),
		[]byte(`{"version":-0}`),
		[]byte("{\"id\":\"\xff\xfe\xc0\x80\"}"),
		append([]byte("\xef\xbb\xbf"), valid...),
		[]byte(`{"id":"a\u0000b","payload":"\u0000"}`),
		[]byte("{\"payload\":\"\x00\"}"),
		// The payload_json form: both forms at once, invalid UTF-8 and a
		// lone surrogate inside it, a deeply nested payload as a string.
		[]byte(`{"payload":"e30=","payload_json":"{}","signatures":[]}`),
		[]byte("{\"payload_json\":\"{\\\"id\\\":\\\"\xff\\\"}\",\"signatures\":[]}"),
		[]byte(`{"payload_json":"{\"id\":\"\ud800\"}","signatures":[]}`),
		[]byte(`{"payload_json":"` + strings.ReplaceAll(deepObj, `"`, `\"`) + `","signatures":[]}`),
	}
}
