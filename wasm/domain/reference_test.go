package domain

import (
	"bufio"
	"maps"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
)

// This file holds a slow reference implementation of the Public Suffix List
// algorithm, written straight from https://publicsuffix.org/list/ with a map
// of rules, and cross-checks the generated table against it.

// refRule is one rule of the list, keyed in refList by its ASCII text with the
// "!" of exceptions kept ("*.ck", "!www.ck", "co.uk").
type refRule struct {
	icann bool
}

// refList parses internal/gen/public_suffix_list.dat. Rules are converted
// with Normalize, so the table (built with golang.org/x/net/idna) also
// cross-checks this package's punycode encoder on every IDN rule.
func refList(t testing.TB) map[string]refRule {
	t.Helper()
	f, err := os.Open("internal/gen/public_suffix_list.dat")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]refRule{}
	icann := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.Contains(line, "===BEGIN ICANN DOMAINS===") {
			icann = true
		}
		if strings.Contains(line, "===BEGIN PRIVATE DOMAINS===") {
			icann = false
		}
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		rule := strings.Fields(line)[0]
		prefix := ""
		for _, p := range []string{"!", "*."} {
			if strings.HasPrefix(rule, p) {
				prefix, rule = p, rule[len(p):]
			}
		}
		ascii, err := Normalize(rule)
		if err != nil {
			t.Fatalf("rule %q: %v", rule, err)
		}
		rules[prefix+ascii] = refRule{icann: icann}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rules
}

// refPublicSuffix applies the list's algorithm literally: collect every
// matching rule, prefer an exception (the suffix is the exception minus its
// leftmost label), else the rule with the most labels, else the implicit rule
// "*" (the last label, not ICANN).
func refPublicSuffix(rules map[string]refRule, host string) (string, bool) {
	type match struct {
		labels    int
		icann     bool
		exception bool
	}
	labels := strings.Split(host, ".")
	var matches []match
	for i := range labels {
		n := len(labels) - i
		candidate := strings.Join(labels[i:], ".")
		if r, ok := rules[candidate]; ok {
			matches = append(matches, match{n, r.icann, false})
		}
		if r, ok := rules["!"+candidate]; ok {
			matches = append(matches, match{n, r.icann, true})
		}
		if n > 1 {
			if r, ok := rules["*."+strings.Join(labels[i+1:], ".")]; ok {
				matches = append(matches, match{n, r.icann, false})
			}
		}
	}
	best := match{labels: 1}
	for _, m := range matches {
		if m.exception {
			return strings.Join(labels[len(labels)-m.labels+1:], "."), m.icann
		}
		if m.labels > best.labels || m.labels == 1 && best.labels == 1 {
			best = m
		}
	}
	return strings.Join(labels[len(labels)-best.labels:], "."), best.icann
}

// refRegistrable is the reference eTLD+1.
func refRegistrable(rules map[string]refRule, host string) (string, bool) {
	suffix, _ := refPublicSuffix(rules, host)
	if suffix == host {
		return "", false
	}
	rest := strings.TrimSuffix(host, "."+suffix)
	return rest[strings.LastIndexByte(rest, '.')+1:] + "." + suffix, true
}

// refHosts returns hosts built from every rule of the list (the rule itself,
// one and two labels under it, a wildcard filled in) and random
// combinations of the list's labels.
func refHosts(rules map[string]refRule) []string {
	var hosts []string
	var labels []string
	// Sorted, so that the random hosts below are the same on every run.
	for _, r := range slices.Sorted(maps.Keys(rules)) {
		base := strings.TrimPrefix(strings.TrimPrefix(r, "!"), "*.")
		if strings.HasPrefix(r, "*.") {
			hosts = append(hosts, base, "zz."+base, "a.zz."+base, "b.a.zz."+base)
		} else {
			hosts = append(hosts, base, "a."+base, "b.a."+base)
		}
		labels = append(labels, strings.Split(base, ".")...)
	}
	rnd := rand.New(rand.NewSource(1))
	extra := []string{"www", "a", "co", "com", "uk", "jp", "github", "io", "notalabel"}
	for range 20000 {
		n := 1 + rnd.Intn(5)
		parts := make([]string, n)
		for i := range parts {
			if rnd.Intn(4) == 0 {
				parts[i] = extra[rnd.Intn(len(extra))]
			} else {
				parts[i] = labels[rnd.Intn(len(labels))]
			}
		}
		hosts = append(hosts, strings.Join(parts, "."))
	}
	return hosts
}

func TestTableMatchesReference(t *testing.T) {
	rules := refList(t)
	if len(rules) < 9000 {
		t.Fatalf("reference list has %d rules; want the whole list", len(rules))
	}
	hosts := refHosts(rules)
	bad := 0
	for _, h := range hosts {
		wantSuffix, wantICANN := refPublicSuffix(rules, h)
		gotSuffix, gotICANN := PublicSuffix(h)
		wantReg, wantOK := refRegistrable(rules, h)
		gotReg, err := Registrable(h)
		if gotSuffix != wantSuffix || gotICANN != wantICANN || gotReg != wantReg || (err == nil) != wantOK {
			bad++
			if bad <= 20 {
				t.Errorf("%q: PublicSuffix = %q, %v; Registrable = %q, %v; reference %q, %v; %q, %v",
					h, gotSuffix, gotICANN, gotReg, err, wantSuffix, wantICANN, wantReg, wantOK)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d hosts differ from the reference", bad, len(hosts))
	}
	t.Logf("checked %d hosts against %d rules", len(hosts), len(rules))
}

// TestReferenceSelfCheck guards the reference itself with cases worked out by
// hand from the list's own documentation, so that table and reference cannot
// agree on a wrong answer.
func TestReferenceSelfCheck(t *testing.T) {
	rules := refList(t)
	for _, tc := range []struct{ host, suffix string }{
		// Plain and multi-label rules.
		{"example.com", "com"},
		{"a.b.example.co.uk", "co.uk"},
		// Implicit "*" rule.
		{"a.b.unlisted", "unlisted"},
		// Wildcard and exception.
		{"a.b.ck", "b.ck"},
		{"www.ck", "ck"},
		{"a.city.kawasaki.jp", "kawasaki.jp"},
		// Private section.
		{"evil.github.io", "github.io"},
	} {
		if got, _ := refPublicSuffix(rules, tc.host); got != tc.suffix {
			t.Errorf("reference public suffix of %q = %q, want %q", tc.host, got, tc.suffix)
		}
	}
}
