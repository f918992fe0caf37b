package htmlobs

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

const page = "https://shop.example.com/account/login?x=1"

var selectors = []string{"div.fb-login-button", "#g_id_onload", "fb\\:login-button", "[[bad selector", "div.fb-customerchat"}

func observe(t *testing.T, doc string) *detect.Observation {
	t.Helper()
	o, err := Observe(page, strings.NewReader(doc), detect.CollectSet{Selectors: selectors})
	if err != nil {
		t.Fatalf("Observe: %v", err)
	}
	return o
}

func TestObserveURLs(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		scripts []string
		frames  []string
		links   []string
		forms   []string
	}{
		// URLs are made absolute against the page.
		{name: "relative", doc: `<script src="/js/app.js"></script><iframe src="frame.html"></iframe><a href="../auth/facebook">x</a><a href="//m.me/shop">y</a>`,
			scripts: []string{"https://shop.example.com/js/app.js"},
			frames:  []string{"https://shop.example.com/account/frame.html"},
			links:   []string{"https://shop.example.com/auth/facebook", "https://m.me/shop"}},
		// ... or against <base href>.
		{name: "base", doc: `<head><base href="https://cdn.example.net/app/"></head><script src="sdk.js"></script><a href="/x">x</a>`,
			scripts: []string{"https://cdn.example.net/app/sdk.js"}, links: []string{"https://cdn.example.net/x"}},
		// Browsers strip white space and newlines from URL attributes.
		{name: "white space", doc: "<a href=\"  https://m.me/\nshop \">x</a>", links: []string{"https://m.me/shop"}},
		// Forms: the action, or the page URL when there is none.
		{name: "forms", doc: `<form action="/auth/google" method="post"></form><form></form>`,
			forms: []string{"https://shop.example.com/auth/google", page}},
		// Scripts that are not JavaScript, and links without href.
		{name: "not JavaScript", doc: `<script type="application/ld+json" src="/a.json"></script><script type="text/template" src="/t.html"></script><script type="module" src="/m.js"></script><a name="x">x</a>`,
			scripts: []string{"https://shop.example.com/m.js"}},
		// Nothing from inert or textual markup.
		{name: "inert", doc: `<template><script src="https://connect.facebook.net/en_US/sdk.js"></script><a href="https://m.me/a">a</a></template>
			<noscript><iframe src="https://www.facebook.com/plugins/page.php"></iframe></noscript>
			<!-- <a href="https://m.me/b">b</a> -->
			<pre>&lt;a href="https://m.me/c"&gt;c&lt;/a&gt;</pre><code>&lt;script src="https://accounts.google.com/gsi/client"&gt;&lt;/script&gt;</code>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := observe(t, tt.doc)
			var frames, links, forms []string
			for _, f := range o.Frames {
				frames = append(frames, f.Src)
			}
			for _, l := range o.Links {
				links = append(links, l.Href)
			}
			for _, f := range o.Forms {
				forms = append(forms, f.Action)
			}
			for _, c := range []struct {
				what      string
				got, want []string
			}{{"scripts", o.Scripts, tt.scripts}, {"frames", frames, tt.frames}, {"links", links, tt.links}, {"forms", forms, tt.forms}} {
				if !slices.Equal(c.got, c.want) {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

func TestObserveInline(t *testing.T) {
	o := observe(t, `<script>FB.login(cb)</script>
		<script type="text/javascript">  google.accounts.id.initialize({})  </script>
		<script type="application/json">{"FB.login(":1}</script>
		<script type="text/x-template"><button>Sign in with Google</button></script>
		<script></script>`)
	want := []string{"FB.login(cb)", "google.accounts.id.initialize({})"}
	if !slices.Equal(o.Inline, want) {
		t.Errorf("inline = %q, want %q", o.Inline, want)
	}
	if len(o.Elements) != 0 {
		t.Errorf("elements from a template script: %+v", o.Elements)
	}
	long := observe(t, "<script>"+strings.Repeat("x", detect.MaxInlineBytes+10)+"</script>")
	if len(long.Inline) != 1 || len(long.Inline[0]) != detect.MaxInlineBytes {
		t.Errorf("inline script not cut to MaxInlineBytes")
	}
}

func TestObserveTexts(t *testing.T) {
	o := observe(t, `<a href="/auth/facebook" title="Log in">  Continue
		with <b>Facebook</b><script>x</script></a>
		<a href="/auth/google" aria-label="Sign in with Google"><img alt="G"></a>
		<a href="/p"><div>Sign</div><div>in</div></a>
		<form action="/auth/twitter" aria-label="Twitter form"><button>Sign in with X</button><input type="submit" value="Go"><button type="button">Cancel</button></form>`)
	tests := []struct{ text, label string }{
		{"Continue with Facebook", "Log in"},
		{"", "Sign in with Google"},
		{"Sign in", ""},
	}
	if len(o.Links) != len(tests) {
		t.Fatalf("%d links, want %d", len(o.Links), len(tests))
	}
	for i, tt := range tests {
		if l := o.Links[i]; l.Text != tt.text || l.Label != tt.label {
			t.Errorf("link %d: text %q label %q; want %q %q", i, l.Text, l.Label, tt.text, tt.label)
		}
	}
	if f := o.Forms[0]; f.Text != "Sign in with X Go" || f.Label != "Twitter form" {
		t.Errorf("form text %q label %q", f.Text, f.Label)
	}
}

func TestObserveElements(t *testing.T) {
	o := observe(t, `<div class="fb-login-button" data-size="large"></div>
		<div id="g_id_onload" data-client_id="1"><span>ignored</span></div>
		<fb:login-button scope="email"></fb:login-button>
		<button class="x">  Sign in with Google </button>
		<div role="button" aria-label="Continue with Apple"></div>
		<input type="submit" value="Log in with LINE">
		<input type="text" value="not a button">
		<button></button>
		<div role="button">`+strings.Repeat("A long panel that merely behaves like a button. ", 3)+`</div>
		<div class="fb-customerchat fb-login-button"></div>`)
	tests := []struct {
		tag, text, label string
		matches          []int
	}{
		{"div", "", "", []int{0}},
		{"div", "ignored", "", []int{1}},
		{"fb:login-button", "", "", []int{2}},
		{"button", "Sign in with Google", "", nil},
		{"div", "", "Continue with Apple", nil},
		{"input", "Log in with LINE", "", nil},
		{"div", "", "", []int{0, 4}},
	}
	if len(o.Elements) != len(tests) {
		t.Fatalf("%d elements, want %d: %+v", len(o.Elements), len(tests), o.Elements)
	}
	for i, tt := range tests {
		el := o.Elements[i]
		if el.Tag != tt.tag || el.Text != tt.text || el.Label != tt.label || !slices.Equal(el.Matches, tt.matches) {
			t.Errorf("element %d: %q %q %q %v; want %q %q %q %v", i, el.Tag, el.Text, el.Label, el.Matches, tt.tag, tt.text, tt.label, tt.matches)
		}
	}
	if got := o.Elements[0].Attrs.Get("data-size"); got != "large" {
		t.Errorf("attrs: %v", o.Elements[0].Attrs)
	}
	// Refs are unique and in document order.
	for i := 1; i < len(o.Elements); i++ {
		if o.Elements[i].Ref <= o.Elements[i-1].Ref {
			t.Errorf("refs not increasing: %d then %d", o.Elements[i-1].Ref, o.Elements[i].Ref)
		}
	}
}

func TestObserveRefs(t *testing.T) {
	// A link that is also a candidate button keeps one ref.
	o := observe(t, `<a href="/a">a</a><a href="/auth/google" role="button">Google</a><iframe src="/f"></iframe>`)
	if len(o.Links) != 2 || len(o.Elements) != 1 || len(o.Frames) != 1 {
		t.Fatalf("got %d links, %d elements, %d frames", len(o.Links), len(o.Elements), len(o.Frames))
	}
	if o.Links[0].Ref != 0 || o.Links[1].Ref != 1 || o.Elements[0].Ref != 1 || o.Frames[0].Ref != 2 {
		t.Errorf("refs: links %d %d, element %d, frame %d", o.Links[0].Ref, o.Links[1].Ref, o.Elements[0].Ref, o.Frames[0].Ref)
	}
}

func TestObserveBounds(t *testing.T) {
	var b strings.Builder
	for range detect.MaxLinks + 10 {
		b.WriteString(`<a href="/x">x</a>`)
	}
	b.WriteString(`<a href="/y">` + strings.Repeat("é", detect.MaxTextBytes) + `</a>`)
	o := observe(t, b.String())
	if len(o.Links) != detect.MaxLinks {
		t.Errorf("%d links, want %d", len(o.Links), detect.MaxLinks)
	}
	// Texts are cut on a rune boundary: a matched element with a long text.
	o = observe(t, `<div class="fb-login-button">`+strings.Repeat("é", detect.MaxTextBytes)+`</div>`)
	if n := len(o.Elements[0].Text); n > detect.MaxTextBytes || n < detect.MaxTextBytes-1 {
		t.Errorf("text of %d bytes, want about %d", n, detect.MaxTextBytes)
	}
	// A candidate button with a long text is left out.
	o = observe(t, `<button>`+strings.Repeat("x", MaxButtonText+1)+`</button><button>`+strings.Repeat("x", MaxButtonText)+`</button>`)
	if len(o.Elements) != 1 || len(o.Elements[0].Text) != MaxButtonText {
		t.Errorf("candidate buttons by length: %+v", o.Elements)
	}
}

func TestObserveErrors(t *testing.T) {
	for _, u := range []string{"", "/relative", "https://", "::"} {
		if _, err := Observe(u, strings.NewReader("<p>"), detect.CollectSet{}); err == nil {
			t.Errorf("Observe(%q) accepted the page URL", u)
		}
	}
	if _, err := Observe(page, errReader{}, detect.CollectSet{}); err == nil || !strings.Contains(err.Error(), "reading") {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errTest }

var errTest = &testError{}

type testError struct{}

func (*testError) Error() string { return "test read error" }
