package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/testlist"
)

func TestLintOK(t *testing.T) {
	envelope, _ := signedList(t)
	src := writeFiles(t, sourceFiles())
	l, err := list.Decode([]byte(`{"schema":1,"id":"x","permissions":[],"providers":[],"partners":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := list.Encode(l)
	payloadFile := filepath.Join(t.TempDir(), "payload.json")
	os.WriteFile(payloadFile, payload, 0o644)
	tests := []struct {
		name, arg, want string
	}{
		{"folder", src, "ok: 1 providers, 1 partners, 2 widgets\npartners: 1, grants: 1\nevidence: reported-by-press 1\naccess: ended 1\nsources: press-report 2\nresponses: quote 1, summary 1\n"},
		{"envelope", envelope, "ok: 1 providers, 1 partners, 2 widgets\npartners: 1, grants: 1\nevidence: reported-by-press 1\naccess: ended 1\nsources: press-report 2\nresponses: quote 1, summary 1\n"},
		{"unstamped payload", payloadFile, "ok: 0 providers, 0 partners, 0 widgets\npartners: 0, grants: 0\nevidence: none\naccess: none\nsources: none\nresponses: none\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runListctl(t, nil, "lint", tt.arg)
			r.want(t, 0)
			if r.stdout != tt.want {
				t.Errorf("stdout = %q, want %q", r.stdout, tt.want)
			}
		})
	}
}

func TestLintReportsEveryProblem(t *testing.T) {
	files := sourceFiles()
	files["permissions.json"] = strings.Replace(files["permissions.json"], `"high"`, `"severe"`, 1)
	files["providers/facebook.json"] = strings.Replace(files["providers/facebook.json"], `"facebook.com"]`, `"www.facebook.com"]`, 1)
	files["partners.json"] = strings.Replace(files["partners.json"], `"date":"2018-12-18"`, `"date":"18/12/2018"`, 1)
	r := runListctl(t, nil, "lint", writeFiles(t, files))
	r.want(t, 1, "3 problem(s)")
	want := []string{
		`permissions[0].severity: severity "severe" is not one of low, medium, high`,
		`providers[0].domains[0]: "www.facebook.com" is not a registrable domain; write its registrable domain "facebook.com" [providers/facebook.json]`,
		`partners[0].grants[0].sources[0].date: "18/12/2018" is not a date YYYY, YYYY-MM or YYYY-MM-DD`,
	}
	got := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lint printed:\n%s\nwant:\n%s", r.stdout, strings.Join(want, "\n"))
	}
}

func TestLintInvalidEnvelopePayload(t *testing.T) {
	l, _ := list.Decode([]byte(`{"schema":2,"id":"x"}`))
	payload, _ := list.Encode(l) // not stamped: version 0, no times
	priv := testlist.NewKey()
	env, err := list.Sign(payload, priv)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "signed.json")
	os.WriteFile(file, env, 0o644)
	r := runListctl(t, nil, "lint", file)
	r.want(t, 1, "3 problem(s)")
	for _, want := range []string{"version: version is 0", "issued_at: missing", "expires_at: missing"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestLintUsage(t *testing.T) {
	runListctl(t, nil, "lint").want(t, 2, "missing DIR_OR_PAYLOAD_JSON_OR_ENVELOPE", "usage: listctl lint")
	runListctl(t, nil, "lint", "a", "b").want(t, 2, "want one")
	runListctl(t, nil, "lint", "/nonexistent").want(t, 1, "/nonexistent: no such file")
}

// TestLintEditorialRules checks that lint refuses what the editorial rules
// of LIST.md forbid, with the path and the rule.
func TestLintEditorialRules(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"confirmed by the partner on press reports alone", `"evidence":"reported-by-press"`, `"evidence":"confirmed-by-partner"`,
			"partners[0].grants[0].evidence: confirmed-by-partner needs a partner-statement or primary-document source, or a quote of the partner"},
		{"a summary in quotation marks", `"text":"Spotify said it was unaware of the access."`, `"text":"Spotify said it was \"unaware\"."`,
			"partners[0].grants[0].responses[0].text: holds the quotation mark \""},
		{"an undated response", `"date":"2018-12-18","url":"https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"}]`, `"url":"https://threatpost.com/facebook-admits-giving-partners-access-to-messages/140183"}]`,
			"partners[0].grants[0].responses[1].date: missing; every response is dated"},
		{"one publisher for a press-only claim", `"publisher":"Threatpost"`, `"publisher":"The New York Times"`,
			"partners[0].grants[0].sources: only press reports from one publisher"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := sourceFiles()
			if !strings.Contains(files["partners.json"], tt.from) {
				t.Fatalf("the fixture lacks %s", tt.from)
			}
			files["partners.json"] = strings.Replace(files["partners.json"], tt.from, tt.to, 1)
			r := runListctl(t, nil, "lint", writeFiles(t, files))
			r.want(t, 1, "1 problem(s)")
			if !strings.Contains(r.stdout, tt.want) {
				t.Errorf("stdout = %q, want it to contain %q", r.stdout, tt.want)
			}
		})
	}
}
