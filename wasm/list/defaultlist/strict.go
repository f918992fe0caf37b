package defaultlist

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// strictFields reports JSON object keys in data that no field of t (after
// its json tag, matched exactly) accepts. The easyjson decoders skip unknown
// keys, which is right for a signed list read by an older client but wrong
// for a source file, where an unknown key is a typo that would silently drop
// a signal or a source.
func strictFields(name string, data []byte, t reflect.Type) error {
	var doc any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var unknown []string
	walkFields(doc, t, "", &unknown)
	switch len(unknown) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: unknown field %s", name, unknown[0])
	default:
		return fmt.Errorf("%s: unknown fields %s", name, strings.Join(unknown, ", "))
	}
}

// walkFields collects the paths of unknown keys of v, read as type t.
func walkFields(v any, t reflect.Type, at string, unknown *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return // a type mismatch; the decoder reports it
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if at != "" {
				p = at + "." + k
			}
			f, ok := fieldByTag(t, k)
			if !ok {
				*unknown = append(*unknown, p)
				continue
			}
			walkFields(obj[k], f.Type, p, unknown)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return
		}
		for i, e := range arr {
			walkFields(e, t.Elem(), at+"["+strconv.Itoa(i)+"]", unknown)
		}
	}
}

// fieldByTag finds the field of struct t whose json name is key.
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == key && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
