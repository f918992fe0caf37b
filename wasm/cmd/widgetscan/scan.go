package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"

	"github.com/partnerwatch/partnerwatch/wasm/core"
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/htmlobs"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// scanner scans pages with one loaded list.
type scanner struct {
	core *core.Core
	info *core.ListInfo
	// expect caches the expectations found beside fixtures, by folder.
	expect map[string]expectations
}

// newScanner loads the list: the embedded default list when path is empty.
func newScanner(path, keysPath string) (*scanner, error) {
	sc := &scanner{core: core.New(), expect: map[string]expectations{}}
	if path == "" {
		l, err := defaultlist.Load()
		if err != nil {
			return nil, fmt.Errorf("the default list: %w", err)
		}
		return sc, sc.trust(l)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	if info.IsDir() {
		if keysPath != "" {
			return nil, errors.New("list: -keys applies to a signed envelope, not a list folder")
		}
		l, err := defaultlist.LoadDir(path)
		if err != nil {
			return nil, err
		}
		return sc, sc.trust(l)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	if isEnvelope(data) {
		if keysPath == "" {
			return nil, fmt.Errorf("list %s is a signed envelope: give the public keys with -keys", path)
		}
		return sc, sc.loadSigned(data, keysPath)
	}
	if keysPath != "" {
		return nil, fmt.Errorf("list %s is not a signed envelope, so -keys does not apply", path)
	}
	l, err := list.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	// easyjson does not validate, and LoadTrusted compiles without checking.
	if err := l.Validate(); err != nil {
		return nil, fmt.Errorf("list %s: %w", path, err)
	}
	return sc, sc.trust(l)
}

func (sc *scanner) trust(l *list.List) error {
	info, err := sc.core.LoadTrusted(l)
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}
	sc.info = info
	return nil
}

// isEnvelope reports whether data decodes as a signed envelope (whose
// decoder refuses unknown fields, so a list payload does not).
func isEnvelope(data []byte) bool {
	var env list.Envelope
	in := jlexer.Lexer{Data: data}
	env.UnmarshalEasyJSON(&in)
	in.Consumed()
	return in.Error() == nil && (env.Payload != "" || env.PayloadJSON != "")
}

// loadSigned verifies and loads an envelope through Core.LoadList, as the
// extension does.
func (sc *scanner) loadSigned(envelope []byte, keysPath string) error {
	data, err := os.ReadFile(keysPath)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	keys, err := list.ParsePublicKeys(data)
	if err != nil {
		return fmt.Errorf("keys %s: %w", keysPath, err)
	}
	req := core.LoadRequest{Envelope: string(envelope)}
	for id, pub := range keys {
		req.Keys = append(req.Keys, core.Key{ID: id, PublicKey: base64.StdEncoding.EncodeToString(pub)})
	}
	sort.Slice(req.Keys, func(i, j int) bool { return req.Keys[i].ID < req.Keys[j].ID })
	var r core.Response
	if err := r.UnmarshalJSON(sc.core.LoadList(marshal(req.MarshalEasyJSON))); err != nil {
		return fmt.Errorf("list: %w", err)
	}
	if !r.OK {
		return fmt.Errorf("list: %s: %s", r.Error.Code, r.Error.Message)
	}
	sc.info = r.List
	return nil
}

// observation builds the observation JSON of one page, as the content script
// would send it.
func (sc *scanner) observation(file, pageURL string) ([]byte, error) {
	return sc.observationWith(file, pageURL, detect.CollectSet{Selectors: sc.info.Selectors, Tokens: sc.info.Tokens})
}

// observationWith builds the observation JSON of one page with a collect
// set.
func (sc *scanner) observationWith(file, pageURL string, set detect.CollectSet) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	obs, err := htmlobs.Observe(pageURL, f, set)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	obs.ListVersion = sc.info.Version
	return marshal(obs.MarshalEasyJSON), nil
}

// response runs Core.Report on one page and returns the raw response.
func (sc *scanner) response(file, pageURL string) ([]byte, error) {
	obs, err := sc.observation(file, pageURL)
	if err != nil {
		return nil, err
	}
	return sc.core.Report(obs), nil
}

// report returns the report JSON of one page.
func (sc *scanner) report(file, pageURL string) ([]byte, error) {
	r, err := sc.decodedReport(file, pageURL)
	if err != nil {
		return nil, err
	}
	return marshal(r.MarshalEasyJSON), nil
}

func (sc *scanner) decodedReport(file, pageURL string) (*detect.Report, error) {
	raw, err := sc.response(file, pageURL)
	if err != nil {
		return nil, err
	}
	var r core.Response
	if err := r.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("%s: the core's response does not decode: %w", file, err)
	}
	if r.Report == nil || !r.OK {
		return nil, fmt.Errorf("%s: %s: %s", file, r.Error.Code, r.Error.Message)
	}
	return r.Report, nil
}

// urlFor returns the URL the expectations give for a fixture, else
// https://example.com/<file name>.
func (sc *scanner) urlFor(file string) string {
	if e, ok := sc.expectationFor(file); ok && e.URL != "" {
		return e.URL
	}
	return "https://example.com/" + filepath.Base(file)
}

// collect expands folders into their .html files, sorted.
func collect(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".html") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s holds no .html files", a)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// marshal runs an easyjson encoder.
func marshal(enc func(*jwriter.Writer)) []byte {
	w := jwriter.Writer{Flags: jwriter.NilSliceAsEmpty}
	enc(&w)
	b, _ := w.BuildBytes()
	return b
}

// jsonString quotes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
