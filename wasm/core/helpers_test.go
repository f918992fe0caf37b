package core

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"testing"
	"time"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// issued is the issue time of the test lists.
var issued = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// signer signs test lists with a fresh key.
type signer struct {
	priv ed25519.PrivateKey
	key  Key
}

func newSigner(t testing.TB) *signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &signer{priv: priv, key: Key{ID: list.KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}}
}

// sign stamps l as issued at the given time, valid 30 days, and signs it.
func (s *signer) sign(t testing.TB, l *list.List, at time.Time) string {
	t.Helper()
	list.Stamp(l, at, 30*24*time.Hour)
	payload, err := list.Encode(l)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	env, err := list.Sign(payload, s.priv)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	return string(env)
}

// testList is a small valid list, independent of the default list's data.
func testList(t testing.TB) *list.List {
	t.Helper()
	return &list.List{
		Schema: list.Schema, ID: "core-test",
		Permissions: []list.Permission{
			{ID: "read_messages", Label: "Read your private messages", Severity: list.SeverityHigh},
			{ID: "email", Label: "See your email address", Severity: list.SeverityLow},
		},
		Providers: []list.Provider{
			{ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com", "m.me"}, Widgets: []list.Widget{
				{ID: "facebook-login", Kind: list.KindLogin, Name: "Facebook Login", Signals: list.Signals{
					Links:     []list.URLPattern{{Host: "*.facebook.com", Path: "/v*/dialog/oauth"}},
					Selectors: []string{"div.fb-login-button"},
				}},
				{ID: "facebook-messenger", Kind: list.KindMessaging, Name: "Messenger chat", Signals: list.Signals{
					Links: []list.URLPattern{{Host: "m.me"}},
				}},
			}},
			{ID: "google", Name: "Google", Domains: []string{"google.com"}, Widgets: []list.Widget{
				{ID: "google-gsi", Kind: list.KindLogin, Name: "Sign in with Google", Signals: list.Signals{
					Scripts:   []list.URLPattern{{Host: "accounts.google.com", Path: "/gsi/client"}},
					Selectors: []string{"#g_id_onload"},
				}},
			}},
		},
		Partners: []list.Partner{{
			ID: "spotify", Name: "Spotify", Domains: []string{"spotify.com"},
			Grants: []list.Grant{{
				Platform: "facebook", Permissions: []string{"read_messages"},
				Summary:  "Facebook let Spotify read users' messages.",
				Evidence: list.EvidenceReportedByPress,
				Access:   list.Access{State: list.AccessEnded, From: "2017", To: "2018"},
				Sources: []list.Source{
					{Kind: list.SourcePressReport, Title: "Report", Publisher: "The New York Times", Date: "2018-12-18", URL: "https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html", Read: "2026-12-02"},
					{Kind: list.SourcePressReport, Title: "Follow-up", Publisher: "Threatpost", Date: "2018-12-19", URL: "https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183", Read: "2026-12-02"},
				},
			}},
		}},
	}
}

// loadRequest encodes a LoadRequest.
func loadRequest(r LoadRequest) []byte {
	w := jwriter.Writer{}
	r.MarshalEasyJSON(&w)
	b, _ := w.BuildBytes()
	return b
}

// parse decodes a Response, failing the test on malformed JSON.
func parse(t testing.TB, b []byte) *Response {
	t.Helper()
	var r Response
	l := jlexer.Lexer{Data: b}
	r.UnmarshalEasyJSON(&l)
	l.Consumed()
	if err := l.Error(); err != nil {
		t.Fatalf("response is not valid JSON: %v\n%s", err, b)
	}
	return &r
}

func code(r *Response) string {
	if r.Error == nil {
		return ""
	}
	return r.Error.Code
}

// loaded returns a Core with the default list loaded through LoadList.
func loaded(t testing.TB) (*Core, *signer) {
	t.Helper()
	s := newSigner(t)
	c := New()
	c.Now = func() time.Time { return issued.Add(time.Hour) }
	r := parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: s.sign(t, testList(t), issued), Keys: []Key{s.key}})))
	if !r.OK {
		t.Fatalf("LoadList: %+v", r.Error)
	}
	return c, s
}

// bigList is a list with n partners, each granted one permission by
// Facebook.
func bigList(t testing.TB, n int) *list.List {
	l := testList(t)
	l.Partners = nil
	for i := range n {
		id := "partner" + strconv.Itoa(i)
		l.Partners = append(l.Partners, list.Partner{
			ID: id, Name: "Partner " + strconv.Itoa(i), Domains: []string{id + ".com"},
			Grants: []list.Grant{{
				Platform: "facebook", Permissions: []string{l.Permissions[i%len(l.Permissions)].ID},
				Summary:  "Facebook granted this partner access.",
				Evidence: list.EvidenceReportedByPress,
				Access:   list.Access{State: list.AccessUnknown, From: "2017", AsOf: "2018-12-18"},
				Sources:  []list.Source{{Kind: list.SourcePrimaryDocument, Title: "Filing", Publisher: "Example Court", Date: "2018-12-18", URL: "https://court.example.com/" + id, Read: "2026-12-02"}},
			}},
		})
	}
	return l
}
