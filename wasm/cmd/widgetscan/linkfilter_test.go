package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// plainHost is the content script's PLAIN_HOST (extension/src/content/
// rules.js): an absolute http(s) URL whose host it reads itself.
var plainHost = regexp.MustCompile(`^https?://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::[0-9]*)?(?:[/?#]|$)`)

// keepLink mirrors the content script's linkFilter: a link is kept when its
// URL is not a plain http(s) URL, when its host is under one of hosts, or
// when its text or label, lower-cased and folded (detect.LinkFold), holds
// one of words.
func keepLink(l *detect.Link, under map[string]bool, words []string) bool {
	m := plainHost.FindStringSubmatch(l.Href)
	if m == nil {
		return true
	}
	for h := m[1]; ; {
		if under[h] {
			return true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	for _, s := range [...]string{l.Text, l.Label} {
		folded := detect.LinkFold(strings.ToLower(s))
		for _, w := range words {
			if s != "" && strings.Contains(folded, w) {
				return true
			}
		}
	}
	return false
}

// TestLinkFilterKeepsReports holds the list's Hosts and LinkWords to their
// promise: a collector that leaves out the links they say cannot matter
// changes no report. Every fixture's report is the same with only the
// links the filter keeps; the filter drops links on many fixtures; and
// without LinkWords, or without Hosts, some report changes, so each half
// keeps findings of its own.
func TestLinkFilterKeepsReports(t *testing.T) {
	sc := defaultScanner(t)
	under := map[string]bool{}
	for _, h := range sc.info.Hosts {
		under[strings.TrimPrefix(h, "*.")] = true
	}
	if len(sc.info.LinkWords) == 0 {
		t.Fatal("the default list has no link words")
	}
	reportWith := func(obs *detect.Observation, under map[string]bool, words []string) (kept []byte, dropped int) {
		c := *obs
		c.Links = nil
		for i := range obs.Links {
			if keepLink(&obs.Links[i], under, words) {
				c.Links = append(c.Links, obs.Links[i])
			} else {
				dropped++
			}
		}
		return sc.core.Report(marshal(c.MarshalEasyJSON)), dropped
	}
	pagesDropping, changedWithoutWords, changedWithoutHosts := 0, 0, 0
	for _, f := range fixtures(t) {
		obs, err := sc.observe(f, sc.urlFor(f))
		if err != nil {
			t.Fatal(err)
		}
		full := sc.core.Report(marshal(obs.MarshalEasyJSON))
		filtered, dropped := reportWith(obs, under, sc.info.LinkWords)
		if !bytes.Equal(full, filtered) {
			t.Errorf("%s: the report changes when the filtered links are left out:\n%s", f, firstDiff(full, filtered))
		}
		if dropped > 0 {
			pagesDropping++
		}
		if hostsOnly, _ := reportWith(obs, under, nil); !bytes.Equal(full, hostsOnly) {
			changedWithoutWords++
		}
		if wordsOnly, _ := reportWith(obs, nil, sc.info.LinkWords); !bytes.Equal(full, wordsOnly) {
			changedWithoutHosts++
		}
	}
	if pagesDropping < 50 {
		t.Errorf("the filter dropped links on %d fixtures, want at least 50", pagesDropping)
	}
	if changedWithoutWords == 0 {
		t.Error("hosts alone changed no report: the fixtures do not exercise the link words")
	}
	if changedWithoutHosts == 0 {
		t.Error("words alone changed no report: the fixtures do not exercise the hosts")
	}
	t.Logf("links dropped on %d fixtures; hosts alone would change %d reports, words alone %d", pagesDropping, changedWithoutWords, changedWithoutHosts)
}
