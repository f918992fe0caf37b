package htmlobs

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// TestObserveHandlers checks which event-handler and javascript: URL texts
// go into Inline, and how.
func TestObserveHandlers(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		// Event-handler attributes, any element, any event.
		{"onclick", `<button class="fb" onclick="FB.login(cb, {scope: 'email'})"><img src="/fb.svg" alt=""></button>`,
			[]string{"FB.login(cb, {scope: 'email'})"}},
		{"upper case name", `<DIV ONCLICK=" AppleID.auth.signIn() ">x</DIV>`, []string{"AppleID.auth.signIn()"}},
		{"several, in document order", `<body onload="init()"><form onsubmit="return go()"><input onfocus="a()"></form></body>`,
			[]string{"init()\nreturn go()\na()"}},
		// javascript: link targets, decoded as the browser runs them.
		{"javascript href", `<a href="javascript:AppleID.auth.signIn()">Apple</a>`, []string{"AppleID.auth.signIn()"}},
		{"javascript href decoded", `<a href=" JavaScript:FB.login(function()%7B%7D)%3B">f</a>`, []string{"FB.login(function(){});"}},
		{"javascript area", `<map><area href="javascript:VK.Auth.login(cb)"></map>`, []string{"VK.Auth.login(cb)"}},
		{"bad escape kept", `<a href="javascript:FB.login(%zz)">f</a>`, []string{"FB.login(%zz)"}},
		// Inline scripts come first, handlers after.
		{"after scripts", `<button onclick="FB.login()">x</button><script>var a = 1;</script>`, []string{"var a = 1;", "FB.login()"}},
		// Not handlers: other attributes, empty handlers, javascript: in
		// other attributes, inert markup, handlers shown as text.
		{"not handlers", `<div data-onclick="FB.login()" on="x" on-click="FB.login()" onclick="  " title="javascript:FB.login()">x</div>
			<img src="javascript:FB.login()"><a href="https://example.com/javascript:FB.login()">x</a>`, nil},
		{"inert", `<template><button onclick="FB.login()">x</button></template><noscript><a href="javascript:FB.login()">x</a></noscript>
			<pre>&lt;button onclick="FB.login()"&gt;</pre><!-- <a onclick="FB.login()"> -->`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := observe(t, tt.doc)
			if !slices.Equal(o.Inline, tt.want) {
				t.Errorf("inline = %q, want %q", o.Inline, tt.want)
			}
		})
	}
}

// TestObserveHandlerBounds checks the handler bounds: the first MaxHandlers
// texts, each cut to MaxHandlerBytes, packed into entries of at most
// MaxInlineBytes, and room made for them among MaxInline entries.
func TestObserveHandlerBounds(t *testing.T) {
	var b strings.Builder
	for i := range detect.MaxHandlers + 6 {
		b.WriteString(`<button onclick="h` + strings.Repeat("x", detect.MaxHandlerBytes) + `">` + string(rune('a'+i%26)) + `</button>`)
	}
	o := observe(t, b.String())
	n, total := 0, 0
	for _, e := range o.Inline {
		if len(e) > detect.MaxInlineBytes {
			t.Errorf("an entry of %d bytes, more than %d", len(e), detect.MaxInlineBytes)
		}
		for h := range strings.SplitSeq(e, "\n") {
			n++
			if len(h) != detect.MaxHandlerBytes {
				t.Errorf("a handler of %d bytes, want it cut to %d", len(h), detect.MaxHandlerBytes)
			}
			total += len(h)
		}
	}
	if n != detect.MaxHandlers {
		t.Errorf("%d handlers kept, want %d", n, detect.MaxHandlers)
	}
	// Packed: as few entries as the bytes need (7 handlers of 2 KB fit in
	// 16 KB with their separators).
	perEntry := (detect.MaxInlineBytes + 1) / (detect.MaxHandlerBytes + 1)
	if want := (detect.MaxHandlers + perEntry - 1) / perEntry; len(o.Inline) != want {
		t.Errorf("%d entries, want %d", len(o.Inline), want)
	}

	// A page full of inline scripts still keeps its handlers.
	b.Reset()
	for range detect.MaxInline + 5 {
		b.WriteString(`<script>var x = 1;</script>`)
	}
	b.WriteString(`<button onclick="FB.login()">f</button>`)
	o = observe(t, b.String())
	if len(o.Inline) != detect.MaxInline {
		t.Errorf("%d inline entries, want %d", len(o.Inline), detect.MaxInline)
	}
	if last := o.Inline[len(o.Inline)-1]; last != "FB.login()" {
		t.Errorf("last inline entry = %q, want the handler", last)
	}
}
