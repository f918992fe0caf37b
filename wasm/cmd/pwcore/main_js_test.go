//go:build js && wasm

package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/core"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// signedList returns a LoadRequest JSON for a small signed list.
func signedList(t *testing.T) string {
	req, env := signedParts(t)
	req.Envelope = env
	b, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// signedParts returns a LoadRequest without its envelope, and the envelope
// of a small signed list.
func signedParts(t *testing.T) (core.LoadRequest, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	l := &list.List{
		ID:          "boundary-test",
		Permissions: []list.Permission{{ID: "read_messages", Label: "Read your private messages", Severity: list.SeverityHigh}},
		Providers: []list.Provider{{ID: "facebook", Name: "Facebook", Domains: []string{"facebook.com"}, Widgets: []list.Widget{
			{ID: "facebook-messenger", Kind: list.KindMessaging, Name: "Messenger chat", Signals: list.Signals{Links: []list.URLPattern{{Host: "m.me"}}}},
		}}},
		Partners: []list.Partner{{ID: "spotify", Name: "Spotify", Domains: []string{"spotify.com"}, Grants: []list.Grant{{
			Platform: "facebook", Permissions: []string{"read_messages"}, Summary: "Facebook let Spotify read messages.",
			Evidence: list.EvidenceConfirmedByPlatform, Access: list.Access{State: list.AccessEnded, From: "2017", To: "2018"},
			Sources: []list.Source{{Kind: list.SourcePlatformStatement, Title: "Statement", Publisher: "Facebook", Date: "2018-12-18", URL: "https://about.fb.com/news/", Read: "2026-12-02"}},
		}}}},
	}
	list.Stamp(l, time.Now().Add(-time.Hour), 24*time.Hour)
	payload, err := list.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	env, err := list.Sign(payload, priv)
	if err != nil {
		t.Fatal(err)
	}
	return core.LoadRequest{Keys: []core.Key{{ID: list.KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}}}, string(env)
}

// callAsync calls loadListAsync and waits for its answer.
func callAsync(t *testing.T, args ...any) *core.Response {
	t.Helper()
	ch := make(chan string, 1)
	done := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- a[0].String()
		return nil
	})
	defer done.Release()
	all := append([]any{args[0], done}, args[1:]...)
	js.Global().Get(globalName).Call("loadListAsync", all...)
	var r core.Response
	if err := r.UnmarshalJSON([]byte(<-ch)); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestLoadListAsyncEnvelope checks loadListAsync with the envelope as a
// Uint8Array beside the request.
func TestLoadListAsyncEnvelope(t *testing.T) {
	register(core.New())
	req, env := signedParts(t)
	bare, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	bytes := js.Global().Get("Uint8Array").New(len(env))
	js.CopyBytesToJS(bytes, []byte(env))
	tests := []struct {
		name string
		args []any
		code string
	}{
		{"in the request", []any{signedList(t)}, ""},
		{"beside the request", []any{string(bare), bytes}, ""},
		{"given twice", []any{signedList(t), bytes}, core.CodeBadRequest},
		{"not a Uint8Array", []any{string(bare), env}, core.CodeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := callAsync(t, tt.args...)
			if errCode(r) != tt.code || (tt.code == "" && (r.List == nil || r.List.ID != "boundary-test")) {
				t.Fatalf("ok %v error %+v, want code %q", r.OK, r.Error, tt.code)
			}
		})
	}
}

// TestSnapshotThroughTheBoundary checks snapshot(): null before a list is
// loaded, a Uint8Array after, which loadListAsync takes back beside a
// request with snapshot set.
func TestSnapshotThroughTheBoundary(t *testing.T) {
	register(core.New())
	api := js.Global().Get(globalName)
	if v := api.Call("snapshot"); !v.IsNull() {
		t.Fatalf("snapshot() with no list = %v, want null", v)
	}
	req, env := signedParts(t)
	req.Envelope = env
	full, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	first := callAsync(t, string(full))
	if !first.OK {
		t.Fatalf("loading the envelope: %+v", first.Error)
	}
	snap := api.Call("snapshot")
	if !snap.InstanceOf(js.Global().Get("Uint8Array")) || snap.Get("byteLength").Int() < 100 {
		t.Fatalf("snapshot() = %v, want the snapshot's bytes", snap)
	}
	req.Envelope, req.SHA256, req.VerifiedBefore, req.Snapshot, req.AllowSameVersion = "", first.List.SHA256, true, true, true
	again, err := req.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	register(core.New())
	r := callAsync(t, string(again), snap)
	if !r.OK || r.List.ID != "boundary-test" || r.List.SHA256 != first.List.SHA256 || r.List.KeyID != first.List.KeyID {
		t.Fatalf("loading the snapshot: ok %v error %+v list %+v", r.OK, r.Error, r.List)
	}
}

