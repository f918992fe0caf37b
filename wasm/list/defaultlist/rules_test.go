package defaultlist_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/htmlobs"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// These tests hold the default list's detection rules against the fixture
// pages in testdata/pages: realistic pages that reproduce real widget markup
// (positive/<provider>-<variant>.html) and pages with look-alikes that must
// not fire (negative/<what>.html). The expectation files beside them
// (expect*.json: one per batch of pages, merged) are the hand-written truth: for each page, its URL and the (provider, kind) pairs a
// person looking at it would say are present.

// pagesDir is the fixture folder, relative to this package.
var pagesDir = filepath.Join("..", "..", "..", "testdata", "pages")

// expectGlob names the expectation files, as widgetscan reads them.
const expectGlob = "expect*.json"

// claimedKinds are the widget kinds each platform of the default list offers.
// Test 3 checks that the list has a widget of every claimed kind; the kinds
// that expectation files name for a provider count as claimed too.
var claimedKinds = map[string][]string{
	// Platforms with both a login and a chat or messaging link.
	"facebook":  {list.KindLogin, list.KindMessaging},
	"telegram":  {list.KindLogin, list.KindMessaging},
	"line":      {list.KindLogin, list.KindMessaging},
	"vk":        {list.KindLogin, list.KindMessaging},
	"kakao":     {list.KindLogin, list.KindMessaging},
	"naver":     {list.KindLogin, list.KindMessaging},
	"instagram": {list.KindLogin, list.KindMessaging},

	// Messaging only.
	"whatsapp": {list.KindMessaging},
	"viber":    {list.KindMessaging},

	// Login only.
	"google":    {list.KindLogin},
	"apple":     {list.KindLogin},
	"microsoft": {list.KindLogin},
	"github":    {list.KindLogin},
	"twitter":   {list.KindLogin},
	"linkedin":  {list.KindLogin},
	"amazon":    {list.KindLogin},
	"discord":   {list.KindLogin},
	"slack":     {list.KindLogin},
	"yahoo":     {list.KindLogin},
	"yandex":    {list.KindLogin},
	"wechat":    {list.KindLogin},
	"tiktok":    {list.KindLogin},
	"spotify":   {list.KindLogin},
	"twitch":    {list.KindLogin},
	"paypal":    {list.KindLogin},
	"reddit":    {list.KindLogin},
}

// pair is one (provider, kind) finding, as the expectation files write it.
type pair struct {
	Provider string `json:"provider"`
	Kind     string `json:"kind"`
}

func (p pair) String() string { return p.Provider + "/" + p.Kind }

// expectation is one page's entry in an expectation file.
type expectation struct {
	URL      string `json:"url"`
	Findings []pair `json:"findings"`
}

// scanned is one fixture page, scanned.
type scanned struct {
	name   string // "positive/facebook-sdk-button.html"
	expect expectation
	report *detect.Report
}

// fixture is everything the tests share: the compiled default list and every
// fixture page's report. It is built once.
type fixture struct {
	list   *list.List
	engine *detect.Engine
	pages  []scanned
}

var (
	fixtureOnce sync.Once
	fixtureVal  *fixture
	fixtureErr  error
)

