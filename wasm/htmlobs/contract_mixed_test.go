package htmlobs

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// mixedFile holds generated cases: pages made at random of the markup where
// the Go and JavaScript collectors' string rules could part (capital İ, the
// Kelvin and long-s signs, final sigma, combining dots, Unicode spaces,
// U+200B and U+FEFF, CR LF, keyword values in every case, javascript: and
// app-scheme URLs), each with the observation and the controls that this
// package makes of it. The content script runs the same cases in Chromium
// (extension/test/e2e/contract.test.mjs), so a difference between the two
// collectors on any of them fails a test. TestContractMixed makes the file
// again from mixedSeed and fails when it differs; -update-contract rewrites
// it.
const mixedFile = "../../testdata/contract/mixed.json"

// mixedSeed and mixedCount fix the generated cases.
const (
	mixedSeed  = 20261203
	mixedCount = 60
)

// mixedCases is mixedFile's content.
type mixedCases struct {
	Doc         string            `json:"_doc"`
	Seed        uint64            `json:"seed"`
	Observation []observationCase `json:"observation"`
	Controls    []contractCase    `json:"controls"`
}

// The pieces the generated pages are made of.
var (
	mixedWords = []string{
		"Sign in", "with", "Facebook", "FACEBOO\u212a", "G\u0130THUB", "github", "Google", "L\u0130NKED\u0130N",
		"Twitter", "TW\u0130TTER", "\u03a3\u0391\u03a3", "o\u0307", "\u017fign", "Stra\u00dfe", "\u01c5", "Log in",
		"Continue", "Apple", "\u5fae\u535a", "VK", "Microsoft", "Yahoo", "x", "&amp;", "&#x130;", "&#x212A;", "&lt;3",
	}
	mixedSeps = []string{
		" ", "  ", "\u00a0", "\u200b", "\ufeff", "\t", "\n", "\r\n", "\u2028", "\u3000", "&nbsp;", "&#x200B;", "",
	}
	mixedURLs = []string{
		"/auth/facebook", " /login/github ", "https://www.facebook.com/v19.0/dialog/oauth?client_id=1",
		"HTTPS://ACCOUNTS.GOOGLE.COM/o/oauth2/auth", "https://accounts.google.com/gsi/client",
		"javascript:login('g\u0130thub')", "JavaScript:void(0)", "java\u017fcript:x()", "mailto:a@example.org",
		"whatsapp://send?phone=1", "#top", "?q=\u0130", "/\u017f", "https://xn--e1afmkfd.xn--p1ai/",
		"https://t.me/example", "", "  ", "https://wa.me/15551234567", "https://github.com/login/oauth/authorize?client_id=1",
		"/signin-L\u0130NKED\u0130N", "https://shop.example.com/account/login/TW\u0130TTER",
		"/a b?c d#e f", "/x?q=&quot;q&quot;", "/p/{x}`<y>|^", "/%zz", "page#", "#", "HTTP://Example.COM:80/a/../b/./c",
		"https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/x", `\\evil.example/x`, `/\evil.example`, "tel:+1 555",
		"/p'q?r's#t'", "https://accounts.google.com/o/oauth2/auth?redirect_uri=https%3A%2F%2Fshop.example.com%2Fcb&scope=openid%20email",
		"http://[::1/x", " https://%zz/ ",
	}
	// Script and frame sources: no javascript: URL, which a browser would run.
	mixedSources = []string{
		"/js/app.js", "//connect.facebook.net/en_US/sdk.js", "https://accounts.google.com/gsi/client",
		"HTTPS://APPLEID.CDN-APPLE.COM/appleauth/static/jsapi/appleid/1/en_US/appleid.auth.js", "", " ",
		"/\u017fdk.js", "https://static.xx.fbcdn.net/x.js?\u0130=1",
	}
	mixedBases = []string{
		"https://static.example.net/app/v1/", "/sub/dir/", "HTTPS://CDN.EXAMPLE.ORG/\u0130/", " https://shop.example.com/a b/ ",
		"https://[::1/", "javascript:void(0)", "data:text/html,x", "mailto:x@example.org", "ftp://files.example.org/pub/",
	}
	mixedTypes       = []string{"submit", "SUBMIT", "Submit", "subm\u0130t", "SUBM\u0130T", "button", "BUTTON", "image", "IMAGE", "radio", "RAD\u0130O", "hidden", "HIDDEN", "H\u0130DDEN", "reset", "RESET", "text", ""}
	mixedRoles       = []string{"button", "BUTTON", " button ", "link", "LINK", "LIN\u212a", "L\u0130NK", "presentation", ""}
	mixedScriptTypes = []string{"", "module", "text/javascript", "TEXT/JAVASCRIPT", "text/javascr\u0130pt", "application/ld+json", " text/javascript ; charset=utf-8", "text/x-template"}
	mixedClasses     = []string{"btn", "fb-login-button", "social-login google", "G\u0130THUB-btn", "wa-chat", "\u017fign-in"}
	mixedSelectors   = []string{".fb-login-button", "[data-provider]", `a[href*="facebook"]`, "button", "div[role=button]", ".social-login"}
	mixedTokens      = []string{"facebook", "fb", "google", "gplus", "apple", "github", "linkedin", "vk", "twitter", "microsoft", "\u5fae\u535a", "yahoo"}
)

