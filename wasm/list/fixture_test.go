package list

import (
	"crypto/ed25519"
	"fmt"
	"testing"
)

// validList returns a small list that passes Validate: two permissions, two
// providers with login and messaging widgets, and two partners.
func validList() *List {
	return &List{
		Schema:    Schema,
		ID:        "test-list",
		Version:   1767225600,
		IssuedAt:  "2026-01-01T00:00:00Z",
		ExpiresAt: "2026-02-01T00:00:00Z",
		Permissions: []Permission{
			{ID: "read_messages", Label: "Read your private messages", Severity: SeverityHigh},
			{ID: "friends", Label: "See your friends", Severity: SeverityMedium},
		},
		Providers: []Provider{
			{
				ID:      "facebook",
				Name:    "Facebook",
				Domains: []string{"facebook.com", "fbcdn.net"},
				Widgets: []Widget{
					{
						ID: "facebook-login-sdk", Kind: KindLogin, Name: "Facebook Login",
						Signals: Signals{
							Scripts:   []URLPattern{{Host: "connect.facebook.net", Path: "/*/sdk.js"}},
							Links:     []URLPattern{{Host: "www.facebook.com", Path: "/v*/dialog/oauth", Query: []string{"client_id", "response_type=code*"}}},
							Selectors: []string{"div.fb-login-button", `[data-provider="facebook"]`, "button:not(.x)"},
							Calls:     []string{"FB.login("},
							Routes:    []URLPattern{{Path: "/auth/facebook"}},
							Texts:     []string{"Continue with Facebook"},
						},
					},
					{
						ID: "facebook-messenger-chat", Kind: KindMessaging, Name: "Messenger chat plugin",
						Signals: Signals{
							Frames: []URLPattern{{Host: "*.facebook.com", Path: "/plugins/customerchat.php"}},
							Links:  []URLPattern{{Host: "m.me", Weak: true}},
						},
					},
				},
			},
			{
				ID:      "google",
				Name:    "Google",
				Domains: []string{"google.com"},
				Manage: &Manage{
					URL:    "https://myaccount.google.com/connections",
					Source: "https://support.google.com/accounts/answer/13533235",
					Read:   "2026-12-02",
				},
				Widgets: []Widget{{
					ID: "google-identity", Kind: KindLogin, Name: "Sign in with Google",
					Signals: Signals{Selectors: []string{"#g_id_onload"}},
				}},
			},
		},
		Partners: []Partner{
			{
				ID:      "spotify",
				Name:    "Spotify",
				Domains: []string{"spotify.com", "scdn.co"},
				Grants: []Grant{{
					Platform:    "facebook",
					Permissions: []string{"read_messages", "friends"},
					Summary:     "Facebook let Spotify read, write and delete users' private messages.",
					Account:     "the user's own Facebook account, once signed in to Spotify",
					Evidence:    EvidenceReportedByPress,
					Access:      Access{State: AccessEnded, From: "2010", To: "2018-12"},
					Sources: []Source{{
						Kind:      SourcePressReport,
						Title:     "As Facebook Raised a Privacy Wall, It Carved an Opening for Tech Giants",
						Publisher: "The New York Times",
						Date:      "2018-12-18",
						URL:       "https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html",
						Read:      "2026-12-02",
					}, {
						Kind:      SourcePressReport,
						Title:     "Facebook admits it gave Netflix, Spotify access to users' private messages",
						Publisher: "Syracuse.com",
						Date:      "2018-12-19",
						URL:       "https://www.syracuse.com/us-news/2018/12/facebook-admits-it-let-netflix-spotify-read-users-private-messages.html",
						Read:      "2026-12-02",
					}},
					Responses: []Response{
						{Kind: ResponseSummary, By: "Spotify", Party: PartyPartner, Text: "Spotify said it was unaware of the access.", Date: "2018-12-19", URL: "https://www.syracuse.com/us-news/2018/12/facebook-admits-it-let-netflix-spotify-read-users-private-messages.html"},
						{Kind: ResponseQuote, By: "Facebook", Party: PartyPlatform, Speaker: "Steve Satterfield, director of privacy and public policy", Text: "Facebook's partners don't get to ignore people's privacy settings.", Date: "2018-12-18", URL: "https://www.billboard.com/articles/news/8490960/facebook-access-users-private-messages-netflix-spotify"},
					},
				}},
			},
			{
				ID:      "rbc",
				Name:    "Royal Bank of Canada",
				Domains: []string{"rbc.com", "rbcroyalbank.com"},
				Grants: []Grant{{
					Platform:    "facebook",
					Permissions: []string{"read_messages"},
					Summary:     "Facebook let RBC read, write and delete users' private messages.",
					Evidence:    EvidenceConfirmedByPlatform,
					Access:      Access{State: AccessOngoing, From: "2018-01-05", AsOf: "2018-12-19"},
					Sources: []Source{{
						Kind:      SourcePlatformStatement,
						Title:     "Facebook's data deals",
						Publisher: "Facebook",
						Date:      "2018-12-18",
						URL:       "https://about.fb.com/news/2018/12/facebooks-partners/",
						Read:      "2026-12-02",
					}},
				}},
			},
		},
		Corrections: []Correction{{
			Date:    "2026-12-02",
			Partner: "rbc",
			Change:  "Added royalbank.com to RBC's domains.",
			Reason:  "RBC's customers sign in on secure.royalbank.com.",
			URL:     "https://www.rbcroyalbank.com/",
		}},
	}
}

