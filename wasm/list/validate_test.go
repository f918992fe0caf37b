package list

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestValidateAcceptsFixture(t *testing.T) {
	l := validList()
	if err := l.Validate(); err != nil {
		t.Fatalf("Validate(validList()) = %v, want nil", err)
	}
	if probs := l.Problems(); len(probs) != 0 {
		t.Fatalf("Problems(validList()) = %v, want none", probs)
	}
}

// TestValidateRules breaks one rule per case and checks the path Validate
// reports, and that Problems reports the same problem.
func TestValidateRules(t *testing.T) {
	long := strings.Repeat("a", MaxSelectorBytes+1)
	tests := []struct {
		name   string
		break_ func(l *List)
		path   string
		reason string // a substring of the reason
	}{
		// The list itself.
		{"schema 1 (before evidence and access)", func(l *List) { l.Schema = 1 }, "schema", "want 2"},
		{"id missing", func(l *List) { l.ID = "" }, "id", "missing"},
		{"id not a slug", func(l *List) { l.ID = "Test List" }, "id", "not a lowercase slug"},
		{"id trailing hyphen", func(l *List) { l.ID = "test-" }, "id", "slug"},
		{"version zero", func(l *List) { l.Version = 0 }, "version", "positive"},
		{"issued_at missing", func(l *List) { l.IssuedAt = "" }, "issued_at", "missing"},
		{"issued_at not RFC 3339", func(l *List) { l.IssuedAt = "2026-01-01" }, "issued_at", "RFC 3339"},
		{"expires_at not RFC 3339", func(l *List) { l.ExpiresAt = "tomorrow" }, "expires_at", "RFC 3339"},
		{"expires before issued", func(l *List) { l.ExpiresAt = "2025-12-31T00:00:00Z" }, "expires_at", "not after issued_at"},
		{"expires equal issued", func(l *List) { l.ExpiresAt = l.IssuedAt }, "expires_at", "not after"},

		// Permissions.
		{"permission id", func(l *List) { l.Permissions[1].ID = "Friends!" }, "permissions[1].id", "slug"},
		{"permission duplicate", func(l *List) { l.Permissions[1].ID = "read_messages" }, "permissions[1].id", "defined twice"},
		{"permission label", func(l *List) { l.Permissions[0].Label = "  " }, "permissions[0].label", "blank"},
		{"permission severity", func(l *List) { l.Permissions[0].Severity = "critical" }, "permissions[0].severity", "low, medium, high"},

		// Providers.
		{"provider id uppercase", func(l *List) { l.Providers[1].ID = "Google" }, "providers[1].id", "slug"},
		{"provider duplicate", func(l *List) { l.Providers[1].ID = "facebook" }, "providers[1].id", "defined twice"},
		{"provider name", func(l *List) { l.Providers[0].Name = "" }, "providers[0].name", "missing"},
		{"provider no domains", func(l *List) { l.Providers[1].Domains = nil }, "providers[1].domains", "no domains"},
		{"provider domain not registrable", func(l *List) { l.Providers[0].Domains[1] = "www.fbcdn.net" }, "providers[0].domains[1]", "not a registrable domain"},
		{"provider domain public suffix", func(l *List) { l.Providers[0].Domains[1] = "co.uk" }, "providers[0].domains[1]", "registrable"},
		{"provider domain uppercase", func(l *List) { l.Providers[0].Domains[0] = "Facebook.com" }, "providers[0].domains[0]", "normal form"},
		{"provider domain junk", func(l *List) { l.Providers[0].Domains[0] = "face book.com" }, "providers[0].domains[0]", "not a domain name"},
		{"provider domain twice", func(l *List) { l.Providers[0].Domains[1] = "facebook.com" }, "providers[0].domains[1]", "listed twice"},

		// Manage-access pages.
		{"manage url missing", func(l *List) { l.Providers[1].Manage.URL = "" }, "providers[1].manage.url", "missing; want an https URL"},
		{"manage url http", func(l *List) { l.Providers[1].Manage.URL = "http://myaccount.google.com/connections" }, "providers[1].manage.url", "not an https URL"},
		{"manage url javascript", func(l *List) { l.Providers[1].Manage.URL = "javascript:alert(1)" }, "providers[1].manage.url", "not an https URL"},
		{"manage url elsewhere", func(l *List) { l.Providers[1].Manage.URL = "https://google.com.evil.example/connections" }, "providers[1].manage.url", "not one of the provider's domains"},
		{"manage url lookalike", func(l *List) { l.Providers[1].Manage.URL = "https://notgoogle.com/connections" }, "providers[1].manage.url", "not one of the provider's domains"},
		{"manage url on another provider's site", func(l *List) { l.Providers[1].Manage.URL = "https://www.facebook.com/settings?tab=applications" }, "providers[1].manage.url", "not one of the provider's domains"},
		{"manage url user info before the host", func(l *List) { l.Providers[1].Manage.URL = "https://myaccount.google.com@evil.example/connections" }, "providers[1].manage.url", "not an https URL"},
		{"manage url user info on the host", func(l *List) { l.Providers[1].Manage.URL = "https://evil.example@myaccount.google.com/connections" }, "providers[1].manage.url", "not an https URL"},
		{"manage source missing", func(l *List) { l.Providers[1].Manage.Source = "" }, "providers[1].manage.source", "missing"},
		{"manage source http", func(l *List) { l.Providers[1].Manage.Source = "http://support.google.com/x" }, "providers[1].manage.source", "not an https URL"},
		{"manage read not a date", func(l *List) { l.Providers[1].Manage.Read = "2026-12" }, "providers[1].manage.read", "not a date YYYY-MM-DD"},

		// Widgets.
		{"widget id", func(l *List) { l.Providers[0].Widgets[0].ID = "" }, "providers[0].widgets[0].id", "missing"},
		{"widget id unique across providers", func(l *List) { l.Providers[1].Widgets[0].ID = "facebook-login-sdk" }, "providers[1].widgets[0].id", "already defined at providers[0].widgets[0]"},
		{"widget kind", func(l *List) { l.Providers[0].Widgets[1].Kind = "chat" }, "providers[0].widgets[1].kind", "login or messaging"},
		{"widget name", func(l *List) { l.Providers[0].Widgets[1].Name = "" }, "providers[0].widgets[1].name", "missing"},
		{"widget only weak signals", func(l *List) { l.Providers[0].Widgets[1].Signals.Frames[0].Weak = true }, "providers[0].widgets[1].signals", "no strong signal"},
		{"widget no signals", func(l *List) { l.Providers[1].Widgets[0].Signals = Signals{} }, "providers[1].widgets[0].signals", "no strong signal"},

		// Signals.
		{"script host missing", func(l *List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Host = "" }, "providers[0].widgets[0].signals.scripts[0].host", "missing"},
		{"frame host uppercase", func(l *List) { l.Providers[0].Widgets[1].Signals.Frames[0].Host = "*.Facebook.com" }, "providers[0].widgets[1].signals.frames[0].host", "host name"},
		{"host wildcard in the middle", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Host = "www.*.facebook.com" }, "providers[0].widgets[0].signals.links[0].host", "host name"},
		{"host wildcard on a TLD", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Host = "*.com" }, "providers[0].widgets[0].signals.links[0].host", "top-level domain"},
		{"host with a port", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Host = "facebook.com:443" }, "providers[0].widgets[0].signals.links[0].host", "host name"},
		{"path without slash", func(l *List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Path = "sdk.js" }, "providers[0].widgets[0].signals.scripts[0].path", `start with "/"`},
		{"path with query", func(l *List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Path = "/sdk.js?x=1" }, "providers[0].widgets[0].signals.scripts[0].path", "query"},
		{"query entry empty", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Query[1] = "" }, "providers[0].widgets[0].signals.links[0].query[1]", "empty"},
		{"query entry without key", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Query[0] = "=x" }, "providers[0].widgets[0].signals.links[0].query[0]", "no key"},
		{"scheme on a script", func(l *List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Scheme = "viber" }, "providers[0].widgets[0].signals.scripts[0].scheme", "only link patterns"},
		{"scheme on a route", func(l *List) { l.Providers[0].Widgets[0].Signals.Routes[0].Scheme = "viber" }, "providers[0].widgets[0].signals.routes[0].scheme", "only link patterns"},
		{"scheme https", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "https" }, "providers[0].widgets[0].signals.links[0].scheme", "empty scheme"},
		{"scheme http", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "http" }, "providers[0].widgets[0].signals.links[0].scheme", "empty scheme"},

		// Control tokens, profile links, operators and cues.
		{"token uppercase", func(l *List) { l.Providers[0].Widgets[0].Signals.Tokens = []string{"Facebook"} }, "providers[0].widgets[0].signals.tokens[0]", "not lower-case"},
		{"token with a space", func(l *List) { l.Providers[0].Widgets[0].Signals.Tokens = []string{"face book"} }, "providers[0].widgets[0].signals.tokens[0]", "single word"},
		{"token of one letter", func(l *List) { l.Providers[0].Widgets[0].Signals.Tokens = []string{"f"} }, "providers[0].widgets[0].signals.tokens[0]", "shorter than 2"},
		{"token on a messaging widget", func(l *List) { l.Providers[0].Widgets[1].Signals.Tokens = []string{"messenger"} }, "providers[0].widgets[1].signals.tokens", "only login widgets"},
		{"FedCM flag upper-case", func(l *List) { l.Providers[0].Widgets[0].Signals.FedCM = []string{"Use_FedCM"} }, "providers[0].widgets[0].signals.fedcm[0]", "not a lower-case identifier"},
		{"FedCM flag empty", func(l *List) { l.Providers[0].Widgets[0].Signals.FedCM = []string{""} }, "providers[0].widgets[0].signals.fedcm[0]", "not a lower-case identifier"},
		{"FedCM flag on a messaging widget", func(l *List) { l.Providers[0].Widgets[1].Signals.FedCM = []string{"use_fedcm"} }, "providers[0].widgets[1].signals.fedcm", "only login widgets"},
		{"token of two providers", func(l *List) {
			l.Providers[0].Widgets[0].Signals.Tokens = []string{"fb"}
			l.Providers[1].Widgets[0].Signals.Tokens = []string{"fb"}
		}, "providers[1].widgets[0].signals.tokens[0]", `already names provider "facebook"`},
		{"profile on a script", func(l *List) { l.Providers[0].Widgets[0].Signals.Scripts[0].Profile = true }, "providers[0].widgets[0].signals.scripts[0].profile", "only link patterns"},
		{"operator not a slug", func(l *List) { l.Providers[0].Operator = "Meta Platforms" }, "providers[0].operator", "slug"},
		{"cue route of two words", func(l *List) { l.Cues = &Cues{Routes: []string{"log in"}} }, "cues.routes[0]", "single word"},
		{"cue auth uppercase", func(l *List) { l.Cues = &Cues{Auth: []string{"Sign in"}} }, "cues.auth[0]", "not lower-case"},
		{"cue negative twice", func(l *List) { l.Cues = &Cues{Negative: []string{"share", "share"}} }, "cues.negative[1]", "listed twice"},
		{"cue auth blank", func(l *List) { l.Cues = &Cues{Auth: []string{" "}} }, "cues.auth[0]", "blank"},
		{"scheme uppercase", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "Viber" }, "providers[0].widgets[0].signals.links[0].scheme", "lowercase URL scheme"},
		{"scheme with a colon", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "viber:" }, "providers[0].widgets[0].signals.links[0].scheme", "lowercase URL scheme"},
		{"scheme starting with a digit", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "1tg" }, "providers[0].widgets[0].signals.links[0].scheme", "lowercase URL scheme"},
		{"scheme too long", func(l *List) { l.Providers[0].Widgets[0].Signals.Links[0].Scheme = strings.Repeat("x", 33) }, "providers[0].widgets[0].signals.links[0].scheme", "more than 32"},
		{"scheme without a host", func(l *List) {
			l.Providers[0].Widgets[0].Signals.Links[0].Scheme = "viber"
			l.Providers[0].Widgets[0].Signals.Links[0].Host = ""
		}, "providers[0].widgets[0].signals.links[0].host", "missing"},
		{"route matching everything", func(l *List) { l.Providers[0].Widgets[0].Signals.Routes[0].Path = "" }, "providers[0].widgets[0].signals.routes[0]", "every URL"},
		{"selector empty", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[0] = " " }, "providers[0].widgets[0].signals.selectors[0]", "empty"},
		{"selector too long", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[0] = long }, "providers[0].widgets[0].signals.selectors[0]", "more than 512"},
		{"selector unbalanced bracket", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[1] = `[data-provider="facebook"` }, "providers[0].widgets[0].signals.selectors[1]", "unclosed ["},
		{"selector unbalanced paren", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[2] = "button:not(.x))" }, "providers[0].widgets[0].signals.selectors[2]", "unbalanced )"},
		{"selector unclosed quote", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[1] = `[data-provider="facebook]` }, "providers[0].widgets[0].signals.selectors[1]", "unclosed quote"},
		{"selector with a rule body", func(l *List) { l.Providers[0].Widgets[0].Signals.Selectors[0] = "div{color:red}" }, "providers[0].widgets[0].signals.selectors[0]", "outside a string"},
		{"call empty", func(l *List) { l.Providers[0].Widgets[0].Signals.Calls[0] = "" }, "providers[0].widgets[0].signals.calls[0]", "missing"},
		{"text empty", func(l *List) { l.Providers[0].Widgets[0].Signals.Texts[0] = "" }, "providers[0].widgets[0].signals.texts[0]", "missing"},

		// Partners.
		{"partner id", func(l *List) { l.Partners[1].ID = "RBC" }, "partners[1].id", "slug"},
		{"partner duplicate", func(l *List) { l.Partners[1].ID = "spotify" }, "partners[1].id", "defined twice"},
		{"partner name", func(l *List) { l.Partners[1].Name = "" }, "partners[1].name", "missing"},
		{"partner no domains", func(l *List) { l.Partners[0].Domains = []string{} }, "partners[0].domains", "no domains"},
		{"partner subdomain", func(l *List) { l.Partners[0].Domains[0] = "open.spotify.com" }, "partners[0].domains[0]", `"spotify.com"`},
		{"partner domain claimed twice", func(l *List) { l.Partners[1].Domains[1] = "scdn.co" }, "partners[1].domains[1]", "already claimed by partners[0]"},
		{"partner no grants", func(l *List) { l.Partners[1].Grants = nil }, "partners[1].grants", "no grants"},

		// Grants.
		{"grant platform missing", func(l *List) { l.Partners[0].Grants[0].Platform = "" }, "partners[0].grants[0].platform", "missing"},
		{"grant platform unknown", func(l *List) { l.Partners[0].Grants[0].Platform = "myspace" }, "partners[0].grants[0].platform", "not a provider id"},
		{"grant no permissions", func(l *List) { l.Partners[0].Grants[0].Permissions = nil }, "partners[0].grants[0].permissions", "no permissions"},
		{"grant permission unknown", func(l *List) { l.Partners[0].Grants[0].Permissions[1] = "delete_account" }, "partners[0].grants[0].permissions[1]", "not in the permission catalogue"},
		{"grant permission twice", func(l *List) { l.Partners[0].Grants[0].Permissions[1] = "read_messages" }, "partners[0].grants[0].permissions[1]", "listed twice"},
		{"grant summary", func(l *List) { l.Partners[0].Grants[0].Summary = "" }, "partners[0].grants[0].summary", "missing"},
		{"grant account blank", func(l *List) { l.Partners[0].Grants[0].Account = " " }, "partners[0].grants[0].account", "blank"},
		{"grant summary with a quotation mark", func(l *List) { l.Partners[0].Grants[0].Summary = "Facebook said \u201cno\u201d." }, "partners[0].grants[0].summary", "quotation mark"},
		{"grant summary with a straight quote", func(l *List) { l.Partners[0].Grants[0].Summary = `Spotify was "unaware".` }, "partners[0].grants[0].summary", "quotation mark"},

		// Access.
		{"access state missing", func(l *List) { l.Partners[0].Grants[0].Access.State = "" }, "partners[0].grants[0].access.state", "missing"},
		{"access state unknown value", func(l *List) { l.Partners[0].Grants[0].Access.State = "confirmed" }, "partners[0].grants[0].access.state", "not one of"},
		{"access from bad month", func(l *List) { l.Partners[0].Grants[0].Access.From = "2018-13" }, "partners[0].grants[0].access.from", "not a date"},
		{"access to bad day", func(l *List) { l.Partners[0].Grants[0].Access.To = "2018-02-30" }, "partners[0].grants[0].access.to", "not a date"},
		{"access to before from", func(l *List) { l.Partners[0].Grants[0].Access.To = "2009-05" }, "partners[0].grants[0].access.to", "before from"},
		{"access by before from", func(l *List) {
			l.Partners[0].Grants[0].Access.To = ""
			l.Partners[0].Grants[0].Access.By = "2009"
		}, "partners[0].grants[0].access.by", "before from"},
		{"access ended without an end", func(l *List) { l.Partners[0].Grants[0].Access.To = "" }, "partners[0].grants[0].access.state", "needs to"},
		{"access ended with to and by", func(l *List) { l.Partners[0].Grants[0].Access.By = "2018-10" }, "partners[0].grants[0].access.to", "not both"},
		{"access ended with as_of", func(l *List) { l.Partners[0].Grants[0].Access.AsOf = "2018-12-18" }, "partners[0].grants[0].access.as_of", "not as_of"},
		{"access ongoing with an end", func(l *List) { l.Partners[1].Grants[0].Access.To = "2019" }, "partners[1].grants[0].access.to", "set state to ended"},
		{"access ongoing with a by date", func(l *List) { l.Partners[1].Grants[0].Access.By = "2019" }, "partners[1].grants[0].access.by", "set state to ended"},
		{"access ongoing without as_of", func(l *List) { l.Partners[1].Grants[0].Access.AsOf = "" }, "partners[1].grants[0].access.as_of", "as of which date"},
		{"access unknown without as_of", func(l *List) {
			l.Partners[1].Grants[0].Access.State = AccessUnknown
			l.Partners[1].Grants[0].Access.AsOf = ""
		}, "partners[1].grants[0].access.as_of", "as of which date"},
		{"access as_of partial", func(l *List) { l.Partners[1].Grants[0].Access.AsOf = "2018-12" }, "partners[1].grants[0].access.as_of", "YYYY-MM-DD"},

		// Evidence: the ladder of LIST.md.
		{"evidence missing", func(l *List) { l.Partners[0].Grants[0].Evidence = "" }, "partners[0].grants[0].evidence", "missing"},
		{"evidence old status", func(l *List) { l.Partners[0].Grants[0].Evidence = "reported" }, "partners[0].grants[0].evidence", "not one of"},
		{"confirmed by platform on press only", func(l *List) {
			l.Partners[0].Grants[0].Evidence = EvidenceConfirmedByPlatform
			l.Partners[0].Grants[0].Responses[1].Kind = ResponseSummary
		}, "partners[0].grants[0].evidence", "platform-statement or primary-document"},
		{"confirmed by platform on a partner statement", func(l *List) { l.Partners[1].Grants[0].Sources[0].Kind = SourcePartnerStatement }, "partners[1].grants[0].evidence", "platform-statement or primary-document"},
		{"confirmed by partner on press only", func(l *List) { l.Partners[0].Grants[0].Evidence = EvidenceConfirmedByPartner }, "partners[0].grants[0].evidence", "partner-statement or primary-document"},
		{"denied by partner without the partner's answer", func(l *List) {
			l.Partners[0].Grants[0].Evidence = EvidenceDeniedByPartner
			l.Partners[0].Grants[0].Responses[0].Party = PartyOther
		}, "partners[0].grants[0].evidence", "response of the partner"},
		{"denied by partner on a refusal to comment", func(l *List) {
			l.Partners[0].Grants[0].Evidence = EvidenceDeniedByPartner
			l.Partners[0].Grants[0].Responses[0].Kind = ResponseDeclined
			l.Partners[0].Grants[0].Responses[0].Text = ""
		}, "partners[0].grants[0].evidence", "response of the partner"},
		{"grant no sources", func(l *List) { l.Partners[1].Grants[0].Sources = []Source{} }, "partners[1].grants[0].sources", "at least one"},

		// Sources and responses.
		{"source title", func(l *List) { l.Partners[0].Grants[0].Sources[0].Title = "" }, "partners[0].grants[0].sources[0].title", "missing"},
		{"source publisher", func(l *List) { l.Partners[0].Grants[0].Sources[0].Publisher = "" }, "partners[0].grants[0].sources[0].publisher", "missing"},
		{"source date in words", func(l *List) { l.Partners[0].Grants[0].Sources[0].Date = "18 Dec 2018" }, "partners[0].grants[0].sources[0].date", "not a date"},
		{"source date missing", func(l *List) { l.Partners[0].Grants[0].Sources[0].Date = "" }, "partners[0].grants[0].sources[0].date", "not a date"},
		{"source url http", func(l *List) { l.Partners[0].Grants[0].Sources[0].URL = "http://www.nytimes.com/" }, "partners[0].grants[0].sources[0].url", "not an https URL"},
		{"source url missing", func(l *List) { l.Partners[0].Grants[0].Sources[0].URL = "" }, "partners[0].grants[0].sources[0].url", "missing"},
		{"source url relative", func(l *List) { l.Partners[0].Grants[0].Sources[0].URL = "/2018/12/18" }, "partners[0].grants[0].sources[0].url", "not an https URL"},
		{"source kind missing", func(l *List) { l.Partners[0].Grants[0].Sources[0].Kind = "" }, "partners[0].grants[0].sources[0].kind", "missing"},
		{"source kind unknown", func(l *List) { l.Partners[0].Grants[0].Sources[0].Kind = "blog" }, "partners[0].grants[0].sources[0].kind", "not one of"},
		{"source read missing", func(l *List) { l.Partners[0].Grants[0].Sources[0].Read = "" }, "partners[0].grants[0].sources[0].read", "YYYY-MM-DD"},
		{"source read before a partial publication date", func(l *List) {
			l.Partners[0].Grants[0].Sources[0].Date = "2019-01"
			l.Partners[0].Grants[0].Sources[0].Read = "2018-12-31"
		}, "partners[0].grants[0].sources[0].read", "before the publication date"},
		{"source read before publication", func(l *List) { l.Partners[0].Grants[0].Sources[0].Read = "2018-12-01" }, "partners[0].grants[0].sources[0].read", "before the publication date"},
		{"source archive http", func(l *List) { l.Partners[0].Grants[0].Sources[0].Archive = "http://web.archive.org/x" }, "partners[0].grants[0].sources[0].archive", "not an https URL"},
		{"press only, one publisher", func(l *List) { l.Partners[0].Grants[0].Sources[1].Publisher = "the new york times" }, "partners[0].grants[0].sources", "two independent publishers"},
		{"press only, one source", func(l *List) { l.Partners[0].Grants[0].Sources = l.Partners[0].Grants[0].Sources[:1] }, "partners[0].grants[0].sources", "two independent publishers"},
		{"response kind missing", func(l *List) { l.Partners[0].Grants[0].Responses[0].Kind = "" }, "partners[0].grants[0].responses[0].kind", "missing"},
		{"response kind unknown", func(l *List) { l.Partners[0].Grants[0].Responses[0].Kind = "paraphrase" }, "partners[0].grants[0].responses[0].kind", "not one of"},
		{"response by", func(l *List) { l.Partners[0].Grants[0].Responses[0].By = "" }, "partners[0].grants[0].responses[0].by", "missing"},
		{"response party", func(l *List) { l.Partners[0].Grants[0].Responses[0].Party = "spotify" }, "partners[0].grants[0].responses[0].party", "not one of"},
		{"response text", func(l *List) { l.Partners[0].Grants[0].Responses[0].Text = "" }, "partners[0].grants[0].responses[0].text", "missing"},
		{"response date missing", func(l *List) { l.Partners[0].Grants[0].Responses[0].Date = "" }, "partners[0].grants[0].responses[0].date", "every response is dated"},
		{"response date", func(l *List) { l.Partners[0].Grants[0].Responses[0].Date = "19 Dec 2018" }, "partners[0].grants[0].responses[0].date", "not a date"},
		{"response url", func(l *List) { l.Partners[0].Grants[0].Responses[0].URL = "ftp://x.example/" }, "partners[0].grants[0].responses[0].url", "https"},
		{"response url missing", func(l *List) { l.Partners[0].Grants[0].Responses[0].URL = "" }, "partners[0].grants[0].responses[0].url", "missing"},
		{"summary response carries a quote", func(l *List) {
			l.Partners[0].Grants[0].Responses[0].Text = "Spotify said it was \u201cunaware\u201d of the access."
		}, "partners[0].grants[0].responses[0].text", "quotation mark"},
		{"summary response with a straight quote", func(l *List) {
			l.Partners[0].Grants[0].Responses[0].Text = `Spotify: "unaware".`
		}, "partners[0].grants[0].responses[0].text", "quotation mark"},
		{"quote without a speaker", func(l *List) { l.Partners[0].Grants[0].Responses[1].Speaker = "" }, "partners[0].grants[0].responses[1].speaker", "names who said it"},
		{"quote in its own quotation marks", func(l *List) {
			l.Partners[0].Grants[0].Responses[1].Text = "\u201cFacebook's partners don't get to ignore people's privacy settings.\u201d"
		}, "partners[0].grants[0].responses[1].text", "starts or ends with a quotation mark"},
		{"quote ending in a straight quote", func(l *List) { l.Partners[0].Grants[0].Responses[1].Text = `It was wrong."` }, "partners[0].grants[0].responses[1].text", "starts or ends"},
		{"quote empty", func(l *List) { l.Partners[0].Grants[0].Responses[1].Text = " " }, "partners[0].grants[0].responses[1].text", "blank"},
		{"declined with text", func(l *List) {
			l.Partners[0].Grants[0].Responses[0].Kind = ResponseDeclined
		}, "partners[0].grants[0].responses[0].text", "has no text"},
		{"no-reply with text", func(l *List) {
			l.Partners[0].Grants[0].Responses[0].Kind = ResponseNoReply
		}, "partners[0].grants[0].responses[0].text", "has no text"},

		// Corrections.
		{"correction date", func(l *List) { l.Corrections[0].Date = "2026-12" }, "corrections[0].date", "YYYY-MM-DD"},
		{"correction partner unknown", func(l *List) { l.Corrections[0].Partner = "myspace" }, "corrections[0].partner", "not a partner id"},
		{"correction change", func(l *List) { l.Corrections[0].Change = "" }, "corrections[0].change", "missing"},
		{"correction reason", func(l *List) { l.Corrections[0].Reason = " " }, "corrections[0].reason", "blank"},
		{"correction url", func(l *List) { l.Corrections[0].URL = "http://x.example/" }, "corrections[0].url", "not an https URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validList()
			tt.break_(l)
			err := l.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			if ve.Path != tt.path {
				t.Errorf("path = %q, want %q (reason %q)", ve.Path, tt.path, ve.Reason)
			}
			if !strings.Contains(ve.Reason, tt.reason) {
				t.Errorf("reason = %q, want it to contain %q", ve.Reason, tt.reason)
			}
			probs := l.Problems()
			if len(probs) == 0 || probs[0].Path != ve.Path || probs[0].Reason != ve.Reason {
				t.Errorf("Problems()[0] = %v, want the error of Validate %v", probs, ve)
			}
		})
	}
}

