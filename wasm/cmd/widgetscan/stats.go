package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// hit is one (provider, kind) pair of a report or an expectation.
type hit struct{ provider, kind string }

// counts are true positives, false positives and false negatives.
type counts struct{ tp, fp, fn int }

func (c counts) precision() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c counts) recall() float64    { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// comparison is the outcome of comparing reports with expectations.
type comparison struct {
	byProvider map[string]*counts
	total      counts
	// mismatches describe each page whose (provider, kind) set differs.
	mismatches []string
	// unlisted are pages without an expectation.
	unlisted []string
}

func newComparison() *comparison {
	return &comparison{byProvider: map[string]*counts{}}
}

// add compares one page's report with its expectation.
func (c *comparison) add(file string, rep *detect.Report, exp expectation) {
	got, gotFedCM := map[hit]bool{}, map[hit]bool{}
	for _, f := range rep.Findings {
		got[hit{f.Provider, f.Kind}] = true
		gotFedCM[hit{f.Provider, f.Kind}] = gotFedCM[hit{f.Provider, f.Kind}] || f.FedCM
	}
	want, wantFedCM := map[hit]bool{}, map[hit]bool{}
	for _, h := range exp.Findings {
		want[hit{h.Provider, h.Kind}] = true
		wantFedCM[hit{h.Provider, h.Kind}] = h.FedCM
	}
	for h := range got {
		if want[h] && gotFedCM[h] != wantFedCM[h] {
			c.mismatches = append(c.mismatches, fmt.Sprintf("%s: %s/%s marked FedCM %v, expected %v", file, h.provider, h.kind, gotFedCM[h], wantFedCM[h]))
		}
	}
	var extra, missing []string
	for h := range got {
		if want[h] {
			c.count(h.provider).tp++
			c.total.tp++
		} else {
			c.count(h.provider).fp++
			c.total.fp++
			extra = append(extra, h.provider+"/"+h.kind)
		}
	}
	for h := range want {
		if !got[h] {
			c.count(h.provider).fn++
			c.total.fn++
			missing = append(missing, h.provider+"/"+h.kind)
		}
	}
	if len(extra)+len(missing) > 0 {
		sort.Strings(extra)
		sort.Strings(missing)
		c.mismatches = append(c.mismatches, fmt.Sprintf("%s: unexpected [%s], missing [%s]", file, strings.Join(extra, " "), strings.Join(missing, " ")))
	}
}

func (c *comparison) count(provider string) *counts {
	n, ok := c.byProvider[provider]
	if !ok {
		n = &counts{}
		c.byProvider[provider] = n
	}
	return n
}

// print writes the per-provider table and the mismatches.
func (c *comparison) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "provider\ttp\tfp\tfn\tprecision\trecall\t")
	providers := make([]string, 0, len(c.byProvider))
	for p := range c.byProvider {
		providers = append(providers, p)
	}
	sort.Strings(providers)
	for _, p := range providers {
		n := c.byProvider[p]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t\n", p, n.tp, n.fp, n.fn, n.precision(), n.recall())
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t%.3f\t%.3f\t\n", c.total.tp, c.total.fp, c.total.fn, c.total.precision(), c.total.recall())
	tw.Flush()
	for _, m := range c.mismatches {
		fmt.Fprintln(w, "mismatch: "+m)
	}
	for _, u := range c.unlisted {
		fmt.Fprintln(w, "no expectation: "+u)
	}
}

// compare scans pages and compares them with their expectations.
func compare(sc *scanner, files []string) (*comparison, error) {
	c := newComparison()
	for _, f := range files {
		exp, ok := sc.expectationFor(f)
		if !ok {
			c.unlisted = append(c.unlisted, f)
			continue
		}
		rep, err := sc.decodedReport(f, sc.urlFor(f))
		if err != nil {
			return nil, err
		}
		c.add(f, rep, exp)
	}
	return c, nil
}

// runStats is the -stats mode.
func runStats(sc *scanner, files []string, stdout, stderr io.Writer) int {
	c, err := compare(sc, files)
	if err != nil {
		fmt.Fprintln(stderr, "widgetscan: "+err.Error())
		return exitFail
	}
	c.print(stdout)
	if len(c.mismatches) > 0 {
		return exitFail
	}
	return exitOK
}
