package defaultlist

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// writeFolder writes a list folder from file name to content.
func writeFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// minimalFolder is a small well-formed source folder.
func minimalFolder() map[string]string {
	return map[string]string{
		"permissions.json":    `[{"id":"read_messages","label":"Read your messages","severity":"high"}]`,
		"partners.json":       `[{"id":"spotify","name":"Spotify","domains":["spotify.com"],"grants":[]}]`,
		"providers/zoom.json": `{"id":"zoom","name":"Zoom","domains":["zoom.us"],"widgets":[]}`,
		"providers/apple.json": `{"id":"apple","name":"Apple","domains":["apple.com"],
			"widgets":[{"id":"apple-sign-in","kind":"login","name":"Sign in with Apple","signals":{"selectors":["#appleid-signin"]}}]}`,
	}
}

func TestLoadDirAssembles(t *testing.T) {
	l, err := LoadDir(writeFolder(t, minimalFolder()))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if l.ID != ID || l.Schema != list.Schema || l.Version != 0 || l.IssuedAt != "" {
		t.Errorf("header = %q %d %d %q, want an unstamped %q", l.ID, l.Schema, l.Version, l.IssuedAt, ID)
	}
	if len(l.Permissions) != 1 || l.Permissions[0].ID != "read_messages" {
		t.Errorf("Permissions = %+v", l.Permissions)
	}
	if len(l.Partners) != 1 || l.Partners[0].Domains[0] != "spotify.com" {
		t.Errorf("Partners = %+v", l.Partners)
	}
	var ids []string
	for _, p := range l.Providers {
		ids = append(ids, p.ID)
	}
	if !reflect.DeepEqual(ids, []string{"apple", "zoom"}) {
		t.Errorf("provider order = %v, want by file name [apple zoom]", ids)
	}
	if got := l.Providers[0].Widgets[0].Signals.Selectors; !reflect.DeepEqual(got, []string{"#appleid-signin"}) {
		t.Errorf("selectors = %v", got)
	}
}

func TestLoadDirReadsCorrections(t *testing.T) {
	files := minimalFolder()
	files["corrections.json"] = `[{"date":"2026-12-02","partner":"spotify","change":"Added a domain.","reason":"It is Spotify's.","url":"https://example.com/"}]`
	l, err := LoadDir(writeFolder(t, files))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	want := []list.Correction{{Date: "2026-12-02", Partner: "spotify", Change: "Added a domain.", Reason: "It is Spotify's.", URL: "https://example.com/"}}
	if !reflect.DeepEqual(l.Corrections, want) {
		t.Errorf("Corrections = %+v, want %+v", l.Corrections, want)
	}
}

func TestLoadDirEmptyFolderHasEmptySlices(t *testing.T) {
	l, err := LoadDir(writeFolder(t, map[string]string{"permissions.json": "[]", "partners.json": " [ ]\n"}))
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if l.Permissions == nil || l.Partners == nil || l.Providers == nil || l.Corrections == nil {
		t.Errorf("nil slices in %+v", l)
	}
}

// TestLoadDirErrors breaks the folder one way per case and checks that the
// error names the file and the problem.
func TestLoadDirErrors(t *testing.T) {
	tests := []struct {
		name    string
		change  map[string]string // file -> new content; "" deletes
		wantErr []string
	}{
		{"missing permissions", map[string]string{"permissions.json": ""}, []string{"permissions.json", "missing"}},
		{"missing partners", map[string]string{"partners.json": ""}, []string{"partners.json", "missing"}},
		{"syntax error with position", map[string]string{"partners.json": "[\n  {\"id\": \"x\",}\n]"}, []string{"partners.json:2:"}},
		{"object instead of array", map[string]string{"permissions.json": `{"id":"x"}`}, []string{"permissions.json:1:", "expected ["}},
		{"trailing garbage", map[string]string{"permissions.json": `[] []`}, []string{"permissions.json:1:4", "after top-level value"}},
		{"unknown field", map[string]string{"providers/zoom.json": `{"id":"zoom","name":"Zoom","domains":["zoom.us"],"widgets":[{"id":"z","signals":{"selector":["#x"]}}]}`}, []string{"providers/zoom.json", "unknown field widgets[0].signals.selector"}},
		{"unknown field in a partner", map[string]string{"partners.json": `[{"id":"a","Name":"A"}]`}, []string{"partners.json", "unknown field [0].Name"}},
		{"provider file named wrongly", map[string]string{"providers/zoom.json": `{"id":"zoom-video","name":"Zoom"}`}, []string{"providers/zoom.json", `"zoom-video"`}},
		{"provider file null", map[string]string{"providers/zoom.json": `null`}, []string{"providers/zoom.json", "null"}},
		{"wrong type", map[string]string{"permissions.json": `[{"id":1}]`}, []string{"permissions.json:1:"}},
		{"unknown field in cues", map[string]string{"cues.json": `{"auth":["log in"],"route":["auth"]}`}, []string{"cues.json", "unknown field route"}},
		{"cues not an object", map[string]string{"cues.json": `["auth"]`}, []string{"cues.json:1:"}},
		{"unknown field in a correction", map[string]string{"corrections.json": `[{"date":"2026-12-02","changed":"x"}]`}, []string{"corrections.json", "unknown field [0].changed"}},
		{"corrections not an array", map[string]string{"corrections.json": `{"date":"2026-12-02"}`}, []string{"corrections.json:1:", "expected ["}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := minimalFolder()
			for name, content := range tt.change {
				if content == "" {
					delete(files, name)
				} else {
					files[name] = content
				}
			}
			_, err := LoadDir(writeFolder(t, files))
			if err == nil {
				t.Fatalf("LoadDir succeeded, want an error mentioning %q", tt.wantErr)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("LoadDir error = %q, want it to mention %q", err, want)
				}
			}
		})
	}
}

func TestLoadDirNotAFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "list.json")
	os.WriteFile(file, []byte("{}"), 0o644)
	for _, p := range []string{file, filepath.Join(dir, "absent")} {
		if _, err := LoadDir(p); err == nil || !strings.Contains(err.Error(), "list folder") {
			t.Errorf("LoadDir(%s) error = %v, want a list folder error", p, err)
		}
	}
}

// TestLoadMatchesFolder checks that the embedded copy is the folder's.
func TestLoadMatchesFolder(t *testing.T) {
	embedded, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	disk, err := LoadDir(".")
	if err != nil {
		t.Fatalf("LoadDir(.): %v", err)
	}
	if !reflect.DeepEqual(embedded, disk) {
		t.Errorf("Load() differs from LoadDir(\".\")")
	}
	if len(embedded.Providers) == 0 {
		t.Errorf("the embedded list has no providers")
	}
}