// TestValidateAcceptsAppSchemes checks that well-formed app schemes of link
// patterns validate.
func TestValidateAcceptsAppSchemes(t *testing.T) {
	for _, scheme := range []string{"viber", "whatsapp", "tg", "fb-messenger", "line", "weixin", "ms-teams", "x.y+z-1"} {
		t.Run(scheme, func(t *testing.T) {
			l := validList()
			l.Providers[0].Widgets[0].Signals.Links[0].Scheme = scheme
			if err := l.Validate(); err != nil {
				t.Errorf("Validate() with scheme %q = %v, want nil", scheme, err)
			}
		})
	}
}

// TestValidateCaps checks the array caps on the largest arrays.
func TestValidateCaps(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(l *List)
		path   string
	}{
		{"partners", func(l *List) { l.Partners = make([]Partner, MaxPartners+1) }, "partners"},
		{"providers", func(l *List) { l.Providers = make([]Provider, MaxProviders+1) }, "providers"},
		{"permissions", func(l *List) { l.Permissions = make([]Permission, MaxPermissions+1) }, "permissions"},
		{"widgets", func(l *List) { l.Providers[1].Widgets = make([]Widget, MaxWidgets+1) }, "providers[1].widgets"},
		{"grants", func(l *List) { l.Partners[0].Grants = make([]Grant, MaxGrants+1) }, "partners[0].grants"},
		{"sources", func(l *List) { l.Partners[0].Grants[0].Sources = make([]Source, MaxSources+1) }, "partners[0].grants[0].sources"},
		{"query", func(l *List) {
			l.Providers[0].Widgets[0].Signals.Links[0].Query = make([]string, MaxQuery+1)
		}, "providers[0].widgets[0].signals.links[0].query"},
		{"summary bytes", func(l *List) {
			l.Partners[0].Grants[0].Summary = strings.Repeat("x", MaxTextBytes+1)
		}, "partners[0].grants[0].summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validList()
			tt.break_(l)
			var ve *ValidationError
			if err := l.Validate(); !errors.As(err, &ve) || ve.Path != tt.path || !strings.Contains(ve.Reason, "more than") {
				t.Fatalf("Validate() = %v, want a cap error at %q", err, tt.path)
			}
		})
	}
}

