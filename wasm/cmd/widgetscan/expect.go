package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// expectation is the hand-written expectation of one fixture page, from the
// expect*.json files beside the fixtures.
type expectation struct {
	URL      string        `json:"url"`
	Findings []expectedHit `json:"findings"`
}

type expectedHit struct {
	Provider string `json:"provider"`
	Kind     string `json:"kind"`
	// FedCM: the finding must be marked FedCM (detect.Finding.FedCM); a
	// finding so marked must be expected so.
	FedCM bool `json:"fedcm,omitempty"`
}

// expectations maps a fixture's path relative to the expect files' folder
// (for example "positive/spotify-login.html") to its expectation.
type expectations map[string]expectation

// loadExpectations merges every expect*.json file of dir. A fixture listed
// twice is an error.
func loadExpectations(dir string) (expectations, error) {
	files, err := filepath.Glob(filepath.Join(dir, "expect*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	merged := expectations{}
	from := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var e expectations
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for name, x := range e {
			if prev, dup := from[name]; dup {
				return nil, fmt.Errorf("%s: %s is already listed in %s", f, name, prev)
			}
			from[name] = f
			merged[filepath.ToSlash(name)] = x
		}
	}
	return merged, nil
}

// expectationFor finds a fixture's expectation in the expect*.json files of
// its folder or its folder's parent, by relative path or by file name.
func (sc *scanner) expectationFor(file string) (expectation, bool) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return expectation{}, false
	}
	for _, dir := range []string{filepath.Dir(abs), filepath.Dir(filepath.Dir(abs))} {
		ex, ok := sc.expect[dir]
		if !ok {
			ex, err = loadExpectations(dir)
			if err != nil {
				ex = expectations{}
			}
			sc.expect[dir] = ex
		}
		rel, err := filepath.Rel(dir, abs)
		if err != nil {
			continue
		}
		if e, ok := ex[filepath.ToSlash(rel)]; ok {
			return e, true
		}
		if e, ok := ex[filepath.Base(abs)]; ok {
			return e, true
		}
	}
	return expectation{}, false
}
