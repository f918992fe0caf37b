package cfjs

import (
	"errors"
	"syscall/js"
)

// Getenv returns the string variable name of a worker's env, or "" when it
// is not set.
func Getenv(env js.Value, name string) string {
	v := env.Get(name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// Await waits for a JavaScript promise and returns its value, or its
// rejection as an error.
func Await(p js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	ch := make(chan outcome, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- outcome{v: args[0]}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- outcome{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	o := <-ch
	return o.v, o.err
}

// Call invokes a method that may throw, turning the exception into an error.
func Call(v js.Value, method string, args ...any) (result js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = errors.New(je.Error())
				return
			}
			err = errors.New("javascript call failed")
		}
	}()
	return v.Call(method, args...), nil
}

// CallAwait calls a method that returns a promise and waits for it.
func CallAwait(v js.Value, method string, args ...any) (js.Value, error) {
	p, err := Call(v, method, args...)
	if err != nil {
		return js.Value{}, err
	}
	return Await(p)
}

var uint8Array = js.Global().Get("Uint8Array")

// Bytes copies an ArrayBuffer or a Uint8Array into Go.
func Bytes(v js.Value) []byte {
	u8 := v
	if !v.InstanceOf(uint8Array) {
		u8 = uint8Array.New(v)
	}
	b := make([]byte, u8.Get("byteLength").Int())
	js.CopyBytesToGo(b, u8)
	return b
}

// Uint8Array copies b into a new JavaScript Uint8Array.
func Uint8Array(b []byte) js.Value {
	u8 := uint8Array.New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}
