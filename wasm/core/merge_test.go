package core

import (
	"slices"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// grantsList is a grants list of id whose partners are given.
func grantsList(t *testing.T, id string, partners ...list.Partner) *list.List {
	t.Helper()
	l := testList(t)
	l.ID, l.Partners = id, partners
	return l
}

// partner is a partner of the given operator id and domain with one grant
// from platform, summarised as summary.
func partner(t *testing.T, id, dom, platform, summary string) list.Partner {
	p := testList(t).Partners[0]
	p.ID, p.Name, p.Domains = id, id, []string{dom}
	g := p.Grants[0]
	g.Platform, g.Summary = platform, summary
	p.Grants = []list.Grant{g}
	return p
}

// loadExtra loads l as a grants list signed by s, failing the test unless
// the answer's ok is want.
func loadExtra(t *testing.T, c *Core, s *signer, l *list.List, at time.Time, want bool) *Response {
	t.Helper()
	r := parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: s.sign(t, l, at), Keys: []Key{s.key}, ListID: l.ID, Extra: true})))
	if r.OK != want {
		t.Fatalf("LoadList extra %s: ok %v (%+v), want %v", l.ID, r.OK, r.Error, want)
	}
	return r
}

func TestMergeProvenance(t *testing.T) {
	c, s := loaded(t)
	other := newSigner(t)
	loadExtra(t, c, other, grantsList(t, "list-a",
		partner(t, "spotify", "spotify.com", "google", "Google let Spotify see contacts."),
		partner(t, "shop", "example-shop.test", "google", "Google let the shop read mail."),
	), issued, true)
	loadExtra(t, c, s, grantsList(t, "list-b",
		partner(t, "not-spotify", "spotify.com", "google", "A conflicting operator."),
		partner(t, "shop", "example-shop.test", "facebook", "Facebook let the shop read messages."),
	), issued, true)
	gsi := `"scripts":["https://accounts.google.com/gsi/client"]`
	tests := []struct {
		name      string
		obs       string
		partner   string
		summaries []string
		prov      []string
		alert     bool
	}{
		{"detection list and a grants list, a conflicting operator ignored",
			`{"url":"https://www.spotify.com/login",` + gsi + `}`, "spotify",
			[]string{"Facebook let Spotify read users' messages.", "Google let Spotify see contacts."},
			[]string{"core-test", "list-a"}, true},
		{"a partner only grants lists name",
			`{"url":"https://www.example-shop.test/login",` + gsi + `}`, "shop",
			[]string{"Google let the shop read mail.", "Facebook let the shop read messages."},
			[]string{"list-a", "list-b"}, true},
		{"no partner", `{"url":"https://example.org/",` + gsi + `}`, "", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, c.Report([]byte(tt.obs)))
			if !r.OK || r.Report == nil {
				t.Fatalf("report: %+v", r.Error)
			}
			var summaries []string
			if p := r.Report.Partner; p != nil {
				if p.ID != tt.partner {
					t.Errorf("partner %q, want %q", p.ID, tt.partner)
				}
				for _, g := range p.Grants {
					summaries = append(summaries, g.Summary)
				}
			} else if tt.partner != "" {
				t.Fatalf("no partner, want %q", tt.partner)
			}
			if !slices.Equal(summaries, tt.summaries) || !slices.Equal(r.Provenance, tt.prov) {
				t.Errorf("grants %q from %q; want %q from %q", summaries, r.Provenance, tt.summaries, tt.prov)
			}
			if len(r.Report.Findings) != 1 || r.Report.Findings[0].Alert != tt.alert {
				t.Errorf("findings %+v, want one google finding with alert %v", r.Report.Findings, tt.alert)
			}
		})
	}
	// The consent inspection merges the same way.
	r := parse(t, c.Inspect([]byte(`{"url":"https://accounts.google.com/o/oauth2/v2/auth?client_id=1&redirect_uri=https%3A%2F%2Fwww.example-shop.test%2Fcb&scope=email"}`)))
	if !r.OK || r.Consent == nil || r.Consent.Partner == nil || !r.Consent.Alert || !slices.Equal(r.Provenance, []string{"list-a", "list-b"}) {
		t.Fatalf("inspect: %+v %+v provenance %q", r.Error, r.Consent, r.Provenance)
	}
}

