package core

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

func TestLoadList(t *testing.T) {
	s := newSigner(t)
	other := newSigner(t)
	good := s.sign(t, testList(t), issued)
	// Flip one base64 digit of the signature.
	at := strings.Index(good, `"sig":"`) + len(`"sig":"`)
	flip := map[byte]byte{'A': 'B'}[good[at]]
	if flip == 0 {
		flip = 'A'
	}
	tampered := good[:at] + string(flip) + good[at+1:]
	tests := []struct {
		name string
		req  string // raw request JSON; empty means encode r
		r    LoadRequest
		code string
		path string
	}{
		// Accepted.
		{name: "good", r: LoadRequest{Envelope: good, Keys: []Key{s.key}}},
		{name: "two keys", r: LoadRequest{Envelope: good, Keys: []Key{other.key, s.key}}},
		{name: "same version allowed", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, MinVersion: issued.Unix(), AllowSameVersion: true}},
		// Malformed requests.
		{name: "not JSON", req: "{", code: CodeBadRequest},
		{name: "null", req: "null", code: CodeBadRequest},
		{name: "empty", req: "", code: CodeBadRequest},
		{name: "wrong type", req: `{"envelope":1}`, code: CodeBadRequest},
		{name: "trailing data", req: `{"envelope":"x"} x`, code: CodeBadRequest},
		{name: "no envelope", r: LoadRequest{Keys: []Key{s.key}}, code: CodeBadRequest, path: "envelope"},
		{name: "no keys", r: LoadRequest{Envelope: good}, code: CodeBadRequest, path: "keys"},
		{name: "bad key", r: LoadRequest{Envelope: good, Keys: []Key{{ID: s.key.ID, PublicKey: "AAAA"}}}, code: CodeBadRequest, path: "keys[0].public_key"},
		{name: "wrong key id", r: LoadRequest{Envelope: good, Keys: []Key{{ID: "nope", PublicKey: s.key.PublicKey}}}, code: CodeBadRequest, path: "keys[0].id"},
		{name: "bad now", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, Now: "yesterday"}, code: CodeBadRequest, path: "now"},
		{name: "too large", req: `{"envelope":"` + strings.Repeat("a", maxLoadRequest) + `"}`, code: CodeTooLarge},
		// Verification failures, passed through from package list.
		{name: "unknown key", r: LoadRequest{Envelope: good, Keys: []Key{other.key}}, code: "unknown_key"},
		{name: "bad signature", r: LoadRequest{Envelope: tampered, Keys: []Key{s.key}}, code: "bad_signature"},
		{name: "bad envelope", r: LoadRequest{Envelope: "[]", Keys: []Key{s.key}}, code: "bad_envelope"},
		{name: "rollback", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, MinVersion: issued.Unix()}, code: "rollback"},
		{name: "not yet valid", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, Now: "2026-10-01T00:00:00Z"}, code: "not_yet_valid"},
		// The list id and the version bound.
		{name: "expected list id", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, ListID: "core-test"}},
		{name: "wrong list id", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, ListID: "another-list"}, code: "wrong_list", path: "id"},
		{name: "min_version above 2^53-1", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, MinVersion: 1 << 53}, code: CodeBadRequest, path: "min_version"},
		{name: "list_id too long", r: LoadRequest{Envelope: good, Keys: []Key{s.key}, ListID: strings.Repeat("a", 65)}, code: CodeBadRequest, path: "list_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			c.Now = func() time.Time { return issued.Add(time.Hour) }
			req := []byte(tt.req)
			if tt.req == "" && tt.name != "empty" {
				req = loadRequest(tt.r)
			}
			r := parse(t, c.LoadList(req))
			if code(r) != tt.code || r.OK != (tt.code == "") {
				t.Fatalf("ok %v code %q (%+v), want code %q", r.OK, code(r), r.Error, tt.code)
			}
			if r.Error != nil && (r.Error.Message == "" || r.Error.Path != tt.path) {
				t.Errorf("error %+v: want a message and path %q", r.Error, tt.path)
			}
			if tt.code != "" {
				if r.List != nil || c.state.Load() != nil {
					t.Errorf("a refused list was loaded")
				}
				return
			}
			info := r.List
			if info == nil || info.KeyID != s.key.ID || len(info.SHA256) != 64 || info.Version != issued.Unix() || info.Stale {
				t.Fatalf("list info %+v", info)
			}
			if info.Providers == 0 || info.Partners == 0 || len(info.Selectors) == 0 || len(info.Hosts) == 0 {
				t.Errorf("list info counts: %d providers, %d partners, %d selectors, %d hosts", info.Providers, info.Partners, len(info.Selectors), len(info.Hosts))
			}
			if !slices.IsSorted(info.Hosts) || len(slices.Compact(slices.Clone(info.Hosts))) != len(info.Hosts) {
				t.Errorf("hosts are not sorted and unique")
			}
		})
	}
}

