package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// controlList is a small list for the recogniser: two login providers with
// tokens, one of them run by the same operator as a third.
func controlList() *list.List {
	login := func(id string, tokens ...string) list.Widget {
		return list.Widget{ID: id + "-login", Kind: list.KindLogin, Name: id, Signals: list.Signals{Tokens: tokens}}
	}
	return &list.List{
		Schema: list.Schema, ID: "t", Version: 1,
		Providers: []list.Provider{
			{ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com"}, Operator: "meta", Widgets: []list.Widget{login("facebook", "facebook", "fb")}},
			{ID: "google", Name: "Google", Domains: []string{"google.com"}, Widgets: []list.Widget{login("google", "google", "gplus")}},
			{ID: "linkedin", Name: "LinkedIn", Domains: []string{"linkedin.com"}, Widgets: []list.Widget{login("linkedin", "linkedin")}},
			{ID: "instagram", Name: "Instagram", Domains: []string{"instagram.com"}, Operator: "meta", Widgets: []list.Widget{login("instagram", "instagram")}},
		},
		Cues: &list.Cues{
			Auth:     []string{"sign in", "log in", "login", "continue with", "войти", "ログイン"},
			Routes:   []string{"auth", "login", "signin", "oauth2", "connect"},
			Negative: []string{"share", "follow", "checkout"},
		},
	}
}

func TestEachWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"b-loginform-btn--facebook", "b loginform btn facebook"},
		{"theChampFacebookLogin", "the champ facebook login"},
		{"/users/auth/google_oauth2", "users auth google oauth2"},
		{"LoginFacebook", "login facebook"},
		{"Вход через VK", "вход через vk"},
		{"Facebookでログイン", "facebook でログイン"},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		eachWord(tt.in, func(w string) { got = append(got, w) })
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("eachWord(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	known := map[string]bool{"fb": true, "btn": true, "login": true, "with": true, "facebook": true, "form": true}
	tests := []struct {
		in   string
		want []string
	}{
		{"fbbtn", []string{"fb", "btn"}},
		{"loginwithfacebook", []string{"login", "with", "facebook"}},
		{"loginform", []string{"login", "form"}},
		{"fbq", nil},      // not made of known words
		{"headline", nil}, // nor this
		{"ab", nil},       // too short to split
	}
	for _, tt := range tests {
		if got := segment(tt.in, known); !slices.Equal(got, tt.want) {
			t.Errorf("segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRecogniseControls(t *testing.T) {
	e := mustCompile(t, controlList())
	if got := e.Tokens(); !slices.Equal(got, []string{"facebook", "fb", "google", "gplus", "instagram", "linkedin"}) {
		t.Errorf("Tokens() = %q", got)
	}
	tests := []struct {
		name     string
		page     string
		controls []Control
		want     []string // providers with a login finding
	}{
		// Groups: the cues, one at a time.
		{"text", "https://shop.example/", []Control{{Ref: 1, Tag: "button", Text: "Continue with Facebook", Group: 9}}, []string{"facebook"}},
		{"route in the target", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Href: "https://shop.example/signin/facebook", Group: 9}}, []string{"facebook"}},
		{"route in the handler", "https://shop.example/", []Control{{Ref: 1, Tag: "i", Handler: "loginWithGooglePlus()", Group: 9}}, []string{"google"}},
		{"class", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Attrs: "social-login__google", Group: 9}}, []string{"google"}},
		{"compound class", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Attrs: "fbbtn", Group: 9, Context: "Or sign in with"}}, []string{"facebook"}},
		{"caption", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Attrs: "icon google", Group: 9, Context: "Or sign in with"}}, []string{"google"}},
		{"joined words", "https://shop.example/", []Control{{Ref: 1, Tag: "button", Text: "Sign in with Linked In", Group: 9}}, []string{"linkedin"}},
		{"another language", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Text: "Войти через Google", Group: 9}}, []string{"google"}},
		{"wide script", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Text: "Facebookでログイン", Group: 9}}, []string{"facebook"}},
		{"group: an icon beside a sign-in button", "https://shop.example/", []Control{
			{Ref: 1, Tag: "a", Text: "Continue with Facebook", Group: 9},
			{Ref: 2, Tag: "a", Attrs: "icon-google", Group: 9},
		}, []string{"facebook", "google"}},

		// Negatives.
		{"a token alone", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Attrs: "icon-google", Group: 9}}, nil},
		{"a row of bare icons", "https://shop.example/", []Control{
			{Ref: 1, Tag: "a", Attrs: "icon-google", Group: 9},
			{Ref: 2, Tag: "a", Attrs: "icon-facebook", Group: 9},
		}, nil},
		{"share", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Href: "https://shop.example/share/facebook", Text: "Login", Group: 9}}, nil},
		{"follow in the text", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Text: "Follow us", Attrs: "login-facebook", Group: 9}}, nil},
		{"checkout", "https://shop.example/", []Control{{Ref: 1, Tag: "button", Href: "https://shop.example/checkout/google", Text: "Continue with Google", Group: 9}}, nil},
		{"a link to the provider's own domain", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Href: "https://www.facebook.com/shop", Text: "Login to Facebook", Group: 9}}, nil},
		{"two providers in one control", "https://shop.example/", []Control{{Ref: 1, Tag: "div", Text: "Sign in with Google or Facebook", Group: 9}}, nil},
		{"a caption that says share", "https://shop.example/", []Control{{Ref: 1, Tag: "a", Attrs: "google", Group: 9, Context: "share login"}}, nil},
		{"first party by operator", "https://www.instagram.com/accounts/login/", []Control{{Ref: 1, Tag: "button", Text: "Log in with Facebook", Group: 9}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := e.Report(&Observation{URL: tt.page, Controls: tt.controls})
			var got []string
			for _, f := range rep.Findings {
				if f.Kind == list.KindLogin && !slices.Contains(got, f.Provider) {
					got = append(got, f.Provider)
				}
				for _, ev := range f.Evidence {
					if ev.Signal != "control" || ev.Ref < 1 {
						t.Errorf("evidence %+v, want control evidence naming a control", ev)
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %q, want %q (%+v)", got, tt.want, rep.Findings)
			}
		})
	}
}