func TestGrantsListsKeptApart(t *testing.T) {
	c, s := loaded(t)
	a := grantsList(t, "list-a", partner(t, "shop", "example-shop.test", "google", "First."))
	loadExtra(t, c, s, a, issued, true)
	loadExtra(t, c, s, grantsList(t, "list-b", partner(t, "shop", "example-shop.test", "google", "From b.")), issued, true)
	shop := []byte(`{"url":"https://www.example-shop.test/"}`)
	prov := func() []string { return parse(t, c.Report(shop)).Provenance }

	// A refused load of one grants list (another key) keeps both as they were.
	r := parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: newSigner(t).sign(t, a, issued.Add(time.Minute)), Keys: []Key{newSigner(t).key}, ListID: "list-a", Extra: true})))
	if r.OK || !slices.Equal(prov(), []string{"list-a", "list-b"}) {
		t.Fatalf("a refused load changed the lists: %+v %q", r.Error, prov())
	}
	// A list that carries another id than the one asked for is refused.
	r = parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: s.sign(t, a, issued.Add(time.Minute)), Keys: []Key{s.key}, ListID: "list-c", Extra: true})))
	if code(r) != list.CodeWrongList {
		t.Errorf("wrong id: %+v", r.Error)
	}
	// A grants list needs its id, and cannot take the detection list's.
	r = parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: s.sign(t, a, issued), Keys: []Key{s.key}, Extra: true})))
	if code(r) != CodeBadRequest {
		t.Errorf("no list_id: %+v", r.Error)
	}
	loadExtra(t, c, s, grantsList(t, "core-test"), issued, false)
	// A newer copy of list-a replaces it in place; its order stays.
	loadExtra(t, c, s, grantsList(t, "list-a", partner(t, "shop", "example-shop.test", "google", "Second.")), issued.Add(time.Minute), true)
	if got := parse(t, c.Report(shop)).Report.Partner.Grants[0].Summary; got != "Second." || !slices.Equal(prov(), []string{"list-a", "list-b"}) {
		t.Errorf("after the update: %q %q", got, prov())
	}
	// A new detection list keeps the grants lists.
	l := testList(t)
	r = parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: s.sign(t, l, issued.Add(2*time.Minute)), Keys: []Key{s.key}})))
	if !r.OK || !slices.Equal(prov(), []string{"list-a", "list-b"}) {
		t.Fatalf("a new detection list dropped the grants lists: %+v %q", r.Error, prov())
	}
	// Dropping one leaves the other.
	if r := parse(t, c.DropList([]byte(`{"list_id":"list-a"}`))); !r.OK {
		t.Fatalf("drop: %+v", r.Error)
	}
	if !slices.Equal(prov(), []string{"list-b"}) {
		t.Errorf("after the drop: %q", prov())
	}
	for _, bad := range []string{`{}`, `{"list_id":1}`, `nope`} {
		if r := parse(t, c.DropList([]byte(bad))); code(r) != CodeBadRequest {
			t.Errorf("drop %s: %+v", bad, r.Error)
		}
	}
}

func TestGrantsListWithoutDetectionList(t *testing.T) {
	c, s := New(), newSigner(t)
	c.Now = func() time.Time { return issued.Add(time.Hour) }
	loadExtra(t, c, s, grantsList(t, "list-a"), issued, true)
	if r := parse(t, c.Report([]byte(`{"url":"https://example.org/"}`))); code(r) != CodeNoList {
		t.Errorf("report with only a grants list: %+v", r.Error)
	}
	if v := parse(t, c.Version()); v.Version.ListVersion != 0 {
		t.Errorf("version %+v", v.Version)
	}
}
