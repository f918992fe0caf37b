package core

import (
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// FuzzReport feeds arbitrary bytes to the observation decoder behind
// Core.Report, with the default list loaded. Whatever the page sends, the
// answer is one well-formed Response: ok with a report, or an error as data
// that is never "internal" (a recovered panic).
func FuzzReport(f *testing.F) {
	f.Add([]byte(`{"url":"https://accounts.spotify.com/en/login","links":[{"ref":1,"href":"https://www.facebook.com/v19.0/dialog/oauth?client_id=1&scope=email","text":"Continue with Facebook"}]}`))
	f.Add([]byte(`{"url":"https://shop.example/","elements":[{"ref":1,"tag":"div","attrs":{"class":"fb-login-button"},"matches":[0,99999,-1]}],"list_version":1}`))
	f.Add([]byte(`{"url":"https://x.test/","inline":["FB.login(function(){})"],"scripts":["//connect.facebook.net/en_US/sdk.js"],"requests":[{"url":"https://accounts.google.com/gsi/client","type":"script"}]}`))
	f.Add([]byte(`{"url":"","frames":[{"ref":1,"src":"javascript:alert(1)"}],"forms":[{"ref":2,"action":"\u0000"}]}`))
	f.Add([]byte(`{"url":"https://a.b/","links":[{"ref":1,"href":"viber://chat?number=%2B1"}]} trailing`))
	f.Add([]byte(`[]`))
	l, err := defaultlist.Load()
	if err != nil {
		f.Fatal(err)
	}
	c := New()
	if _, err := c.LoadTrusted(l); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, obs []byte) {
		var r Response
		out := c.Report(obs)
		if err := r.UnmarshalJSON(out); err != nil {
			t.Fatalf("answer is not a Response: %v: %s", err, out)
		}
		switch {
		case r.OK && r.Report == nil:
			t.Fatalf("ok without a report: %s", out)
		case !r.OK && r.Error == nil:
			t.Fatalf("not ok without an error: %s", out)
		case r.Error != nil && r.Error.Code == "internal":
			t.Fatalf("panic on input %q: %s", obs, r.Error.Message)
		case r.Report != nil && r.Report.Findings == nil:
			t.Fatalf("nil findings: %s", out)
		}
	})
}
