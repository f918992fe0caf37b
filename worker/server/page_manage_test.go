//go:build !js

package server

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// TestPageManageLinksDefaultList renders the browse page from the default
// list and checks that every grant whose platform names a manage-access page
// carries that page's exact link, once per grant, and that no other grant
// carries one.
func TestPageManageLinksDefaultList(t *testing.T) {
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pageTemplate().Execute(&b, buildPage(l, "")); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	grants := make(map[string]int)
	for _, p := range l.Partners {
		for _, g := range p.Grants {
			grants[g.Platform]++
		}
	}
	want, checked := 0, 0
	for _, p := range l.Providers {
		if p.Manage == nil || grants[p.ID] == 0 {
			continue
		}
		link := `<p class="manage"><a href="` + html.EscapeString(p.Manage.URL) + `" rel="noopener noreferrer">Manage the apps connected to your ` + html.EscapeString(p.Name) + ` account</a></p>`
		if got := strings.Count(page, link); got != grants[p.ID] {
			t.Errorf("%s: the page shows its manage link %d times, want once for each of its %d grants", p.ID, got, grants[p.ID])
		}
		want += grants[p.ID]
		checked++
	}
	if checked == 0 {
		t.Fatal("no grant's platform names a manage page; the test checks nothing")
	}
	if got := strings.Count(page, `class="manage"`); got != want {
		t.Errorf("the page shows %d manage links, want %d (one per grant of a platform with a manage page)", got, want)
	}
}