// mixedPage makes one page's body at random.
type mixedPage struct {
	r *rand.Rand
	b strings.Builder
}

func (p *mixedPage) pick(from []string) string { return from[p.r.IntN(len(from))] }
func (p *mixedPage) chance(n int) bool         { return p.r.IntN(n) == 0 }

// text is one to four words with separators, now and then around them too,
// and one time in eight 20 to 80 words: past the bounds on texts, which
// cut in UTF-8 bytes.
func (p *mixedPage) text() string {
	var b strings.Builder
	if p.chance(4) {
		b.WriteString(p.pick(mixedSeps))
	}
	n := 1 + p.r.IntN(4)
	if p.chance(8) {
		n = 20 + p.r.IntN(60)
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(p.pick(mixedSeps))
		}
		b.WriteString(p.pick(mixedWords))
	}
	if p.chance(4) {
		b.WriteString(p.pick(mixedSeps))
	}
	return b.String()
}

// attr writes an attribute one time in odds (always for odds 1).
func (p *mixedPage) attr(name, value string, odds int) {
	if odds > 1 && !p.chance(odds) {
		return
	}
	fmt.Fprintf(&p.b, ` %s="%s"`, name, value)
}

func (p *mixedPage) handler() string {
	return p.pick([]string{"login('" + p.pick(mixedWords) + "')", " ", "openChat( 'G\u0130THUB' )", "return false"})
}

func (p *mixedPage) link() {
	p.b.WriteString("<a")
	if !p.chance(8) {
		p.attr("href", p.pick(mixedURLs), 1)
	}
	p.attr("title", p.text(), 4)
	p.attr("aria-label", p.text(), 5)
	p.attr("class", p.pick(mixedClasses), 3)
	p.attr("onclick", p.handler(), 6)
	p.b.WriteString(">")
	switch p.r.IntN(4) {
	case 0:
		fmt.Fprintf(&p.b, `<img src="i.png" alt="%s">`, p.text())
	case 1:
		fmt.Fprintf(&p.b, "<span>%s</span>%s<div>%s</div>", p.text(), p.pick(mixedSeps), p.text())
	default:
		p.b.WriteString(p.text())
	}
	p.b.WriteString("</a>")
}

func (p *mixedPage) button() {
	p.b.WriteString("<button")
	p.attr("type", p.pick(mixedTypes), 2)
	p.attr("class", p.pick(mixedClasses), 3)
	p.attr("onclick", p.handler(), 4)
	p.attr("aria-label", p.text(), 5)
	fmt.Fprintf(&p.b, ">%s</button>", p.text())
}

func (p *mixedPage) input() {
	p.b.WriteString("<input")
	p.attr("type", p.pick(mixedTypes), 1)
	p.attr("value", p.text(), 2)
	p.attr("name", p.pick(mixedWords), 3)
	p.attr("alt", p.text(), 4)
	p.b.WriteString(">")
}

func (p *mixedPage) role() {
	p.b.WriteString("<div")
	p.attr("role", p.pick(mixedRoles), 1)
	p.attr("onclick", p.handler(), 3)
	p.attr("data-provider", p.pick(mixedWords), 3)
	fmt.Fprintf(&p.b, ">%s</div>", p.text())
}

func (p *mixedPage) form() {
	p.b.WriteString("<form")
	p.attr("action", p.pick(mixedURLs), 2)
	p.attr("aria-label", p.text(), 4)
	p.b.WriteString(">")
	for i, n := 0, 1+p.r.IntN(3); i < n; i++ {
		if p.chance(2) {
			p.input()
		} else {
			p.button()
		}
	}
	p.b.WriteString("</form>")
}

func (p *mixedPage) script() {
	p.b.WriteString("<script")
	if !p.chance(3) {
		p.attr("type", p.pick(mixedScriptTypes), 1)
	}
	if p.chance(2) {
		p.attr("src", p.pick(mixedSources), 1)
		p.b.WriteString("></script>")
		return
	}
	fmt.Fprintf(&p.b, ">var label = %q;</script>", p.text())
}