// testKey returns a deterministic key pair derived from seed byte b.
func testKey(b byte) (ed25519.PublicKey, ed25519.PrivateKey) {
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = b
	}
	priv := ed25519.NewKeyFromSeed(seed)
	return priv.Public().(ed25519.PublicKey), priv
}

// signList encodes and signs l with priv.
func signList(tb testing.TB, l *List, priv ed25519.PrivateKey) []byte {
	tb.Helper()
	payload, err := Encode(l)
	if err != nil {
		tb.Fatal(err)
	}
	env, err := Sign(payload, priv)
	if err != nil {
		tb.Fatal(err)
	}
	return env
}

// largeList builds a synthetic list of n partners, each with two grants
// (one per provider of validList) of two sources, with text of realistic
// length: about 1.2 kB of JSON per partner.
func largeList(n int) *List {
	l := validList()
	l.Partners = make([]Partner, n)
	for i := range l.Partners {
		p := &l.Partners[i]
		p.ID = fmt.Sprintf("partner-%d", i)
		p.Name = fmt.Sprintf("Partner %d Inc.", i)
		p.Domains = []string{fmt.Sprintf("partner-%d.com", i), fmt.Sprintf("partner-%d.net", i)}
		p.Grants = make([]Grant, 2)
		for j := range p.Grants {
			p.Grants[j] = Grant{
				Platform:    l.Providers[j].ID,
				Permissions: []string{"read_messages", "friends"},
				Summary:     fmt.Sprintf("%s let Partner %d read users' private messages and see their friends.", l.Providers[j].Name, i),
				Evidence:    EvidenceReportedByPress,
				Access:      Access{State: AccessEnded, From: "2010", To: "2018-12"},
				Sources: []Source{
					{Kind: SourcePressReport, Title: "As Facebook Raised a Privacy Wall, It Carved an Opening for Tech Giants", Publisher: "The New York Times", Date: "2018-12-18", URL: "https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html", Read: "2026-12-02"},
					{Kind: SourcePressReport, Title: fmt.Sprintf("Partner %d and the data deals", i), Publisher: "Example Press", Date: "2019-01-02", URL: fmt.Sprintf("https://news.example.org/2019/partner-%d-%d", i, j), Read: "2026-12-02"},
				},
			}
		}
	}
	// The fixture's corrections name its own partners, which are gone.
	for i := range l.Corrections {
		if l.Corrections[i].Partner != "" {
			l.Corrections[i].Partner = l.Partners[0].ID
		}
	}
	return l
}
