package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// testList is a small list that exercises every signal kind.
func testList() *list.List {
	return &list.List{
		Schema: list.Schema, ID: "test", Version: 7,
		Permissions: []list.Permission{
			{ID: "read_messages", Label: "Read your private messages", Severity: list.SeverityHigh},
			{ID: "email", Label: "See your email address", Severity: list.SeverityLow},
			{ID: "friends", Label: "See your friends", Severity: list.SeverityMedium},
		},
		Providers: []list.Provider{
			{
				ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com", "m.me"},
				Widgets: []list.Widget{
					{ID: "facebook-login-sdk", Kind: list.KindLogin, Name: "Facebook Login", Signals: list.Signals{
						Scripts:   []list.URLPattern{{Host: "connect.facebook.net", Path: "/*/sdk.js", Weak: true}},
						Frames:    []list.URLPattern{{Host: "*.facebook.com", Path: "/v*/plugins/login_button.php"}},
						Selectors: []string{"div.fb-login-button"},
						Calls:     []string{"FB.login("},
					}},
					{ID: "facebook-login-site", Kind: list.KindLogin, Name: "Sign in with Facebook", Signals: list.Signals{
						Links:  []list.URLPattern{{Host: "*.auth0.com", Path: "/authorize", Query: []string{"connection=facebook"}}},
						Routes: []list.URLPattern{{Path: "/auth/facebook"}, {Path: "/users/auth/facebook/**"}},
						Texts:  []string{"Continue with Facebook", "Mit Facebook anmelden"},
					}},
					{ID: "facebook-messenger", Kind: list.KindMessaging, Name: "Messenger chat", Signals: list.Signals{
						Links:     []list.URLPattern{{Host: "m.me"}},
						Selectors: []string{"div.fb-customerchat", "div.fb-login-button"},
					}},
				},
			},
			{
				ID: "google", Name: "Google", Domains: []string{"google.com"},
				Widgets: []list.Widget{
					{ID: "google-gsi", Kind: list.KindLogin, Name: "Sign in with Google", Signals: list.Signals{
						Scripts:   []list.URLPattern{{Host: "accounts.google.com", Path: "/gsi/client"}},
						Selectors: []string{"#g_id_onload"},
						Routes:    []list.URLPattern{{Path: "/auth/google"}},
					}},
				},
			},
			{
				ID: "twitter", Name: "X", Domains: []string{"x.com", "twitter.com"},
				Widgets: []list.Widget{
					{ID: "twitter-login", Kind: list.KindLogin, Name: "Sign in with X", Signals: list.Signals{
						Routes: []list.URLPattern{{Path: "/auth/twitter"}},
					}},
				},
			},
		},
		Partners: []list.Partner{
			{ID: "spotify", Name: "Spotify", Domains: []string{"spotify.com"}, Grants: []list.Grant{
				{Platform: "facebook", Permissions: []string{"email", "read_messages"}, Summary: "s", Evidence: list.EvidenceReportedByPress, Access: list.Access{State: list.AccessEnded, From: "2017", To: "2018"}},
				{Platform: "google", Permissions: []string{"email"}, Summary: "s", Evidence: list.EvidenceReportedByPress, Access: list.Access{State: list.AccessUnknown, From: "2017", AsOf: "2018-12-18"}},
				{Platform: "facebook", Permissions: []string{"friends"}, Summary: "s", Evidence: list.EvidenceReportedByPress, Access: list.Access{State: list.AccessUnknown, From: "2017", AsOf: "2018-12-18"}},
			}},
			{ID: "local", Name: "Local", Domains: []string{"192.0.2.7"}, Grants: []list.Grant{
				{Platform: "google", Permissions: []string{"friends"}, Summary: "s", Evidence: list.EvidenceReportedByPress, Access: list.Access{State: list.AccessUnknown, From: "2017", AsOf: "2018-12-18"}},
			}},
		},
	}
}

func mustCompile(t testing.TB, l *list.List) *Engine {
	t.Helper()
	e, err := Compile(l)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return e
}

// got is a finding summarised for comparison.
type got struct {
	widget, confidence string
	signals            string // evidence signals, in order
	anchor             int
}

func summarise(r *Report) []got {
	out := []got{}
	for _, f := range r.Findings {
		var sig []string
		for _, ev := range f.Evidence {
			sig = append(sig, ev.Signal)
		}
		out = append(out, got{f.Widget, f.Confidence, strings.Join(sig, ","), f.Anchor})
	}
	return out
}

