package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// appList is a small list with app-link patterns (list.URLPattern.Scheme)
// beside web links of the same hosts' names.
func appList() *list.List {
	return &list.List{
		Schema: list.Schema, ID: "apps", Version: 3,
		Providers: []list.Provider{
			{ID: "viber", Name: "Viber", Domains: []string{"viber.com"}, Widgets: []list.Widget{
				{ID: "viber-chat", Kind: list.KindMessaging, Name: "Viber chat", Signals: list.Signals{Links: []list.URLPattern{
					{Scheme: "viber", Host: "chat", Query: []string{"number"}},
					{Scheme: "viber", Host: "pa", Query: []string{"chatURI"}},
					{Host: "chats.viber.com", Path: "/*"},
				}}},
			}},
			{ID: "whatsapp", Name: "WhatsApp", Domains: []string{"whatsapp.com"}, Widgets: []list.Widget{
				{ID: "whatsapp-chat", Kind: list.KindMessaging, Name: "WhatsApp chat", Signals: list.Signals{Links: []list.URLPattern{
					{Scheme: "whatsapp", Host: "send", Query: []string{"phone"}},
				}}},
			}},
			{ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com"}, Widgets: []list.Widget{
				{ID: "facebook-messenger", Kind: list.KindMessaging, Name: "Messenger", Signals: list.Signals{Links: []list.URLPattern{
					{Scheme: "fb-messenger", Host: "user-thread", Path: "/*"},
				}}},
			}},
			{ID: "line", Name: "LINE", Domains: []string{"line.me"}, Widgets: []list.Widget{
				{ID: "line-oa", Kind: list.KindMessaging, Name: "LINE official account", Signals: list.Signals{Links: []list.URLPattern{
					{Scheme: "line", Host: "ti", Path: "/p/*"},
				}}},
			}},
		},
	}
}

