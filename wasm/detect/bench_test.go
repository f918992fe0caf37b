package detect

import (
	"strconv"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// largePage is a synthetic page at the size the performance target names:
// 5,000 links, 300 scripts, 64 inline scripts, 500 elements, with a few real
// widgets among them.
func largePage(e *Engine) *Observation {
	o := &Observation{URL: "https://www.shop.example.co.uk/catalogue/page?id=1", ListVersion: e.List().Version}
	ref := 0
	next := func() int { ref++; return ref }
	for i := range 300 {
		host := [...]string{"cdn.shop.example.co.uk", "www.googletagmanager.com", "static.cdn-thirdparty.net", "js.stripe.com"}[i%4]
		o.Scripts = append(o.Scripts, "https://"+host+"/assets/js/chunk-"+strconv.Itoa(i)+".min.js?v=12345")
	}
	o.Scripts = append(o.Scripts, "https://connect.facebook.net/en_US/sdk.js", "https://accounts.google.com/gsi/client")
	inline := strings.Repeat("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)} ", 24)
	for i := range 63 {
		o.Inline = append(o.Inline, inline+strconv.Itoa(i))
	}
	o.Inline = append(o.Inline, "window.fbAsyncInit=function(){FB.init({appId:'1'});};function go(){FB.login(function(r){})}")
	for i := range 40 {
		o.Frames = append(o.Frames, Frame{Ref: next(), Src: "https://ads.example.net/frame/" + strconv.Itoa(i) + ".html"})
	}
	// Mostly the site's own links, some to other sites, a few social links
	// to hosts that also serve authorize endpoints, a few non-http links.
	for i := range 5000 {
		l := Link{Ref: next()}
		n := strconv.Itoa(i)
		switch {
		case i%100 < 3:
			host := [...]string{"www.facebook.com", "twitter.com", "www.linkedin.com"}[i%3]
			l.Href, l.Text, l.Label = "https://"+host+"/shopexample/posts/"+n, "Follow us", "Follow us on social media"
		case i%100 < 5:
			l.Href, l.Text = "mailto:help@shop.example.co.uk?subject=Order%20"+n, "Email us"
		case i%100 < 15:
			l.Href, l.Text = "https://brand"+strconv.Itoa(i%40)+".example.com/collections/summer?utm_source=shop&utm_medium=link", "Shop the brand's summer collection"
		case i%100 < 25:
			l.Href, l.Text, l.Label = "https://www.shop.example.co.uk/help/article-"+n, "Help with delivery and returns", "Help"
		default:
			l.Href, l.Text = "https://www.shop.example.co.uk/catalogue/product-"+n+"?colour=blue&size=m", "Product number "+n+" in blue, size medium"
		}
		o.Links = append(o.Links, l)
	}
	o.Links = append(o.Links,
		Link{Ref: next(), Href: "https://www.shop.example.co.uk/auth/facebook", Text: "Continue with Facebook"},
		Link{Ref: next(), Href: "https://m.me/shopexample", Text: "Chat with us"},
		Link{Ref: next(), Href: "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&redirect_uri=https%3A%2F%2Fwww.shop.example.co.uk%2Fcb&scope=openid%20email&response_type=code"},
	)
	// Controls, as a collector keeps them: every follow link names a token
	// (150 of them, in one footer row), and three site-rendered sign-in
	// controls.
	footer := next()
	for _, l := range o.Links {
		if strings.HasPrefix(l.Text, "Follow") {
			o.Controls = append(o.Controls, Control{Ref: l.Ref, Tag: "a", Href: l.Href, Text: l.Text, Label: l.Label,
				Attrs: "social-icon fa fa-" + strings.Split(strings.TrimPrefix(l.Href, "https://www."), ".")[0], Group: footer, Context: "footer-social Follow us"})
		}
	}
	group := next()
	o.Controls = append(o.Controls,
		Control{Ref: next(), Tag: "a", Href: "https://www.shop.example.co.uk/signin/facebook", Attrs: "b-loginform-btn b-loginform-btn--facebook", Group: group, Context: "b-loginform__social Or sign in with"},
		Control{Ref: next(), Tag: "button", Href: "https://www.shop.example.co.uk/login", Text: "Continue", Attrs: "btn OAuthProvider Google csrf x1", Group: group},
		Control{Ref: next(), Tag: "i", Label: "Login with Apple", Attrs: "theChampLogin theChampAppleLogin", Handler: "theChampInitiateLogin(this)", Group: group},
	)
	for i := range 20 {
		o.Forms = append(o.Forms, Form{Ref: next(), Action: "https://www.shop.example.co.uk/cart/add/" + strconv.Itoa(i), Text: "Add to basket"})
	}
	sel := e.Selectors()
	for i := range 500 {
		el := Element{Ref: next(), Tag: "button", Text: "Add to basket " + strconv.Itoa(i)}
		if i%100 == 0 && len(sel) > 0 {
			el.Tag, el.Text, el.Matches = "div", "", []int{i / 100 % len(sel)}
		}
		o.Elements = append(o.Elements, el)
	}
	return o
}

func defaultEngine(b *testing.B) *Engine {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatalf("defaultlist.Load: %v", err)
	}
	e, err := Compile(l)
	if err != nil {
		b.Fatalf("Compile: %v", err)
	}
	return e
}

// BenchmarkReportLarge reports on a large page with the default list.
func BenchmarkReportLarge(b *testing.B) {
	e := defaultEngine(b)
	o := largePage(e)
	if n := len(e.Report(o).Findings); n == 0 {
		b.Fatalf("the large page has no findings")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.Report(o)
	}
}

// BenchmarkCompile compiles the default list.
func BenchmarkCompile(b *testing.B) {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatalf("defaultlist.Load: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(l); err != nil {
			b.Fatal(err)
		}
	}
}