func TestLoadListKeepsLastGood(t *testing.T) {
	c, s := loaded(t)
	before := c.state.Load()
	newer := s.sign(t, testList(t), issued.Add(time.Minute))
	// A failed load keeps the loaded list.
	r := parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: newer, Keys: []Key{newSigner(t).key}})))
	if r.OK || c.state.Load() != before {
		t.Fatalf("a failed load replaced the list")
	}
	// A stale list loads, marked stale.
	c.Now = func() time.Time { return issued.Add(60 * 24 * time.Hour) }
	r = parse(t, c.LoadList(loadRequest(LoadRequest{Envelope: newer, Keys: []Key{s.key}, MinVersion: issued.Unix()})))
	if !r.OK || !r.List.Stale || c.state.Load() == before {
		t.Fatalf("stale load: %+v %+v", r.Error, r.List)
	}
	v := parse(t, c.Version())
	if v.Version == nil || v.Version.ListVersion != issued.Add(time.Minute).Unix() || !strings.HasPrefix(v.Version.Go, "go") || v.Version.Core != CoreVersion {
		t.Errorf("version %+v", v.Version)
	}
}

func TestReport(t *testing.T) {
	c, _ := loaded(t)
	version := c.state.Load().info.Version
	tests := []struct {
		name    string
		obs     string
		ok      bool
		code    string
		site    string
		finding string // provider/kind of the first finding
		alert   bool
	}{
		// A partner site with a Facebook login link.
		{"partner", `{"url":"https://www.spotify.com/us/login/","links":[{"ref":1,"href":"https://www.facebook.com/v18.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Fwww.spotify.com%2Fcb"}]}`,
			true, "", "spotify.com", "facebook/login", true},
		{"no findings", `{"url":"https://example.org/"}`, true, "", "example.org", "", false},
		// Problems the engine works around.
		{"bad page URL", `{"url":"not a url"}`, false, CodeBadRequest, "", "", false},
		{"stale selectors", `{"url":"https://example.org/","list_version":1,"elements":[{"ref":1,"tag":"div","matches":[0]}]}`, true, CodeStaleSelectors, "example.org", "", false},
		// Requests that cannot be read.
		{"bad JSON", `{"url":`, false, CodeBadRequest, "", "", false},
		{"wrong shape", `{"url":"https://example.org/","links":{}}`, false, CodeBadRequest, "", "", false},
		// Fields the contract does not know are refused, as the extension's
		// schema refuses them: a renamed field must not lose detections silently.
		{"unknown field", `{"url":"https://example.org/","link":[{"ref":1,"href":"https://m.me/x"}]}`, false, CodeBadRequest, "", "", false},
		{"unknown nested field", `{"url":"https://example.org/","links":[{"ref":1,"url":"https://m.me/x"}]}`, false, CodeBadRequest, "", "", false},
		{"too large", `{"url":"https://example.org/","inline":["` + strings.Repeat("x", 8<<20) + `"]}`, false, CodeTooLarge, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, c.Report([]byte(tt.obs)))
			if r.OK != tt.ok || code(r) != tt.code {
				t.Fatalf("ok %v code %q (%+v); want %v %q", r.OK, code(r), r.Error, tt.ok, tt.code)
			}
			if tt.ok || tt.code == CodeBadRequest && r.Report != nil {
				if r.Report == nil {
					t.Fatal("no report")
				}
				if r.Report.Site != tt.site || r.Report.ListVersion != version {
					t.Errorf("site %q version %d; want %q %d", r.Report.Site, r.Report.ListVersion, tt.site, version)
				}
				got := ""
				if len(r.Report.Findings) > 0 {
					f := r.Report.Findings[0]
					got = f.Provider + "/" + f.Kind
					if f.Alert != tt.alert {
						t.Errorf("alert %v, want %v", f.Alert, tt.alert)
					}
				}
				if got != tt.finding {
					t.Errorf("first finding %q, want %q", got, tt.finding)
				}
			}
		})
	}
	// The report of an unusable URL still comes, with no site.
	r := parse(t, c.Report([]byte(`{"url":"not a url","links":[{"ref":1,"href":"https://m.me/x"}]}`)))
	if r.Report == nil || r.Report.Site != "" || len(r.Report.Findings) != 0 {
		t.Errorf("bad URL report: %+v", r.Report)
	}
	// Findings and grants are never null.
	raw := c.Report([]byte(`{"url":"https://example.org/","links":[{"ref":1,"href":"https://m.me/x"}]}`))
	if !bytes.Contains(raw, []byte(`"findings":[{`)) || !bytes.Contains(raw, []byte(`"grants":[]`)) || bytes.Contains(raw, []byte("null")) {
		t.Errorf("report JSON: %s", raw)
	}
}

