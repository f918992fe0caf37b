// Package defaultlist holds the source of PartnerWatch's default list, a
// folder of JSON files that list maintainers edit, and assembles it into one
// unsigned, unstamped list.List:
//
//	permissions.json   the permission catalogue, an array of list.Permission
//	partners.json      the partners, an array of list.Partner
//	providers/ID.json  one list.Provider per file, named after its id
//	cues.json          the control recogniser's cue words, a list.Cues (optional)
//	corrections.json   the corrections log, an array of list.Correction (optional)
//
// Load reads the copy embedded at build time; LoadDir reads a folder on disk
// (listctl signs and lints with it). Both refuse JSON fields the schema does
// not know, so a misspelt field is an error rather than a silently dropped
// signal. Neither validates: call Validate (listctl does), or Stamp, Encode
// and Sign to publish.
package defaultlist

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// ID is the default list's ID.
const ID = "partnerwatch-default"

// The source files. The embed pattern needs at least one provider file.
//
//go:embed permissions.json partners.json cues.json corrections.json providers/*.json
var files embed.FS

// Load assembles the embedded default list.
func Load() (*list.List, error) {
	return load(files)
}

// LoadDir assembles the list from a source folder on disk laid out like
// this package's folder.
func LoadDir(dir string) (*list.List, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("list folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("list folder: %s is not a folder", dir)
	}
	l, err := load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("list folder %s: %w", dir, err)
	}
	return l, nil
}

// ProviderFile returns the source file, relative to the list folder, that
// defines the provider with the given id.
func ProviderFile(id string) string {
	return "providers/" + id + ".json"
}

// load assembles a list from a source folder.
func load(fsys fs.FS) (*list.List, error) {
	l := &list.List{
		Schema:      list.Schema,
		ID:          ID,
		Permissions: []list.Permission{},
		Providers:   []list.Provider{},
		Partners:    []list.Partner{},
		Corrections: []list.Correction{},
	}
	var err error
	if l.Permissions, err = readArray[list.Permission](fsys, "permissions.json"); err != nil {
		return nil, err
	}
	if l.Partners, err = readArray[list.Partner](fsys, "partners.json"); err != nil {
		return nil, err
	}
	// cues.json is optional: a list without it recognises no site-rendered
	// control by its tokens.
	if _, statErr := fs.Stat(fsys, "cues.json"); statErr == nil {
		if l.Cues, err = readObject[list.Cues](fsys, "cues.json"); err != nil {
			return nil, err
		}
	}
	// corrections.json is optional: a new list has nothing to correct.
	if _, statErr := fs.Stat(fsys, "corrections.json"); statErr == nil {
		if l.Corrections, err = readArray[list.Correction](fsys, "corrections.json"); err != nil {
			return nil, err
		}
	}
	names, err := fs.Glob(fsys, "providers/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		p, err := readObject[list.Provider](fsys, name)
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); p.ID != want {
			return nil, fmt.Errorf("%s: the provider's id is %q; name the file %s or change the id to %q", name, p.ID, ProviderFile(p.ID), want)
		}
		l.Providers = append(l.Providers, *p)
	}
	return l, nil
}

// errNoFile explains a missing source file.
var errNoFile = errors.New("missing; a list folder holds permissions.json, partners.json, providers/*.json and optionally cues.json and corrections.json")

// readFile reads one source file.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", name, errNoFile)
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}
