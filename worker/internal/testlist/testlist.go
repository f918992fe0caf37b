// Package testlist makes small valid signed lists for the worker's tests,
// integration test and benchmark.
package testlist

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// NewKey returns a fresh Ed25519 key pair's private half.
func NewKey() ed25519.PrivateKey {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return priv
}

// Keys returns the pinned key map of priv's public half.
func Keys(priv ed25519.PrivateKey) map[string]ed25519.PublicKey {
	pub := priv.Public().(ed25519.PublicKey)
	return map[string]ed25519.PublicKey{list.KeyID(pub): pub}
}

// List returns a valid list issued at issued (its version is the issue time
// in Unix seconds), valid for validity, with one provider and one partner
// named partnerName plus extra further partners.
func List(issued time.Time, validity time.Duration, partnerName string, extra int) *list.List {
	l := &list.List{
		ID: "test-list",
		Permissions: []list.Permission{
			{ID: "read_messages", Label: "Read your private messages", Severity: list.SeverityHigh},
		},
		Providers: []list.Provider{{
			ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com"},
			Widgets: []list.Widget{{
				ID: "facebook-login-sdk", Kind: list.KindLogin, Name: "Facebook Login",
				Signals: list.Signals{Scripts: []list.URLPattern{{Host: "connect.facebook.net", Path: "/*/sdk.js"}}},
			}},
		}},
		Partners: []list.Partner{partner("spotify", partnerName, "spotify.com")},
	}
	for i := range extra {
		l.Partners = append(l.Partners, partner(fmt.Sprintf("partner-%d", i), fmt.Sprintf("Partner %d", i), fmt.Sprintf("partner-%d-example.com", i)))
	}
	list.Stamp(l, issued, validity)
	return l
}

func partner(id, name, domain string) list.Partner {
	return list.Partner{
		ID: id, Name: name, Domains: []string{domain},
		Grants: []list.Grant{{
			Platform: "facebook", Permissions: []string{"read_messages"},
			Summary:  "Facebook let this partner read, write and delete users' private messages.",
			Evidence: list.EvidenceReportedByPress,
			Access:   list.Access{State: list.AccessEnded, From: "2010", To: "2018-12"},
			Sources: []list.Source{{
				Kind: list.SourcePressReport, Title: "As Facebook Raised a Privacy Wall, It Carved an Opening for Tech Giants", Publisher: "The New York Times",
				Date: "2018-12-18", URL: "https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html", Read: "2026-12-02",
			}, {
				Kind: list.SourcePressReport, Title: "Facebook Admits Giving Partners Access to Messages", Publisher: "Threatpost",
				Date: "2018-12-19", URL: "https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183", Read: "2026-12-02",
			}},
			Responses: []list.Response{
				{Kind: list.ResponseSummary, By: name, Party: list.PartyPartner, Text: "The partner said it was unaware of the access.", Date: "2018-12-19", URL: "https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"},
				{Kind: list.ResponseQuote, By: "Facebook", Party: list.PartyPlatform, Speaker: "a Facebook spokesperson", Text: "People had to explicitly sign in to Facebook first.", Date: "2018-12-18", URL: "https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"},
			},
		}},
	}
}

// Sign returns the envelope of l signed by priv.
func Sign(l *list.List, priv ed25519.PrivateKey) ([]byte, error) {
	payload, err := list.Encode(l)
	if err != nil {
		return nil, err
	}
	return list.Sign(payload, priv)
}