func TestNoList(t *testing.T) {
	c := New()
	for name, out := range map[string][]byte{
		"report":  c.Report([]byte(`{"url":"https://example.org/"}`)),
		"inspect": c.Inspect([]byte(`{"url":"https://example.org/"}`)),
	} {
		if r := parse(t, out); r.OK || code(r) != CodeNoList {
			t.Errorf("%s without a list: %s", name, out)
		}
	}
	if v := parse(t, c.Version()); !v.OK || v.Version.ListVersion != 0 {
		t.Errorf("version without a list: %+v", v.Version)
	}
}

func TestInspect(t *testing.T) {
	c, _ := loaded(t)
	tests := []struct {
		name     string
		url      string
		code     string
		consent  bool
		provider string
		partner  string
		alert    bool
	}{
		// A partner asks Facebook for consent.
		{"partner", "https://www.facebook.com/v18.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Faccounts.spotify.com%2Fcb&scope=email",
			"", true, "facebook", "spotify", true},
		// A site the list does not name.
		{"other site", "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&redirect_uri=https%3A%2F%2Fexample.org%2Fcb&scope=openid",
			"", true, "google", "", false},
		// Not an authorize URL.
		{"plain", "https://www.facebook.com/spotify", "", false, "", "", false},
		{"look-alike", "https://www.facebook.com.evil.io/v18.0/dialog/oauth?client_id=1", "", false, "", "", false},
		{"empty", "", CodeBadRequest, false, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := InspectRequest{URL: tt.url}
			b, _ := req.MarshalJSON()
			r := parse(t, c.Inspect(b))
			if code(r) != tt.code || (r.Consent != nil) != tt.consent {
				t.Fatalf("code %q consent %v; want %q %v", code(r), r.Consent != nil, tt.code, tt.consent)
			}
			if r.Consent == nil {
				return
			}
			got := ""
			if r.Consent.Partner != nil {
				got = r.Consent.Partner.ID
			}
			if r.Consent.Request.Provider != tt.provider || got != tt.partner || r.Consent.Alert != tt.alert || r.Consent.ProviderName == "" {
				t.Errorf("consent %s/%q partner %q alert %v; want %s %q %v", r.Consent.Request.Provider, r.Consent.ProviderName, got, r.Consent.Alert, tt.provider, tt.partner, tt.alert)
			}
		})
	}
}