// call calls a registered function and decodes its answer.
func call(t *testing.T, name string, args ...any) *core.Response {
	t.Helper()
	v := js.Global().Get(globalName).Call(name, args...)
	if v.Type() != js.TypeString {
		t.Fatalf("%s returned a %s, want a string", name, v.Type())
	}
	var r core.Response
	if err := r.UnmarshalJSON([]byte(v.String())); err != nil {
		t.Fatalf("%s answered invalid JSON: %v\n%s", name, err, v.String())
	}
	return &r
}

func errCode(r *core.Response) string {
	if r.Error == nil {
		return ""
	}
	return r.Error.Code
}

func TestBoundary(t *testing.T) {
	register(core.New())
	load := signedList(t)
	tests := []struct {
		name  string
		fn    string
		args  []any
		ok    bool
		code  string
		check func(r *core.Response) bool
	}{
		// Before a list is loaded.
		{"version", "version", nil, true, "", func(r *core.Response) bool {
			return r.Version != nil && r.Version.Core == core.CoreVersion && r.Version.ListVersion == 0
		}},
		{"report without list", "report", []any{`{"url":"https://www.spotify.com/"}`}, false, core.CodeNoList, nil},
		// Errors as data.
		{"no argument", "report", nil, false, core.CodeBadRequest, nil},
		{"number argument", "loadList", []any{42}, false, core.CodeBadRequest, nil},
		{"bad JSON", "loadList", []any{`{"envelope":`}, false, core.CodeBadRequest, nil},
		{"unknown key", "loadList", []any{strings.Replace(load, `"id":"`, `"id":"x`, 1)}, false, core.CodeBadRequest, nil},
		// A list, then a report and an inspection with it.
		{"load", "loadList", []any{load}, true, "", func(r *core.Response) bool {
			return r.List != nil && r.List.ID == "boundary-test" && len(r.List.Hosts) > 0
		}},
		{"report", "report", []any{`{"url":"https://www.spotify.com/help","links":[{"ref":3,"href":"https://m.me/spotify"}]}`}, true, "", func(r *core.Response) bool {
			return r.Report != nil && r.Report.Partner != nil && len(r.Report.Findings) == 1 &&
				r.Report.Findings[0].Alert && r.Report.Findings[0].Anchor == 3 &&
				len(r.Provenance) == len(r.Report.Partner.Grants) && r.Provenance[0] == "boundary-test"
		}},
		{"inspect", "inspect", []any{`{"url":"https://www.facebook.com/v18.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Fwww.spotify.com%2Fcb"}`}, true, "", func(r *core.Response) bool {
			return r.Consent != nil && r.Consent.Alert && r.Consent.Partner.ID == "spotify"
		}},
		{"version after load", "version", nil, true, "", func(r *core.Response) bool { return r.Version.ListVersion > 0 }},
		{"drop", "dropList", []any{`{"list_id":"other-list"}`}, true, "", nil},
		{"drop without an id", "dropList", []any{`{}`}, false, core.CodeBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, tt.fn, tt.args...)
			if r.OK != tt.ok || errCode(r) != tt.code {
				t.Fatalf("ok %v code %q (%+v); want %v %q", r.OK, errCode(r), r.Error, tt.ok, tt.code)
			}
			if tt.check != nil && !tt.check(r) {
				t.Errorf("unexpected answer: %+v", r)
			}
		})
	}
}

func TestBoundaryRecoversPanics(t *testing.T) {
	f := export(func([]byte) []byte { panic("boom") }, true)
	defer f.Release()
	js.Global().Set("pwPanicTest", f)
	v := js.Global().Call("pwPanicTest", "{}")
	var r core.Response
	if err := r.UnmarshalJSON([]byte(v.String())); err != nil || r.OK || errCode(&r) != core.CodeInternal {
		t.Errorf("panic answer %q (%v)", v.String(), err)
	}
}