// loadFixture loads, validates and compiles the default list, reads the
// expectation files and scans every fixture page.
func loadFixture(t *testing.T) *fixture {
	t.Helper()
	fixtureOnce.Do(func() { fixtureVal, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureVal
}

func buildFixture() (*fixture, error) {
	l, err := defaultlist.Load()
	if err != nil {
		return nil, fmt.Errorf("defaultlist.Load: %w", err)
	}
	list.Stamp(l, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 30*24*time.Hour)
	if err := l.Validate(); err != nil {
		return nil, fmt.Errorf("the default list does not validate: %w", err)
	}
	e, err := detect.Compile(l)
	if err != nil {
		return nil, fmt.Errorf("detect.Compile: %w", err)
	}
	expect, err := readExpectations()
	if err != nil {
		return nil, err
	}
	names, err := fixtureNames()
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, n := range names {
		if _, ok := expect[n]; !ok {
			problems = append(problems, n+": no entry in any expectation file")
		}
	}
	for n := range expect {
		if !slices.Contains(names, n) {
			problems = append(problems, n+": listed in an expectation file but there is no such page")
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("fixture pages and expectations disagree:\n\t%s", strings.Join(problems, "\n\t"))
	}
	f := &fixture{list: l, engine: e}
	for _, n := range names {
		rep, err := scan(e, l.Version, n, expect[n].URL)
		if err != nil {
			return nil, err
		}
		f.pages = append(f.pages, scanned{name: n, expect: expect[n], report: rep})
	}
	return f, nil
}

// readExpectations merges the expectation files; a page may appear in one
// file only.
func readExpectations() (map[string]expectation, error) {
	all := map[string]expectation{}
	from := map[string]string{}
	files, err := filepath.Glob(filepath.Join(pagesDir, expectGlob))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no %s in %s", expectGlob, pagesDir)
	}
	for _, path := range files {
		file := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var m map[string]expectation
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for name, x := range m {
			if prev, dup := from[name]; dup {
				return nil, fmt.Errorf("%s: %s is already listed in %s", file, name, prev)
			}
			if x.URL == "" {
				return nil, fmt.Errorf("%s: %s has no url", file, name)
			}
			if x.Findings == nil {
				return nil, fmt.Errorf("%s: %s has no findings array (write [] for none)", file, name)
			}
			negative := strings.HasPrefix(name, "negative/")
			if negative && len(x.Findings) > 0 {
				return nil, fmt.Errorf("%s: negative page %s expects findings", file, name)
			}
			if !negative && len(x.Findings) == 0 {
				return nil, fmt.Errorf("%s: positive page %s expects no findings", file, name)
			}
			from[name] = file
			all[name] = x
		}
	}
	return all, nil
}

// fixtureNames lists the pages under positive/ and negative/, as
// "positive/x.html".
func fixtureNames() ([]string, error) {
	var names []string
	for _, dir := range []string{"positive", "negative"} {
		entries, err := os.ReadDir(filepath.Join(pagesDir, dir))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				names = append(names, path.Join(dir, e.Name()))
			}
		}
	}
	return names, nil
}

// scan observes one page as the static scanner does and reports on it.
func scan(e *detect.Engine, version int64, name, pageURL string) (*detect.Report, error) {
	data, err := os.ReadFile(filepath.Join(pagesDir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	obs, err := htmlobs.Observe(pageURL, bytes.NewReader(data), detect.CollectSet{Selectors: e.Selectors(), Tokens: e.Tokens()})
	if err != nil {
		return nil, fmt.Errorf("%s: htmlobs.Observe: %w", name, err)
	}
	// The static scanner matched with this list's selector set.
	obs.ListVersion = version
	return e.Report(obs), nil
}

// pairs returns the distinct (provider, kind) pairs of a report, sorted.
func pairs(r *detect.Report) []pair {
	var out []pair
	for _, f := range r.Findings {
		p := pair{f.Provider, f.Kind}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	sortPairs(out)
	return out
}

func sortPairs(ps []pair) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].String() < ps[j].String() })
}

// describe lists a report's findings with their evidence, for failure
// messages.
func describe(r *detect.Report) string {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n\t\t%s (%s, %s, %s):", f.Widget, f.Provider, f.Kind, f.Confidence)
		for _, ev := range f.Evidence {
			fmt.Fprintf(&b, " %s=%q", ev.Signal, ev.Value)
		}
	}
	return b.String()
}

// Test 0: each page matches its hand-written expectation exactly: every
// expected (provider, kind) pair is found, and nothing else.
func TestFixturePagesMatchExpectations(t *testing.T) {
	f := loadFixture(t)
	for _, p := range f.pages {
		t.Run(p.name, func(t *testing.T) {
			want := slices.Clone(p.expect.Findings)
			sortPairs(want)
			got := pairs(p.report)
			var missing, extra []string
			for _, w := range want {
				if !slices.Contains(got, w) {
					missing = append(missing, w.String())
				}
			}
			for _, g := range got {
				if !slices.Contains(want, g) {
					extra = append(extra, g.String())
				}
			}
			if len(missing) > 0 || len(extra) > 0 {
				t.Errorf("%s at %s:\n\tmissing %v\n\tunexpected %v\n\tfindings:%s",
					p.name, p.expect.URL, missing, extra, describe(p.report))
			}
		})
	}
}

// Test 1: every widget of every provider in the list fires on at least one
// positive page, so no rule is untested.
func TestEveryWidgetFiresOnAPositivePage(t *testing.T) {
	f := loadFixture(t)
	fired := map[string]bool{}
	for _, p := range f.pages {
		if strings.HasPrefix(p.name, "positive/") {
			for _, fi := range p.report.Findings {
				fired[fi.Widget] = true
			}
		}
	}
	var silent []string
	for _, prov := range f.list.Providers {
		for _, w := range prov.Widgets {
			if !fired[w.ID] {
				silent = append(silent, w.ID)
			}
		}
	}
	if len(silent) > 0 {
		t.Errorf("%d widgets fire on no positive page (add a fixture or fix the rule): %s",
			len(silent), strings.Join(silent, ", "))
	}
}