func TestPanicRecovered(t *testing.T) {
	c, _ := loaded(t)
	panicHook = func() { panic("boom") }
	defer func() { panicHook = nil }()
	for name, call := range map[string]func() []byte{
		"loadList": func() []byte { return c.LoadList([]byte(`{}`)) },
		"report":   func() []byte { return c.Report([]byte(`{}`)) },
		"inspect":  func() []byte { return c.Inspect([]byte(`{}`)) },
		"version":  c.Version,
	} {
		r := parse(t, call())
		if r.OK || code(r) != CodeInternal || !strings.Contains(r.Error.Message, "boom") {
			t.Errorf("%s: %+v", name, r.Error)
		}
	}
}

func TestLoadTrusted(t *testing.T) {
	c := New()
	info, err := c.LoadTrusted(testList(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Selectors) == 0 || info.KeyID != "" {
		t.Errorf("info %+v", info)
	}
	if r := parse(t, c.Report([]byte(`{"url":"https://example.org/"}`))); !r.OK {
		t.Errorf("report after LoadTrusted: %+v", r.Error)
	}
	if _, err := c.LoadTrusted(nil); err == nil {
		t.Errorf("LoadTrusted(nil) succeeded")
	}
}

// BenchmarkLoadList10k loads a signed list of 10,000 partners.
func BenchmarkLoadList10k(b *testing.B) {
	s := newSigner(b)
	req := loadRequest(LoadRequest{Envelope: s.sign(b, bigList(b, 10000), issued), Keys: []Key{s.key}, Now: "2026-11-02T00:00:00Z"})
	c := New()
	if r := parse(b, c.LoadList(req)); !r.OK {
		b.Fatalf("LoadList: %+v", r.Error)
	}
	b.SetBytes(int64(len(req)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.LoadList(req)
	}
}

// TestLoadListEnvelope checks the envelope given as bytes beside the
// request: the same answer as in the request, refused when given twice or
// not at all.
func TestLoadListEnvelope(t *testing.T) {
	s := newSigner(t)
	good := s.sign(t, testList(t), issued)
	inRequest := parse(t, New().LoadList(loadRequest(LoadRequest{Envelope: good, Keys: []Key{s.key}})))
	if !inRequest.OK {
		t.Fatalf("in the request: %+v", inRequest.Error)
	}
	tests := []struct {
		name     string
		r        LoadRequest
		envelope []byte
		code     string
	}{
		{"beside the request", LoadRequest{Keys: []Key{s.key}}, []byte(good), ""},
		{"given twice", LoadRequest{Envelope: good, Keys: []Key{s.key}}, []byte(good), CodeBadRequest},
		{"empty bytes", LoadRequest{Keys: []Key{s.key}}, []byte{}, CodeBadRequest},
		{"altered bytes", LoadRequest{Keys: []Key{s.key}}, []byte(strings.Replace(good, `\"version\":`, `\"version\": `, 1)), list.CodeBadSignature},
		{"too large", LoadRequest{Keys: []Key{s.key}}, make([]byte, list.MaxEnvelopeBytes+1), list.CodeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, New().LoadListEnvelope(loadRequest(tt.r), tt.envelope, func() {}))
			if tt.code != "" {
				if r.OK || r.Error == nil || r.Error.Code != tt.code {
					t.Fatalf("ok %v error %+v, want %s", r.OK, r.Error, tt.code)
				}
				return
			}
			if !r.OK || r.List == nil || !reflect.DeepEqual(r.List, inRequest.List) {
				t.Fatalf("answer %+v %+v, want the list as when in the request: %+v", r.Error, r.List, inRequest.List)
			}
		})
	}
}
