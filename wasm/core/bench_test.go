package core

import (
	"strconv"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// BenchmarkReportJSONLarge is Core.Report on a large page's observation
// JSON (5,000 links, 300 scripts, 64 inline scripts, 500 elements) with the
// default list: what one report costs the extension, JSON included.
func BenchmarkReportJSONLarge(b *testing.B) {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatal(err)
	}
	c := New()
	info, err := c.LoadTrusted(l)
	if err != nil {
		b.Fatal(err)
	}
	o := detect.Observation{URL: "https://www.shop.example.co.uk/catalogue", ListVersion: info.Version}
	for i := range 300 {
		o.Scripts = append(o.Scripts, "https://cdn.shop.example.co.uk/assets/chunk-"+strconv.Itoa(i)+".js")
	}
	for i := range 64 {
		o.Inline = append(o.Inline, "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)} // "+strconv.Itoa(i))
	}
	for i := range 5000 {
		o.Links = append(o.Links, detect.Link{Ref: i, Href: "https://www.shop.example.co.uk/catalogue/product-" + strconv.Itoa(i) + "?colour=blue", Text: "Product " + strconv.Itoa(i) + " in blue"})
	}
	for i := range 500 {
		o.Elements = append(o.Elements, detect.Element{Ref: 5000 + i, Tag: "button", Text: "Add to basket"})
	}
	o.Links = append(o.Links, detect.Link{Ref: 9999, Href: "https://m.me/shop", Text: "Chat with us"})
	obs, err := o.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	if r := parse(b, c.Report(obs)); !r.OK || len(r.Report.Findings) == 0 {
		b.Fatalf("report: %+v", r.Error)
	}
	b.SetBytes(int64(len(obs)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.Report(obs)
	}
}