// Test 2: no widget fires on any negative page: share links, follow buttons,
// content embeds, pixels, payment buttons, app installs, code samples,
// comments, templates, running text, and first-party pages.
func TestNoWidgetFiresOnNegativePages(t *testing.T) {
	f := loadFixture(t)
	n := 0
	for _, p := range f.pages {
		if !strings.HasPrefix(p.name, "negative/") {
			continue
		}
		n++
		if len(p.report.Findings) > 0 {
			t.Errorf("%s at %s fires:%s", p.name, p.expect.URL, describe(p.report))
		}
	}
	if n == 0 {
		t.Error("no negative pages were scanned")
	}
}

// Test 3: every provider has at least one widget of each kind it claims, and
// every claimed provider is in the list.
func TestProvidersHaveWidgetsOfClaimedKinds(t *testing.T) {
	f := loadFixture(t)
	claims := map[string][]string{}
	for id, kinds := range claimedKinds {
		claims[id] = slices.Clone(kinds)
	}
	for _, p := range f.pages {
		for _, x := range p.expect.Findings {
			if !slices.Contains(claims[x.Provider], x.Kind) {
				claims[x.Provider] = append(claims[x.Provider], x.Kind)
			}
		}
	}
	have := map[string]map[string]bool{}
	for _, prov := range f.list.Providers {
		have[prov.ID] = map[string]bool{}
		for _, w := range prov.Widgets {
			have[prov.ID][w.Kind] = true
		}
	}
	for id, kinds := range claims {
		if have[id] == nil {
			t.Errorf("provider %q is claimed but not in the list", id)
			continue
		}
		for _, k := range kinds {
			if !have[id][k] {
				t.Errorf("provider %q claims kind %q but has no %s widget", id, k, k)
			}
		}
	}
	// A provider of this file's table must not offer a kind it does not
	// claim: that would be an unreviewed widget.
	for id, kinds := range claimedKinds {
		for k := range have[id] {
			if !slices.Contains(kinds, k) {
				t.Errorf("provider %q has a %s widget but claims only %v", id, k, kinds)
			}
		}
	}
}

// Test 4: the fixture pages themselves follow the house rules: each starts
// with a comment saying what real markup it reproduces, and each positive
// page is named after a provider it expects.
func TestFixturePagesAreDocumented(t *testing.T) {
	f := loadFixture(t)
	for _, p := range f.pages {
		data, err := os.ReadFile(filepath.Join(pagesDir, filepath.FromSlash(p.name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("<!--")) {
			t.Errorf("%s does not start with a comment saying what it reproduces", p.name)
		}
		if !strings.HasPrefix(p.name, "positive/") {
			continue
		}
		base := strings.TrimPrefix(p.name, "positive/")
		named := false
		for _, x := range p.expect.Findings {
			named = named || strings.HasPrefix(base, x.Provider+"-")
		}
		if !named {
			t.Errorf("%s is not named <provider>-<variant>.html after a provider it expects (%v)", p.name, p.expect.Findings)
		}
	}
}

// BenchmarkCompileDefaultList measures compiling the default list into an
// engine, which the extension does once per list load.
func BenchmarkCompileDefaultList(b *testing.B) {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := detect.Compile(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportFixturePages measures the engine's Report over every fixture
// page's observation (the pages are observed once, outside the timing); one
// iteration reports on all pages.
func BenchmarkReportFixturePages(b *testing.B) {
	l, err := defaultlist.Load()
	if err != nil {
		b.Fatal(err)
	}
	e, err := detect.Compile(l)
	if err != nil {
		b.Fatal(err)
	}
	expect, err := readExpectations()
	if err != nil {
		b.Fatal(err)
	}
	var observations []*detect.Observation
	for name, x := range expect {
		data, err := os.ReadFile(filepath.Join(pagesDir, filepath.FromSlash(name)))
		if err != nil {
			b.Fatal(err)
		}
		obs, err := htmlobs.Observe(x.URL, bytes.NewReader(data), detect.CollectSet{Selectors: e.Selectors(), Tokens: e.Tokens()})
		if err != nil {
			b.Fatal(err)
		}
		obs.ListVersion = l.Version
		observations = append(observations, obs)
	}
	b.ReportMetric(float64(len(observations)), "pages/op")
	for b.Loop() {
		for _, obs := range observations {
			if r := e.Report(obs); r == nil {
				b.Fatal("nil report")
			}
		}
	}
}