// TestProblemsReportsEveryProblem checks that Problems goes on after the
// first problem, in document order.
func TestProblemsReportsEveryProblem(t *testing.T) {
	l := validList()
	l.Schema = 0
	l.Permissions[0].Severity = ""
	l.Partners[1].Grants[0].Sources[0].URL = "http://x.example/"
	got := l.Problems()
	want := []string{"schema", "permissions[0].severity", "partners[1].grants[0].sources[0].url"}
	if len(got) != len(want) {
		t.Fatalf("Problems() = %v, want paths %v", got, want)
	}
	for i := range want {
		if got[i].Path != want[i] {
			t.Errorf("Problems()[%d].Path = %q, want %q", i, got[i].Path, want[i])
		}
	}
	if s := got[0].String(); s != "schema: schema is 0, want 2" {
		t.Errorf("Problem.String() = %q", s)
	}
}

// TestIsPartialDate covers the date forms of periods.
func TestIsPartialDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2018": true, "2018-12": true, "2018-12-18": true, "2016-02-29": true,
		"": false, "18": false, "2018-1": false, "2018-00": false, "2018-12-32": false,
		"2017-02-29": false, "2018/12/18": false, "2018-12-18T00:00:00Z": false,
	} {
		if got := isPartialDate(s); got != want {
			t.Errorf("isPartialDate(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSelectorSyntax covers the cheap selector check.
func TestSelectorSyntax(t *testing.T) {
	for s, ok := range map[string]bool{
		"div.fb-login-button":             true,
		`a[href^="https://m.me/"]`:        true,
		`[aria-label='Sign in (Google)']`: true,
		`.a\[b`:                           true,
		"div:is(.a, .b) > span":           true,
		"[a":                              false,
		"a)":                              false,
		"(a]":                             false,
		`"`:                               false,
		`a\`:                              false,
		"a;b":                             false,
		"a}":                              false,
	} {
		if got := selectorSyntax(s) == ""; got != ok {
			t.Errorf("selectorSyntax(%q) = %q, want ok=%v", s, selectorSyntax(s), ok)
		}
	}
}

// TestIsPartialDateMatchesTime cross-checks the hand-written date reader
// against time.Parse on every month and day number of a few years,
// including leap and non-leap century years.
func TestIsPartialDateMatchesTime(t *testing.T) {
	for _, year := range []int{1900, 2000, 2016, 2018, 2100} {
		for month := 0; month <= 13; month++ {
			ym := fmt.Sprintf("%04d-%02d", year, month)
			_, err := time.Parse("2006-01", ym)
			if got := isPartialDate(ym); got != (err == nil) {
				t.Errorf("isPartialDate(%q) = %v, time.Parse error %v", ym, got, err)
			}
			for day := 0; day <= 32; day++ {
				ymd := fmt.Sprintf("%s-%02d", ym, day)
				_, err := time.Parse("2006-01-02", ymd)
				if got := isPartialDate(ymd); got != (err == nil) {
					t.Errorf("isPartialDate(%q) = %v, time.Parse error %v", ymd, got, err)
				}
			}
		}
	}
}

// TestIsHTTPSURL covers the quick scan and the net/url fallback.
func TestIsHTTPSURL(t *testing.T) {
	for s, want := range map[string]bool{
		// Accepted by the quick scan.
		"https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html": true,
		"https://example.org":              true,
		"https://example.org:8443/a?b=c#d": true,
		"https://example.org/a%20b":        true,
		// Accepted through net/url.
		"https://de.wikipedia.org/wiki/Ärger": true,
		"https://EXAMPLE.org/":                true,
		"https://example.org/?q=%zz":          true,
		// Refused.
		"http://example.org/":        false,
		"https://":                   false,
		"https:///path":              false,
		"https://user@example.org/":  false,
		"https://example.org/a b":    false,
		"https://example.org/%zz":    false,
		"https://example.org:80x/":   false,
		"ftp://example.org/":         false,
		"//example.org/":             false,
		"https://example.org/\nmore": false,
	} {
		if got := isHTTPSURL(s); got != want {
			t.Errorf("isHTTPSURL(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzHTTPSURL checks that the quick scan never accepts a URL that the
// net/url reference refuses.
func FuzzHTTPSURL(f *testing.F) {
	for _, s := range []string{"https://example.org/a%20b?c#d", "https://a.b:1/", "https://x.y/%4", "https://a..b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if quickHTTPSURL(s) && !referenceHTTPSURL(s) {
			t.Fatalf("quickHTTPSURL(%q) = true, but net/url refuses it", s)
		}
	})
}

// TestIsHostName covers host names of URL patterns.
func TestIsHostName(t *testing.T) {
	for s, want := range map[string]bool{
		"facebook.com": true, "connect.facebook.net": true, "m.me": true, "localhost": true,
		"_dmarc.example.org": true, "xn--bcher-kva.de": true, "a-b.c": true,
		"": false, ".": false, "a.": false, ".a": false, "a..b": false, "-a.b": false,
		"a-.b": false, "A.b": false, "a b.c": false, "a:1": false, "bücher.de": false,
		strings.Repeat("a", 64) + ".com": false, strings.Repeat("a.", 127) + "a": false,
	} {
		if got := isHostName(s); got != want {
			t.Errorf("isHostName(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestValidateAcceptsEvidenceSupport checks each way the evidence ladder can
// be met, so that the rule refuses only unsupported evidence.
func TestValidateAcceptsEvidenceSupport(t *testing.T) {
	tests := []struct {
		name   string
		change func(l *List)
	}{
		// The fixture's second partner: a platform statement.
		{"platform statement", func(l *List) {}},
		// Confirmed by the platform through a verbatim quote of it.
		{"platform quote", func(l *List) { l.Partners[0].Grants[0].Evidence = EvidenceConfirmedByPlatform }},
		// Confirmed by the platform through a primary document.
		{"primary document", func(l *List) { l.Partners[1].Grants[0].Sources[0].Kind = SourcePrimaryDocument }},
		// Confirmed by the partner through its own statement.
		{"partner statement", func(l *List) {
			l.Partners[1].Grants[0].Evidence = EvidenceConfirmedByPartner
			l.Partners[1].Grants[0].Sources[0].Kind = SourcePartnerStatement
		}},
		// Confirmed by the partner through a verbatim quote of it.
		{"partner quote", func(l *List) {
			l.Partners[0].Grants[0].Evidence = EvidenceConfirmedByPartner
			l.Partners[0].Grants[0].Responses[0] = Response{Kind: ResponseQuote, By: "Spotify", Party: PartyPartner, Speaker: "a Spotify spokesperson", Text: "We had the feature.", Date: "2018-12", URL: "https://example.com/"}
		}},
		// Denied by the partner in a summarised answer.
		{"partner denial", func(l *List) { l.Partners[0].Grants[0].Evidence = EvidenceDeniedByPartner }},
		// Alleged in court, on two press reports of the filing.
		{"court allegation", func(l *List) { l.Partners[0].Grants[0].Evidence = EvidenceAllegedInCourt }},
		// A recorded refusal to comment, without text.
		{"declined to comment", func(l *List) {
			l.Partners[0].Grants[0].Responses = append(l.Partners[0].Grants[0].Responses, Response{Kind: ResponseDeclined, By: "Spotify", Party: PartyPartner, Date: "2018", URL: "https://example.com/"})
		}},
		// Access unknown as of a date, with no start.
		{"unknown access", func(l *List) { l.Partners[0].Grants[0].Access = Access{State: AccessUnknown, AsOf: "2018-12-18"} }},
		// Ended by a date rather than at one.
		{"ended by", func(l *List) { l.Partners[0].Grants[0].Access = Access{State: AccessEnded, By: "2018-10"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validList()
			tt.change(l)
			if err := l.Validate(); err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}