// TestSplitAppLink covers how app links are read: scheme, host and what
// follows the authority.
func TestSplitAppLink(t *testing.T) {
	tests := []struct {
		raw                string
		scheme, host, rest string
		ok                 bool
	}{
		// App links with an authority.
		{"viber://chat?number=%2B4912345", "viber", "chat", "?number=%2B4912345", true},
		{"viber://pa?chatURI=shop", "viber", "pa", "?chatURI=shop", true},
		{"whatsapp://send?phone=4912345&text=hi", "whatsapp", "send", "?phone=4912345&text=hi", true},
		{"fb-messenger://user-thread/1234", "fb-messenger", "user-thread", "/1234", true},
		{"line://ti/p/@shop", "line", "ti", "/p/@shop", true},
		{"tg://resolve?domain=shop#x", "tg", "resolve", "?domain=shop#x", true},
		{"x.y+z-1://host/p", "x.y+z-1", "host", "/p", true},
		// Case folds in the scheme and host only.
		{"VIBER://Chat?Number=1", "viber", "chat", "?Number=1", true},
		// User information and port are not part of the host.
		{"viber://me@chat:99?number=1", "viber", "chat", "?number=1", true},
		{"viber://?number=1", "viber", "", "?number=1", true},
		// Not app links: web URLs, no "//", relative URLs, bad schemes.
		{"https://chat/?number=1", "", "", "", false},
		{"HTTP://chat/", "", "", "", false},
		{"tg:resolve?domain=shop", "", "", "", false},
		{"mailto:help@example.com", "", "", "", false},
		{"//chat/x", "", "", "", false},
		{"/auth/facebook", "", "", "", false},
		{"1tg://resolve", "", "", "", false},
		{"vi ber://chat", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		scheme, host, rest, ok := splitAppLink(tt.raw)
		if scheme != tt.scheme || host != tt.host || rest != tt.rest || ok != tt.ok {
			t.Errorf("splitAppLink(%q) = %q, %q, %q, %v; want %q, %q, %q, %v",
				tt.raw, scheme, host, rest, ok, tt.scheme, tt.host, tt.rest, tt.ok)
		}
	}
}

// TestReportAppLinks checks that app links fire link patterns of their
// scheme only, with the pattern's path and query requirements.
func TestReportAppLinks(t *testing.T) {
	e := mustCompile(t, appList())
	link := func(href string) Observation {
		return Observation{Links: []Link{{Ref: 1, Href: href}}}
	}
	tests := []struct {
		name string
		obs  Observation
		want []got
	}{
		// Chat links that only an app scheme reveals.
		{"viber chat", link("viber://chat?number=%2B4912345"), []got{{"viber-chat", "high", "link", 1}}},
		{"viber public account", link("viber://pa?chatURI=shopexample"), []got{{"viber-chat", "high", "link", 1}}},
		{"whatsapp send to a phone", link("whatsapp://send?phone=4912345&text=Hi"), []got{{"whatsapp-chat", "high", "link", 1}}},
		{"messenger thread", link("fb-messenger://user-thread/100012345"), []got{{"facebook-messenger", "high", "link", 1}}},
		{"line add friend", link("line://ti/p/@shopexample"), []got{{"line-oa", "high", "link", 1}}},
		{"upper case scheme and host", link("WhatsApp://SEND?phone=1"), []got{{"whatsapp-chat", "high", "link", 1}}},
		{"form action", Observation{Forms: []Form{{Ref: 2, Action: "whatsapp://send?phone=1"}}}, []got{{"whatsapp-chat", "high", "form", 2}}},
		{"web link still matches", link("https://chats.viber.com/shopexample"), []got{{"viber-chat", "high", "link", 1}}},

		// Share links and other app links do not.
		{"whatsapp share", link("whatsapp://send?text=Look%20at%20this"), []got{}},
		{"viber share", link("viber://forward?text=Look"), []got{}},
		{"viber chat without number", link("viber://chat"), []got{}},
		{"messenger share", link("fb-messenger://share?link=https%3A%2F%2Fexample.com"), []got{}},
		{"line share", link("line://msg/text/hello"), []got{}},
		{"line friend path mismatch", link("line://ti/g/abc"), []got{}},
		{"unknown scheme", link("signal://chat?number=1"), []got{}},
		{"no authority", link("whatsapp:send?phone=1"), []got{}},
		// The host of an app pattern is not a web host, nor another scheme's.
		{"web URL with the app host", link("https://chat/?number=1"), []got{}},
		{"other scheme, same host", link("whatsapp://chat?number=1"), []got{}},
		// Only link kinds: a script or frame URL never matches a link pattern.
		{"frame", Observation{Frames: []Frame{{Ref: 3, Src: "viber://chat?number=1"}}}, []got{}},
		{"script", Observation{Scripts: []string{"whatsapp://send?phone=1"}}, []got{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs := tt.obs
			obs.URL = "https://shop.example.com/contact"
			if g := summarise(e.Report(&obs)); !slices.Equal(g, tt.want) {
				t.Errorf("findings = %+v, want %+v", g, tt.want)
			}
		})
	}
}

// TestAppLinkHostsNotNetworkHosts checks that app-link hosts ("chat") are
// not offered to network observers.
func TestAppLinkHostsNotNetworkHosts(t *testing.T) {
	e := mustCompile(t, appList())
	hosts := e.Hosts()
	for _, h := range []string{"chat", "pa", "send", "user-thread", "ti"} {
		if slices.Contains(hosts, h) {
			t.Errorf("Hosts() = %v, want no app-link host %q", hosts, h)
		}
	}
	if !slices.Contains(hosts, "chats.viber.com") {
		t.Errorf("Hosts() = %v, want the web host chats.viber.com", hosts)
	}
}

// TestCompileRejectsBadAppPatterns checks what Compile refuses on its own
// (Validate refuses it too, with a path).
func TestCompileRejectsBadAppPatterns(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(s *list.Signals)
		want   string
	}{
		{"scheme on a script", func(s *list.Signals) { s.Scripts = []list.URLPattern{{Scheme: "viber", Host: "chat"}} }, "cannot name the scheme"},
		{"https scheme", func(s *list.Signals) { s.Links[0].Scheme = "https" }, "empty scheme"},
		{"no host", func(s *list.Signals) { s.Links[0].Host = "" }, "bad host pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := appList()
			tt.break_(&l.Providers[0].Widgets[0].Signals)
			_, err := Compile(l)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compile() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
