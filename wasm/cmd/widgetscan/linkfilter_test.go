package main

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// refNumber finds the element numbers in a report: a collector numbers
// only the elements it sends, so leaving links out renumbers the others.
var refNumber = regexp.MustCompile(`"(?:ref|anchor)":(-?[0-9]+)`)

// sameReport reports whether two reports are the same but for how their
// elements are numbered: the same text once every number is blanked out,
// and one number always in the place of the other.
func sameReport(a, b []byte) bool {
	if !bytes.Equal(refNumber.ReplaceAll(a, []byte("#")), refNumber.ReplaceAll(b, []byte("#"))) {
		return false
	}
	na, nb := refNumber.FindAllSubmatch(a, -1), refNumber.FindAllSubmatch(b, -1)
	ab, ba := map[string]string{}, map[string]string{}
	for i := range na {
		x, y := string(na[i][1]), string(nb[i][1])
		if v, ok := ab[x]; ok && v != y {
			return false
		}
		if v, ok := ba[y]; ok && v != x {
			return false
		}
		ab[x], ba[y] = y, x
	}
	return true
}

// TestLinkFilterKeepsReports holds the list's Hosts and LinkWords to their
// promise: a collector that leaves out the links they say cannot matter
// (detect.LinkFilter, through the collect set) changes no report. Every
// fixture's report is the same with and without the filter (sameReport:
// the elements are numbered anew); the filter
// drops links on many fixtures; and without the words, or without the
// hosts, some report changes, so each half keeps findings of its own.
func TestLinkFilterKeepsReports(t *testing.T) {
	sc := defaultScanner(t)
	if len(sc.info.LinkWords) == 0 || len(sc.info.Hosts) == 0 {
		t.Fatal("the default list has no link words or no hosts")
	}
	report := func(f string, hosts, words []string) (rep []byte, links int) {
		set := detect.CollectSet{Selectors: sc.info.Selectors, Tokens: sc.info.Tokens, Hosts: hosts, LinkWords: words}
		obs, err := sc.observationWith(f, sc.urlFor(f), set)
		if err != nil {
			t.Fatal(err)
		}
		return sc.core.Report(obs), bytes.Count(obs, []byte(`"href":`))
	}
	pagesDropping, changedWithoutWords, changedWithoutHosts := 0, 0, 0
	for _, f := range fixtures(t) {
		full, all := report(f, nil, nil)
		filtered, kept := report(f, sc.info.Hosts, sc.info.LinkWords)
		if !sameReport(full, filtered) {
			t.Errorf("%s: the report changes when the filtered links are left out:\n%s", f, firstDiff(full, filtered))
		}
		if kept < all {
			pagesDropping++
		}
		if hostsOnly, _ := report(f, sc.info.Hosts, []string{}); !sameReport(full, hostsOnly) {
			changedWithoutWords++
		}
		if wordsOnly, _ := report(f, []string{}, sc.info.LinkWords); !sameReport(full, wordsOnly) {
			changedWithoutHosts++
		}
	}
	if pagesDropping < 50 {
		t.Errorf("the filter dropped links on %d fixtures, want at least 50", pagesDropping)
	}
	if changedWithoutWords == 0 || changedWithoutHosts == 0 {
		t.Errorf("without the words %d reports change, without the hosts %d: the fixtures do not exercise both", changedWithoutWords, changedWithoutHosts)
	}
	t.Logf("links dropped on %d fixtures; hosts alone would change %d reports, words alone %d", pagesDropping, changedWithoutWords, changedWithoutHosts)
}

func TestSameReport(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`{"ref":3,"anchor":3}`, `{"ref":3,"anchor":3}`, true},
		{`{"ref":3,"anchor":3,"x":[{"ref":-1}]}`, `{"ref":1,"anchor":1,"x":[{"ref":-1}]}`, true},
		{`{"ref":3,"anchor":4}`, `{"ref":1,"anchor":1}`, false},
		{`{"ref":3,"anchor":3}`, `{"ref":1,"anchor":2}`, false},
		{`{"ref":3,"v":"a"}`, `{"ref":1,"v":"b"}`, false},
	}
	for _, tt := range tests {
		if got := sameReport([]byte(tt.a), []byte(tt.b)); got != tt.want {
			t.Errorf("sameReport(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
