package core

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
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

// FuzzMatch matches an arbitrary host against an arbitrary list (the
// checklist's FuzzMatch(host, listBytes)): the payload is decoded and
// validated as a signed one would be, and when it is a valid list, a page on
// the host is reported twice. Whatever the two inputs, the answer is a
// well-formed Response, never a recovered panic, and the same both times.
func FuzzMatch(f *testing.F) {
	l, err := defaultlist.Load()
	if err != nil {
		f.Fatal(err)
	}
	payload, err := list.Encode(l)
	if err != nil {
		f.Fatal(err)
	}
	for _, host := range []string{
		"accounts.spotify.com", "spotify.com.evil.io", "evil.github.io", "EXAMPLE.com.", "xn--bcher-kva.de",
		"bücher.de", "ѕpotify.com", "spotıfy.com", "user@spotify.com", "[::1]:443", "spotify.com\x00.evil.io", "",
	} {
		f.Add(host, payload)
	}
	f.Add("netflix.com", []byte(`{"schema":1,"id":"x","version":1,"issued_at":"2026-01-01T00:00:00Z","expires_at":"2026-02-01T00:00:00Z","partners":[{"id":"p","name":"P","domains":["netflix.com"],"grants":[]}]}`))
	f.Add("a.b", []byte(`{}`))
	f.Fuzz(func(t *testing.T, host string, payload []byte) {
		l, err := list.Decode(payload)
		if err != nil || l.Validate() != nil {
			return
		}
		c := New()
		if _, err := c.LoadTrusted(l); err != nil {
			return
		}
		u, _ := json.Marshal("https://" + host + "/")
		obs := []byte(`{"url":` + string(u) + `}`)
		first := c.Report(obs)
		var r Response
		if err := r.UnmarshalJSON(first); err != nil {
			t.Fatalf("answer is not a Response: %v: %s", err, first)
		}
		if r.Error != nil && r.Error.Code == "internal" {
			t.Fatalf("panic on host %q: %s", host, r.Error.Message)
		}
		if again := c.Report(obs); !bytes.Equal(again, first) {
			t.Fatalf("two reports of the same page differ:\n%s\n%s", first, again)
		}
	})
}
