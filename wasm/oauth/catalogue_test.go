package oauth

import (
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// requiredProviders are the provider IDs other packages and the list rely on.
var requiredProviders = []string{
	"amazon", "apple", "discord", "facebook", "github", "google", "instagram",
	"kakao", "line", "linkedin", "microsoft", "naver", "paypal", "reddit",
	"slack", "spotify", "tiktok", "twitch", "twitter", "vk", "wechat", "yahoo",
	"yandex",
}

func TestProviders(t *testing.T) {
	got := Providers()
	if !sort.StringsAreSorted(got) {
		t.Errorf("Providers() not sorted: %q", got)
	}
	if strings.Join(got, ",") != strings.Join(requiredProviders, ",") {
		t.Errorf("Providers() = %q, want %q", got, requiredProviders)
	}
}

func TestEndpoints(t *testing.T) {
	got := Endpoints()
	if !sort.StringsAreSorted(got) {
		t.Errorf("Endpoints() not sorted")
	}
	seen := map[string]bool{}
	for _, h := range got {
		if seen[h] {
			t.Errorf("Endpoints() repeats %q", h)
		}
		seen[h] = true
		if h != strings.ToLower(h) || strings.ContainsAny(h, ":/ ") || strings.HasSuffix(h, ".") {
			t.Errorf("Endpoints() has a host that is not bare and lower-case: %q", h)
		}
	}
	// A sample of the documented hosts, one or more per provider.
	for _, h := range []string{
		"www.facebook.com", "m.facebook.com", "accounts.google.com", "appleid.apple.com",
		"login.microsoftonline.com", "login.live.com", "github.com", "twitter.com", "x.com",
		"api.twitter.com", "www.linkedin.com", "www.amazon.com", "discord.com", "slack.com",
		"api.login.yahoo.com", "access.line.me", "oauth.vk.com", "id.vk.com", "oauth.yandex.ru",
		"oauth.yandex.com", "kauth.kakao.com", "nid.naver.com", "open.weixin.qq.com",
		"www.tiktok.com", "accounts.spotify.com", "id.twitch.tv", "www.paypal.com",
		"www.reddit.com", "api.instagram.com", "www.instagram.com",
	} {
		if !seen[h] {
			t.Errorf("Endpoints() lacks %q", h)
		}
	}
}

func TestCatalogueShape(t *testing.T) {
	for _, p := range Providers() {
		scopes := catalogueOf(p)
		if scopes == nil {
			t.Errorf("catalogue[%q] is nil for a known provider", p)
		}
		names := map[string]bool{}
		for _, s := range scopes {
			key := strings.ToLower(s.Name)
			if names[key] {
				t.Errorf("%s: scope %q listed twice", p, s.Name)
			}
			names[key] = true
			if s.Name == "" || strings.TrimSpace(s.Label) == "" {
				t.Errorf("%s: scope %+v lacks a name or label", p, s)
			}
			if s.Severity != SeverityLow && s.Severity != SeverityMedium && s.Severity != SeverityHigh {
				t.Errorf("%s: scope %q has severity %q", p, s.Name, s.Severity)
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range catalogue {
		if seen[c.provider] {
			t.Errorf("catalogue lists provider %q twice", c.provider)
		}
		seen[c.provider] = true
		if _, ok := byProvider()[c.provider]; !ok {
			t.Errorf("catalogue has provider %q that no endpoint serves", c.provider)
		}
		for _, s := range c.scopes {
			for i := 0; i < len(s.Name); i++ {
				if s.Name[i] >= utf8.RuneSelf {
					t.Errorf("%s: scope %q is not ASCII (describe compares ASCII)", c.provider, s.Name)
					break
				}
			}
		}
	}
}

// byProvider returns the set of providers in the endpoint table.
func byProvider() map[string]bool {
	m := map[string]bool{}
	for _, e := range endpoints {
		m[e.provider] = true
	}
	return m
}

func TestCatalogueSize(t *testing.T) {
	// The major providers document at least eight scopes that matter.
	for _, p := range []string{"facebook", "google", "microsoft", "github", "twitter", "linkedin", "discord", "slack", "spotify"} {
		if n := len(catalogueOf(p)); n < 8 {
			t.Errorf("catalogue[%q] has %d scopes, want at least 8", p, n)
		}
	}
	// The others have at least their basics (Naver's URL carries no scope).
	for _, p := range Providers() {
		if p != "naver" && len(catalogueOf(p)) == 0 {
			t.Errorf("catalogue[%q] is empty", p)
		}
	}
}

// severityCases pin the severity rule: what reads or sends messages, mail,
// contacts, files or calendars, writes code or administers is high; friends,
// posts and activity are medium; sign-in basics are low.
var severityCases = []struct {
	provider, scope, want string
}{
	// High: mail and messages.
	{"google", "https://www.googleapis.com/auth/gmail.readonly", high},
	{"google", "https://www.googleapis.com/auth/gmail.send", high},
	{"google", "https://mail.google.com/", high},
	{"microsoft", "Mail.Read", high},
	{"microsoft", "Mail.Send", high},
	{"facebook", "user_messages", high},
	{"facebook", "read_mailbox", high},
	{"slack", "chat:write", high},
	{"slack", "im:history", high},
	{"vk", "messages", high},
	{"twitter", "dm.read", high},
	{"reddit", "privatemessages", high},
	{"yahoo", "mail-r", high},
	{"discord", "messages.read", high},
	// High: contacts, files, calendars, code, administration.
	{"google", "https://www.googleapis.com/auth/contacts.readonly", high},
	{"google", "https://www.googleapis.com/auth/drive", high},
	{"google", "https://www.googleapis.com/auth/calendar.readonly", high},
	{"microsoft", "Contacts.Read", high},
	{"microsoft", "Files.Read.All", high},
	{"microsoft", "Calendars.Read", high},
	{"github", "repo", high},
	{"github", "public_repo", high},
	{"github", "admin:org", high},
	{"slack", "admin", high},
	// Medium: friends, posts, activity, profile details.
	{"facebook", "user_friends", med},
	{"facebook", "user_posts", med},
	{"discord", "relationships.read", med},
	{"vk", "friends", med},
	{"twitter", "follows.read", med},
	{"spotify", "user-read-recently-played", med},
	{"linkedin", "r_basicprofile", med},
	// Low: sign-in basics.
	{"google", "openid", low},
	{"google", "email", low},
	{"google", "profile", low},
	{"facebook", "public_profile", low},
	{"facebook", "email", low},
	{"microsoft", "openid", low},
	{"github", "read:user", low},
	{"apple", "email", low},
	{"slack", "identity.basic", low},
	{"discord", "identify", low},
}

func TestCatalogueSeverities(t *testing.T) {
	for _, tc := range severityCases {
		if got := describe(tc.provider, tc.scope); got.Severity != tc.want {
			t.Errorf("%s %q: severity %q, want %q", tc.provider, tc.scope, got.Severity, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		provider, scope     string
		wantLabel, wantSeve string
	}{
		// Known scopes keep the requested spelling but take the label.
		{"microsoft", "mail.read", "Read your mail", high},
		{"microsoft", "https://graph.microsoft.com/Mail.Read", "Read your mail", high},
		{"google", "HTTPS://WWW.GOOGLEAPIS.COM/AUTH/DRIVE", "See, edit and delete all your Google Drive files", high},
		// Case is folded as strings.ToLower folds it: the Kelvin sign is a k.
		{"facebook", "USER_LI\u212aES", "The Pages you like", med},
		// Unknown scopes: the name is the label, severity is medium.
		{"google", "https://www.googleapis.com/auth/new.thing", "https://www.googleapis.com/auth/new.thing", med},
		{"github", "Mail.Read", "Mail.Read", med},
		{"nosuchprovider", "openid", "openid", med},
		// The Graph prefix is stripped for Microsoft only.
		{"google", "https://graph.microsoft.com/Mail.Read", "https://graph.microsoft.com/Mail.Read", med},
	}
	for _, tc := range tests {
		got := describe(tc.provider, tc.scope)
		if got.Name != tc.scope || got.Label != tc.wantLabel || got.Severity != tc.wantSeve {
			t.Errorf("describe(%q, %q) = %+v, want {%q %q %q}", tc.provider, tc.scope, got, tc.scope, tc.wantLabel, tc.wantSeve)
		}
	}
}

func TestScopeCap(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 300; i++ {
		b.WriteString("s")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteByte(byte('a' + i%26))
		b.WriteString(string(rune('A' + i/26)))
		b.WriteByte(' ')
	}
	scopes := appendScopes([]Scope{}, "github", b.String())
	if len(scopes) != maxScopes {
		t.Errorf("kept %d scopes, want the cap %d", len(scopes), maxScopes)
	}
	req, ok := Parse("https://github.com/login/oauth/authorize?client_id=1&scope=" + strings.ReplaceAll(b.String(), " ", "+"))
	if !ok {
		t.Fatalf("Parse refused a URL with many scopes")
	}
	if len(req.Scopes) != maxScopes {
		t.Errorf("Parse kept %d scopes, want %d", len(req.Scopes), maxScopes)
	}
}

// catalogueOf returns a copy of one provider's scope catalogue (nil if
// unknown).
func catalogueOf(provider string) []Scope {
	scopes, ok := scopesOf(provider)
	if !ok {
		return nil
	}
	return append([]Scope{}, scopes...)
}
