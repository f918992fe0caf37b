package detect

import (
	"net/url"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// FuzzSplitURL cross-checks the fast URL splitter with the slow reference,
// net/url and domain.Normalize: when both read a host, it is the same host.
func FuzzSplitURL(f *testing.F) {
	for _, s := range []string{
		"https://www.facebook.com/v18.0/dialog/oauth?client_id=1",
		"HTTP://User:Pw@M.ME:8080/x?y#z",
		"https://[2001:db8::1]:443/a",
		"https://xn--bcher-kva.example/",
		"https://bücher.example/",
		"//connect.facebook.net/en_US/sdk.js",
		"https://evil.com\\@m.me/",
		"https://a.b.c./",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, ok := splitURL(raw)
		if !ok {
			return
		}
		if p.path == "" || p.path[0] != '/' && p.path[0] != '\\' {
			t.Fatalf("splitURL(%q): path %q does not start with a slash", raw, p.path)
		}
		if strings.ContainsAny(raw, "\\\t\n\r") || !strings.HasPrefix(strings.ToLower(raw), "http") {
			return // the reference reads these differently from browsers
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return
		}
		ref, err := domain.Normalize(u.Hostname())
		if err != nil {
			return
		}
		if p.host != ref {
			t.Fatalf("splitURL(%q) host %q, reference %q", raw, p.host, ref)
		}
	})
}

// FuzzAnalyze feeds arbitrary URLs and texts to the engine: it must not
// panic, and its report must keep its invariants.
func FuzzAnalyze(f *testing.F) {
	f.Add("https://shop.example.com/", "https://m.me/x", "Continue with Facebook", "FB.login(")
	f.Add("http://192.0.2.7/", "/auth/google", "Google", "")
	f.Add("https://www.facebook.com/", "https://www.facebook.com/v1/dialog/oauth?client_id=1", "", "")
	e, err := Compile(testList())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, page, href, text, inline string) {
		obs := &Observation{
			URL:      page,
			Inline:   []string{inline},
			Links:    []Link{{Ref: 1, Href: href, Text: text, Label: text}},
			Forms:    []Form{{Ref: 2, Action: href, Text: text}},
			Frames:   []Frame{{Ref: 3, Src: href}},
			Elements: []Element{{Ref: 4, Tag: "button", Text: text, Attrs: Attrs{{"formaction", href}}}},
			Requests: []Request{{URL: href, Type: "main_frame"}, {URL: href, Type: "script"}},
		}
		rep := e.Report(obs)
		if rep.Findings == nil {
			t.Fatal("nil findings")
		}
		for _, f := range rep.Findings {
			if len(f.Evidence) == 0 || len(f.Evidence) > MaxEvidence || f.Grants == nil || f.Confidence == "" {
				t.Fatalf("finding %+v", f)
			}
		}
	})
}