func (p *mixedPage) piece(depth int) {
	switch p.r.IntN(10) {
	case 0, 1:
		p.link()
	case 2:
		p.button()
	case 3:
		p.input()
	case 4:
		p.role()
	case 5:
		p.form()
	case 6:
		p.script()
	case 7:
		if p.chance(3) {
			fmt.Fprintf(&p.b, `<iframe src="%s"></iframe>`, p.pick(mixedSources))
		} else {
			fmt.Fprintf(&p.b, `<span onclick="%s">%s</span>`, p.handler(), p.text())
		}
	case 8:
		fmt.Fprintf(&p.b, `<label><input type="radio" name="p" value="%s">%s</label>`, p.pick(mixedWords), p.text())
	default:
		if depth > 1 {
			p.b.WriteString(p.text())
			return
		}
		fmt.Fprintf(&p.b, `<div class="%s">%s`, p.pick(mixedClasses), p.text())
		for i, n := 0, 1+p.r.IntN(3); i < n; i++ {
			p.piece(depth + 1)
		}
		p.b.WriteString("</div>")
	}
}

// generateMixed makes the cases' markup: each page is one observation case
// and one controls case.
func generateMixed() mixedCases {
	r := rand.New(rand.NewPCG(mixedSeed, mixedSeed))
	m := mixedCases{
		Doc: "Generated by wasm/htmlobs TestContractMixed (go test ./wasm/htmlobs -run TestContractMixed -update-contract); do not edit. " +
			"Pages made at random of markup where the Go and JavaScript collectors' string rules could part; each is an observation case and a controls case in the form of observation.json and controls.json, with what wasm/htmlobs makes of it. " +
			"extension/test/e2e/contract.test.mjs holds the content script to the same in Chromium.",
		Seed: mixedSeed,
	}
	const url = "https://shop.example.com/account/login?step=1#top"
	for i := range mixedCount {
		p := &mixedPage{r: r}
		if r.IntN(5) == 0 {
			// A base URL for the targets (browsers take the first <base
			// href> wherever it is).
			fmt.Fprintf(&p.b, `<base href="%s">`, p.pick(mixedBases))
		}
		for j, n := 0, 3+r.IntN(6); j < n; j++ {
			p.piece(0)
		}
		name := fmt.Sprintf("mixed %02d", i)
		var sel []string
		for _, s := range mixedSelectors {
			if r.IntN(2) == 0 {
				sel = append(sel, s)
			}
		}
		m.Observation = append(m.Observation, observationCase{Name: name, URL: url, Selectors: sel, HTML: p.b.String()})
		m.Controls = append(m.Controls, contractCase{Name: name, URL: url, Tokens: mixedTokens, HTML: p.b.String()})
	}
	return m
}

func TestContractMixed(t *testing.T) {
	m := generateMixed()
	for i := range m.Observation {
		c := &m.Observation[i]
		got, err := observed(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		c.Want = got
	}
	for i := range m.Controls {
		c := &m.Controls[i]
		got, err := controlsOf(c)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		c.Controls = got
	}
	want := encodeCases(t, m)
	if *updateContract {
		writeCases(t, mixedFile, m)
		return
	}
	have, err := os.ReadFile(mixedFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("%s is not what the generator and this package make now; run go test ./wasm/htmlobs -run TestContractMixed -update-contract and review the diff", mixedFile)
	}
	// Every kind of piece made it into some page, and some pages have controls.
	controls := 0
	var all strings.Builder
	for _, c := range m.Controls {
		controls += len(c.Controls)
		all.WriteString(c.HTML)
	}
	for _, s := range []string{"<form", "<script", "<iframe", `role="`, `type="radio"`, "<img", "onclick="} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("no generated page has %s", s)
		}
	}
	if controls < mixedCount {
		t.Errorf("only %d controls in %d pages", controls, mixedCount)
	}
}

// controlsOf returns the controls of a controls case as the file holds
// them (refs canonical; none as an empty list).
func controlsOf(c *contractCase) ([]detect.Control, error) {
	o, err := Observe(c.URL, strings.NewReader(casePage("", c.HTML, c.Repeat)), detect.CollectSet{Tokens: c.Tokens})
	if err != nil {
		return nil, err
	}
	got := canonicalRefs(o.Controls)
	if len(got) == 0 {
		got = []detect.Control{}
	}
	return got, nil
}

// observed returns the observation of an observation case as the file
// holds it (comparable).
func observed(c *observationCase) (any, error) {
	o, err := Observe(c.URL, strings.NewReader(casePage(c.Head, c.HTML, c.Repeat)), detect.CollectSet{Selectors: c.Selectors})
	if err != nil {
		return nil, err
	}
	return comparable(o, c.Summary)
}