func TestReportSignals(t *testing.T) {
	e := mustCompile(t, testList())
	const page = "https://shop.example.com/login"
	tests := []struct {
		name string
		obs  Observation
		want []got
	}{
		// Each strong signal kind on its own, at its own confidence.
		{"frame", Observation{Frames: []Frame{{Ref: 3, Src: "https://www.facebook.com/v18.0/plugins/login_button.php?app_id=1"}}},
			[]got{{"facebook-login-sdk", "high", "frame", 3}}},
		{"selector", Observation{ListVersion: 7, Elements: []Element{{Ref: 4, Tag: "div", Matches: []int{2}}}},
			[]got{{"google-gsi", "high", "selector", 4}}},
		{"call", Observation{Inline: []string{"window.onload=function(){FB.login(function(r){})}"}},
			[]got{{"facebook-login-sdk", "medium", "call", -1}}},
		{"text", Observation{Elements: []Element{{Ref: 5, Tag: "button", Text: "  CONTINUE with\nFacebook "}}},
			[]got{{"facebook-login-site", "low", "text", 5}}},
		{"text contained", Observation{Links: []Link{{Ref: 5, Href: page, Text: "Or: continue with Facebook now"}}},
			[]got{{"facebook-login-site", "low", "text", 5}}},
		{"link with query", Observation{Links: []Link{{Ref: 6, Href: "https://acme.eu.auth0.com/authorize?connection=facebook&client_id=x"}}},
			[]got{{"facebook-login-site", "high", "link", 6}}},
		{"link without required query", Observation{Links: []Link{{Ref: 6, Href: "https://acme.eu.auth0.com/authorize?connection=github"}}},
			[]got{}},
		{"form action", Observation{Forms: []Form{{Ref: 8, Action: "https://m.me/acme"}}},
			[]got{{"facebook-messenger", "high", "form", 8}}},
		// Weak signals never fire alone, but add evidence and a kind.
		{"weak alone", Observation{Scripts: []string{"https://connect.facebook.net/en_US/sdk.js"}}, []got{}},
		{"weak plus call", Observation{Scripts: []string{"https://connect.facebook.net/en_US/sdk.js"}, Inline: []string{"FB.login(cb)"}},
			[]got{{"facebook-login-sdk", "high", "call,script", -1}}},
		// Two distinct kinds raise one step; two of the same kind do not.
		{"text plus route", Observation{Links: []Link{{Ref: 9, Href: "https://shop.example.com/auth/facebook", Text: "Continue with Facebook"}}},
			[]got{{"facebook-login-site", "high", "route,text", 9}}},
		{"two calls", Observation{Inline: []string{"FB.login(a)", "FB.login(b)"}},
			[]got{{"facebook-login-sdk", "medium", "call", -1}}},
		// Routes need the element's text to match the widget or name the
		// provider (as a word).
		{"route named", Observation{Links: []Link{{Ref: 10, Href: "/auth/google", Text: "Log in using Google"}}},
			[]got{{"google-gsi", "medium", "route", 10}}},
		{"route by label", Observation{Links: []Link{{Ref: 10, Href: "https://shop.example.com/auth/google", Label: "Google"}}},
			[]got{{"google-gsi", "medium", "route", 10}}},
		{"route unnamed", Observation{Links: []Link{{Ref: 10, Href: "https://shop.example.com/auth/google", Text: "Log in"}}},
			[]got{}},
		{"route named other provider", Observation{Links: []Link{{Ref: 10, Href: "https://shop.example.com/auth/google", Text: "Facebook"}}},
			[]got{}},
		{"route name inside word", Observation{Links: []Link{{Ref: 10, Href: "/auth/twitter", Text: "Next"}}},
			[]got{}},
		{"route short name", Observation{Links: []Link{{Ref: 10, Href: "/auth/twitter", Text: "Sign in with X"}}},
			[]got{{"twitter-login", "medium", "route", 10}}},
		{"route glob", Observation{Forms: []Form{{Ref: 11, Action: "https://shop.example.com/users/auth/facebook/callback", Text: "Facebook"}}},
			[]got{{"facebook-login-site", "medium", "route", 11}}},
		{"route on a button", Observation{Elements: []Element{{Ref: 12, Tag: "button", Text: "Google", Attrs: Attrs{{"formaction", "/auth/google"}}}}},
			[]got{{"google-gsi", "medium", "route", 12}}},
		// Texts only count from links, forms and elements, not scripts.
		{"text in script", Observation{Inline: []string{`label = "Continue with Facebook"`}}, []got{}},
		// One selector shared by two widgets fires both.
		{"shared selector", Observation{ListVersion: 7, Elements: []Element{{Ref: 1, Tag: "div", Matches: []int{0}}}},
			[]got{{"facebook-login-sdk", "high", "selector", 1}, {"facebook-messenger", "high", "selector", 1}}},
		// Requests count by type.
		{"script request", Observation{Requests: []Request{{URL: "https://accounts.google.com/gsi/client", Type: "script"}}},
			[]got{{"google-gsi", "high", "request", -1}}},
		{"frame request", Observation{Requests: []Request{{URL: "https://web.facebook.com/v2.0/plugins/login_button.php", Type: "sub_frame"}}},
			[]got{{"facebook-login-sdk", "high", "request", -1}}},
		{"link request", Observation{Requests: []Request{{URL: "https://m.me/acme", Type: "main_frame"}}},
			[]got{{"facebook-messenger", "high", "request", -1}}},
		{"request of the wrong type", Observation{Requests: []Request{{URL: "https://accounts.google.com/gsi/client", Type: "image"}}},
			[]got{}},
		// Scripts match only scripts, frames only frames.
		{"script URL as a link", Observation{Links: []Link{{Ref: 1, Href: "https://accounts.google.com/gsi/client"}}}, []got{}},
		// Look-alike hosts do not match.
		{"look-alike host", Observation{Links: []Link{{Ref: 1, Href: "https://m.me.evil.io/acme"}}}, []got{}},
		// Stable order: provider, then widget.
		{"order", Observation{
			Scripts: []string{"https://accounts.google.com/gsi/client"},
			Links:   []Link{{Ref: 2, Href: "https://m.me/x"}},
			Inline:  []string{"FB.login("},
		}, []got{{"facebook-login-sdk", "medium", "call", -1}, {"facebook-messenger", "high", "link", 2}, {"google-gsi", "high", "script", -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.obs.URL == "" {
				tt.obs.URL = page
			}
			rep, problem := e.Analyze(&tt.obs)
			if problem != nil {
				t.Errorf("problem: %+v", problem)
			}
			if g := summarise(rep); !slices.Equal(g, tt.want) {
				t.Errorf("findings\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}

func TestReportSite(t *testing.T) {
	e := mustCompile(t, testList())
	messenger := []Link{{Ref: 1, Href: "https://m.me/acme"}}
	tests := []struct {
		name, url       string
		host, site      string
		partner, domain string
		findings        int
		grants          []int // of the messenger finding
	}{
		// Partner matching by registrable domain.
		{"partner", "https://www.spotify.com/us/", "www.spotify.com", "spotify.com", "spotify", "spotify.com", 1, []int{0, 2}},
		{"partner subdomain", "https://a.b.open.spotify.com/", "a.b.open.spotify.com", "spotify.com", "spotify", "spotify.com", 1, []int{0, 2}},
		{"partner look-alike", "https://spotify.com.evil.io/", "spotify.com.evil.io", "evil.io", "", "", 1, []int{}},
		{"partner look-alike 2", "https://notspotify.com/", "notspotify.com", "notspotify.com", "", "", 1, []int{}},
		{"partner look-alike 3", "https://spotify.co/", "spotify.co", "spotify.co", "", "", 1, []int{}},
		{"ip host", "http://192.0.2.7:8080/x", "192.0.2.7", "192.0.2.7", "local", "192.0.2.7", 1, []int{}},
		{"no partner", "https://shop.example.com/", "shop.example.com", "example.com", "", "", 1, []int{}},
		{"upper case host", "https://WWW.Spotify.COM./", "www.spotify.com", "spotify.com", "spotify", "spotify.com", 1, []int{0, 2}},
		// First-party suppression: the provider's own sites.
		{"first party", "https://www.facebook.com/", "www.facebook.com", "facebook.com", "", "", 0, nil},
		{"first party other domain", "https://m.me/x", "m.me", "m.me", "", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Report(&Observation{URL: tt.url, Links: messenger})
			if rep.Host != tt.host || rep.Site != tt.site {
				t.Errorf("host, site = %q, %q; want %q, %q", rep.Host, rep.Site, tt.host, tt.site)
			}
			if id := partnerID(rep.Partner); id != tt.partner {
				t.Errorf("partner = %q, want %q", id, tt.partner)
			} else if rep.Partner != nil && rep.Partner.Domain != tt.domain {
				t.Errorf("partner domain = %q, want %q", rep.Partner.Domain, tt.domain)
			}
			if len(rep.Findings) != tt.findings {
				t.Fatalf("%d findings, want %d", len(rep.Findings), tt.findings)
			}
			if tt.findings > 0 {
				f := rep.Findings[0]
				if !slices.Equal(f.Grants, tt.grants) || f.Alert != (len(tt.grants) > 0) {
					t.Errorf("grants, alert = %v, %v; want %v", f.Grants, f.Alert, tt.grants)
				}
			}
		})
	}
}

func partnerID(m *PartnerMatch) string {
	if m == nil {
		return ""
	}
	return m.ID
}

func TestPartnerGrantViews(t *testing.T) {
	e := mustCompile(t, testList())
	rep := e.Report(&Observation{URL: "https://open.spotify.com/"})
	if rep.Partner == nil {
		t.Fatal("no partner")
	}
	tests := []struct {
		severity string
		resolved []string
	}{
		{list.SeverityHigh, []string{"See your email address", "Read your private messages"}},
		{list.SeverityLow, []string{"See your email address"}},
		{list.SeverityMedium, []string{"See your friends"}},
	}
	if len(rep.Partner.Grants) != len(tests) {
		t.Fatalf("%d grants, want %d", len(rep.Partner.Grants), len(tests))
	}
	for i, tt := range tests {
		g := rep.Partner.Grants[i]
		var labels []string
		for _, p := range g.Resolved {
			labels = append(labels, p.Label)
		}
		if g.Severity != tt.severity || !slices.Equal(labels, tt.resolved) {
			t.Errorf("grant %d: severity %q, resolved %q; want %q, %q", i, g.Severity, labels, tt.severity, tt.resolved)
		}
	}
}

func TestReportProblems(t *testing.T) {
	e := mustCompile(t, testList())
	tests := []struct {
		name     string
		obs      Observation
		problem  string
		site     string
		findings int
	}{
		// Unusable page URLs: no site, no findings.
		{"relative URL", Observation{URL: "/x", Links: []Link{{Href: "https://m.me/a"}}}, ProblemBadRequest, "", 0},
		{"not http", Observation{URL: "ftp://example.com/", Links: []Link{{Href: "https://m.me/a"}}}, ProblemBadRequest, "", 0},
		{"bad host", Observation{URL: "https://exa mple.com/", Links: []Link{{Href: "https://m.me/a"}}}, ProblemBadRequest, "", 0},
		// A blank subframe belongs to its top page.
		{"about:blank frame", Observation{URL: "about:blank", TopURL: "https://shop.example.com/", Links: []Link{{Href: "https://m.me/a"}}}, "", "example.com", 1},
		// Selector matches of another list version are ignored.
		{"stale selectors", Observation{URL: "https://shop.example.com/", ListVersion: 6, Elements: []Element{{Ref: 1, Tag: "div", Matches: []int{0}}}}, ProblemStaleSelectors, "example.com", 0},
		{"unknown version", Observation{URL: "https://shop.example.com/", Elements: []Element{{Ref: 1, Tag: "div", Matches: []int{0}}}}, ProblemStaleSelectors, "example.com", 0},
		// Out of range matches are ignored quietly.
		{"bad index", Observation{URL: "https://shop.example.com/", ListVersion: 7, Elements: []Element{{Ref: 1, Tag: "div", Matches: []int{-1, 99}}}}, "", "example.com", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, p := e.Analyze(&tt.obs)
			code := ""
			if p != nil {
				code = p.Code
				if p.Message == "" {
					t.Errorf("problem without message")
				}
			}
			if code != tt.problem || rep.Site != tt.site || len(rep.Findings) != tt.findings {
				t.Errorf("problem %q, site %q, %d findings; want %q, %q, %d", code, rep.Site, len(rep.Findings), tt.problem, tt.site, tt.findings)
			}
			if rep.Findings == nil {
				t.Errorf("Findings is nil")
			}
		})
	}
}

func TestEvidenceBounds(t *testing.T) {
	e := mustCompile(t, testList())
	obs := &Observation{URL: "https://shop.example.com/", Inline: []string{"FB.login("}}
	// Twenty distinct messenger links, each twice: deduplicated, then cut.
	for i := range 20 {
		href := "https://m.me/page" + strings.Repeat("x", i)
		obs.Links = append(obs.Links, Link{Ref: 100 + i, Href: href}, Link{Ref: 200 + i, Href: href})
	}
	rep := e.Report(obs)
	if len(rep.Findings) != 2 {
		t.Fatalf("%d findings, want 2", len(rep.Findings))
	}
	m := rep.Findings[1]
	if len(m.Evidence) != MaxEvidence {
		t.Errorf("%d evidence, want %d", len(m.Evidence), MaxEvidence)
	}
	for i, ev := range m.Evidence {
		if ev.Ref != 100+i {
			t.Errorf("evidence %d has ref %d, want %d (first of duplicates, in page order)", i, ev.Ref, 100+i)
		}
	}
	// Strong evidence comes before weak evidence, and the anchor is the
	// strongest element-level one.
	obs = &Observation{URL: "https://shop.example.com/", ListVersion: 7,
		Scripts:  []string{"https://connect.facebook.net/en_US/sdk.js"},
		Inline:   []string{"FB.login("},
		Elements: []Element{{Ref: 42, Tag: "div", Matches: []int{0}}},
	}
	f := e.Report(obs).Findings[0]
	if sig := summarise(&Report{Findings: []Finding{f}})[0]; sig.signals != "selector,call,script" || sig.anchor != 42 {
		t.Errorf("evidence order %q anchor %d; want selector,call,script and 42", sig.signals, sig.anchor)
	}
}

func TestTruncate(t *testing.T) {
	e := mustCompile(t, testList())
	obs := &Observation{URL: "https://shop.example.com/"}
	// Links past MaxLinks are not read.
	for i := range MaxLinks + 5 {
		obs.Links = append(obs.Links, Link{Ref: i, Href: "https://shop.example.com/p"})
	}
	obs.Links = append(obs.Links, Link{Ref: -5, Href: "https://m.me/late"})
	// Inline scripts past MaxInlineBytes are cut before the call.
	obs.Inline = []string{strings.Repeat(" ", MaxInlineBytes) + "FB.login("}
	long := strings.Repeat("é", MaxTextBytes)
	obs.Elements = []Element{{Ref: 1, Tag: "button", Text: long}}
	rep := e.Report(obs)
	if len(rep.Findings) != 0 {
		t.Errorf("findings past the bounds: %+v", summarise(rep))
	}
	if obs.Elements[0].Text != long || len(obs.Inline[0]) != MaxInlineBytes+len("FB.login(") {
		t.Errorf("Report modified its observation")
	}
}

// TestRouteEvidenceBound: a route's evidence value is cut to MaxURLBytes,
// like every other URL's, whichever item (link, form, element) carries it.
func TestRouteEvidenceBound(t *testing.T) {
	e := mustCompile(t, testList())
	href := "https://shop.example.com/auth/google?" + strings.Repeat("a", 2*MaxURLBytes)
	obs := &Observation{URL: "https://shop.example.com/",
		Links: []Link{{Ref: 1, Href: href, Text: "Log in using Google"}},
		Forms: []Form{{Ref: 2, Action: href, Text: "Log in using Google"}},
	}
	rep := e.Report(obs)
	if len(rep.Findings) != 1 || len(rep.Findings[0].Evidence) == 0 {
		t.Fatalf("findings %+v, want the google route", summarise(rep))
	}
	for _, ev := range rep.Findings[0].Evidence {
		if len(ev.Value) > MaxURLBytes {
			t.Errorf("%s evidence of %d bytes, more than %d", ev.Signal, len(ev.Value), MaxURLBytes)
		}
	}
}

func TestAuthorize(t *testing.T) {
	e := mustCompile(t, testList())
	const fbDialog = "https://www.facebook.com/v18.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Fopen.spotify.com%2Fcb&scope=email"
	tests := []struct {
		name   string
		obs    Observation
		widget string
		oauth  bool
	}{
		// An authorize link fires the provider's first login widget.
		{"link", Observation{Links: []Link{{Ref: 1, Href: fbDialog}}}, "facebook-login-sdk", true},
		{"navigation", Observation{Requests: []Request{{URL: fbDialog, Type: "main_frame"}}}, "facebook-login-sdk", true},
		{"form", Observation{Forms: []Form{{Ref: 2, Action: fbDialog}}}, "facebook-login-sdk", true},
		// It joins a login widget that fired on its own.
		{"joins", Observation{Links: []Link{{Ref: 1, Href: fbDialog}, {Ref: 3, Href: "/auth/facebook", Text: "Facebook"}}}, "facebook-login-site", true},
		// Not an authorize request.
		{"plain link", Observation{Links: []Link{{Ref: 1, Href: "https://www.facebook.com/acme"}}}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.obs.URL = "https://shop.example.com/"
			rep := e.Report(&tt.obs)
			if tt.widget == "" {
				if len(rep.Findings) != 0 {
					t.Errorf("findings: %+v", summarise(rep))
				}
				return
			}
			if len(rep.Findings) != 1 {
				t.Fatalf("findings: %+v", summarise(rep))
			}
			f := rep.Findings[0]
			if f.Widget != tt.widget || (f.OAuth != nil) != tt.oauth || f.Confidence != ConfidenceHigh {
				t.Errorf("widget %q oauth %v confidence %q; want %q %v high", f.Widget, f.OAuth != nil, f.Confidence, tt.widget, tt.oauth)
			}
			if !slices.ContainsFunc(f.Evidence, func(ev Evidence) bool { return ev.Signal == evAuthorize }) {
				t.Errorf("no authorize evidence: %+v", f.Evidence)
			}
		})
	}
}

func TestCompile(t *testing.T) {
	e := mustCompile(t, testList())
	if got, want := e.Selectors(), []string{"div.fb-login-button", "div.fb-customerchat", "#g_id_onload"}; !slices.Equal(got, want) {
		t.Errorf("Selectors = %q, want %q", got, want)
	}
	hosts := e.Hosts()
	for _, h := range []string{"*.auth0.com", "*.facebook.com", "accounts.google.com", "connect.facebook.net", "m.me"} {
		if !slices.Contains(hosts, h) {
			t.Errorf("Hosts lacks %q: %q", h, hosts)
		}
	}
	if !slices.IsSorted(hosts) || slices.Contains(hosts, "") {
		t.Errorf("Hosts not sorted or has an empty host: %q", hosts)
	}
	// What Compile refuses.
	bad := []struct {
		name string
		edit func(l *list.List)
	}{
		{"nil", nil},
		{"hostless script", func(l *list.List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Host = "" }},
		{"bad host", func(l *list.List) { l.Providers[0].Widgets[0].Signals.Frames[0].Host = "face*.com" }},
		{"duplicate provider", func(l *list.List) { l.Providers[1].ID = "facebook" }},
	}
	for _, b := range bad {
		var l *list.List
		if b.edit != nil {
			l = testList()
			b.edit(l)
		}
		if _, err := Compile(l); err == nil {
			t.Errorf("%s: Compile accepted it", b.name)
		}
	}
}

func TestConfidence(t *testing.T) {
	kinds := func(ks ...sigKind) uint16 {
		var b uint16
		for _, k := range ks {
			b |= 1 << k
		}
		return b
	}
	tests := []struct {
		strongest int
		kinds     uint16
		want      string
	}{
		// One kind: its own level.
		{levelHigh, kinds(sigScript), ConfidenceHigh},
		{levelMedium, kinds(sigCall), ConfidenceMedium},
		{levelLow, kinds(sigText), ConfidenceLow},
		// Two or more distinct kinds raise one step, at most to high.
		{levelLow, kinds(sigText, sigRoute), ConfidenceMedium},
		{levelMedium, kinds(sigCall, sigScript), ConfidenceHigh},
		{levelMedium, kinds(sigCall, sigRoute, sigText), ConfidenceHigh},
		{levelHigh, kinds(sigFrame, sigSelector), ConfidenceHigh},
		// A weak kind counts as a kind (the strongest level is the strong one's).
		{levelLow, kinds(sigText, sigScript), ConfidenceMedium},
	}
	for _, tt := range tests {
		if got := confidence(tt.strongest, tt.kinds); got != tt.want {
			t.Errorf("confidence(%d, %b) = %q, want %q", tt.strongest, tt.kinds, got, tt.want)
		}
	}
}
