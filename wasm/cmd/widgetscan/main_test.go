package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePage writes an HTML page into a temporary folder.
func writePage(t *testing.T, dir, name, html string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunUsage(t *testing.T) {
	dir := t.TempDir()
	page := writePage(t, dir, "a.html", `<a href="https://m.me/shop">Chat</a>`)
	writePage(t, dir, "b.html", `<p>nothing</p>`)
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		// Bad flags and arguments.
		{"no files", nil, exitUsage, "no HTML file"},
		{"unknown flag", []string{"-nope", page}, exitUsage, "flag provided but not defined"},
		{"url with two files", []string{"-url", "https://a.example/", page, page}, exitUsage, "exactly one"},
		{"keys without list", []string{"-keys", "k.json", page}, exitUsage, "-keys needs -list"},
		{"stats and observe", []string{"-stats", "-observe", page}, exitUsage, "do not go together"},
		// Unreadable inputs.
		{"missing file", []string{filepath.Join(dir, "missing.html")}, exitFail, "no such file"},
		{"empty folder", []string{t.TempDir()}, exitFail, "no .html files"},
		{"missing list", []string{"-list", filepath.Join(dir, "nope.json"), page}, exitFail, "list"},
		{"bad list", []string{"-list", page, page}, exitFail, "list"},
		{"bad page URL", []string{"-url", "not a url", page}, exitFail, "not an absolute URL"},
		// Good runs.
		{"one file", []string{"-url", "https://shop.example.com/", page}, exitOK, ""},
		{"folder", []string{dir}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(tt.args, &stdout, &stderr)
			if status != tt.status || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, stderr.String(), tt.status, tt.stderr)
			}
		})
	}
}

func TestRunOutput(t *testing.T) {
	dir := t.TempDir()
	page := writePage(t, dir, "a.html", `<a href="https://m.me/shop">Chat with us</a>`)
	writePage(t, dir, "b.html", `<p>nothing</p>`)

	// One file: the report itself.
	var stdout, stderr bytes.Buffer
	if status := run([]string{"-url", "https://shop.example.com/help", page}, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	var rep struct {
		Site     string `json:"site"`
		Findings []struct {
			Provider, Kind string
		} `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("not a report: %v\n%s", err, stdout.String())
	}
	if rep.Site != "example.com" || len(rep.Findings) != 1 || rep.Findings[0].Provider != "facebook" || rep.Findings[0].Kind != "messaging" {
		t.Errorf("report: %+v", rep)
	}

	// A folder: one line per page, with the default URL.
	stdout.Reset()
	if status := run([]string{dir}, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), stdout.String())
	}
	for i, name := range []string{"a.html", "b.html"} {
		var line struct {
			File   string `json:"file"`
			Report struct {
				URL      string            `json:"url"`
				Findings []json.RawMessage `json:"findings"`
			} `json:"report"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &line); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if filepath.Base(line.File) != name || line.Report.URL != "https://example.com/"+name || line.Report.Findings == nil {
			t.Errorf("line %d: %+v", i, line)
		}
	}

	// -observe: observations with the list's version.
	stdout.Reset()
	if status := run([]string{"-observe", page}, &stdout, &stderr); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"observation":{"url":"https://example.com/a.html"`) || !strings.Contains(stdout.String(), `"href":"https://m.me/shop"`) {
		t.Errorf("observe output: %s", stdout.String())
	}
}

func TestRunStats(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, "chat.html", `<a href="https://m.me/shop">Chat</a>`)
	writePage(t, dir, "plain.html", `<p>nothing</p>`)
	tests := []struct {
		name   string
		expect string
		status int
		out    string
	}{
		{"match", `{"chat.html":{"url":"https://shop.example.com/","findings":[{"provider":"facebook","kind":"messaging"}]},
			"plain.html":{"url":"https://shop.example.com/","findings":[]}}`, exitOK, "facebook"},
		{"missed", `{"chat.html":{"url":"https://shop.example.com/","findings":[{"provider":"facebook","kind":"messaging"},{"provider":"google","kind":"login"}]},
			"plain.html":{"url":"https://shop.example.com/","findings":[]}}`, exitFail, "missing [google/login]"},
		{"unexpected", `{"chat.html":{"url":"https://shop.example.com/","findings":[]},
			"plain.html":{"url":"https://shop.example.com/","findings":[]}}`, exitFail, "unexpected [facebook/messaging]"},
		// First-party: the same page on the provider's own site.
		{"first party", `{"chat.html":{"url":"https://www.facebook.com/shop","findings":[]},
			"plain.html":{"url":"https://shop.example.com/","findings":[]}}`, exitOK, "all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writePage(t, dir, "expect.json", tt.expect)
			var stdout, stderr bytes.Buffer
			status := run([]string{"-stats", dir}, &stdout, &stderr)
			if status != tt.status || !strings.Contains(stdout.String(), tt.out) {
				t.Errorf("status %d, output:\n%s%s\nwant %d and %q", status, stdout.String(), stderr.String(), tt.status, tt.out)
			}
		})
	}
}

func TestLoadExpectationsDuplicate(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, "expect.json", `{"a.html":{"url":"https://a.example/","findings":[]}}`)
	writePage(t, dir, "expect-more.json", `{"a.html":{"url":"https://a.example/","findings":[]}}`)
	if _, err := loadExpectations(dir); err == nil || !strings.Contains(err.Error(), "already listed") {
		t.Errorf("duplicate expectation: %v", err)
	}
}
