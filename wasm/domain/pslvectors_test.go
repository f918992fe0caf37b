package domain

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// testdata/test_psl.txt is the Public Suffix List project's own test file
// (publicsuffix/list, tests/test_psl.txt, commit ffcfa83e; public domain,
// CC0, as its header says), vendored unchanged (testdata/README.md). Every library that reads the
// list runs it (golang.org/x/net/publicsuffix, Firefox, libpsl). Each line
// checkPublicSuffix(input, want) says what the registrable domain of input
// is; null means there is none (no input, or a public suffix, or a
// malformed host).

// pslVectorLine is one vector: checkPublicSuffix(null or 'x', null or 'y');
var pslVectorLine = regexp.MustCompile(`^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);$`)

// pslVectorsDisagree lists the vectors that this package's PSL snapshot
// (internal/gen/public_suffix_list.dat) answers differently from the test
// file, each with the reason. It is empty: every vector passes. A list
// update that changes a vector's answer must add it here with the rule
// that changed, never skip it silently; an entry that passes again fails
// the test so that it is removed.
var pslVectorsDisagree = map[string]string{}

// pslRegistrable is the pipeline the core applies to a host: Normalize
// (case, IDN to punycode, the trailing dot), then Registrable. ok is false
// when the host has no registrable domain.
func pslRegistrable(host string) (string, bool) {
	n, err := Normalize(host)
	if err != nil {
		return "", false
	}
	r, err := Registrable(n)
	return r, err == nil
}

func TestPSLVectors(t *testing.T) {
	f, err := os.Open("testdata/test_psl.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	unquote := func(s string) (string, bool) {
		if s == "null" {
			return "", false
		}
		return strings.Trim(s, "'"), true
	}
	var cases, agreed int
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "//") {
			continue
		}
		m := pslVectorLine.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("line %d is not a checkPublicSuffix vector: %q", line, text)
		}
		cases++
		in, inOK := unquote(m[1])
		want, wantOK := unquote(m[2])
		if wantOK {
			// The file writes IDN answers in Unicode; the core answers
			// in punycode, as the list's hosts arrive from the browser.
			if want, err = Normalize(want); err != nil {
				t.Fatalf("line %d: the expected %q does not normalise: %v", line, m[2], err)
			}
		}
		got, gotOK := "", false
		if inOK { // null input: no host at all
			got, gotOK = pslRegistrable(in)
		}
		seen[m[1]] = true
		reason, listed := pslVectorsDisagree[m[1]]
		switch {
		case got == want && gotOK == wantOK && listed:
			t.Errorf("line %d: %s now passes; remove it from pslVectorsDisagree (%s)", line, text, reason)
		case got == want && gotOK == wantOK:
			agreed++
		case listed:
			t.Logf("line %d: %s gives %q (%v), known: %s", line, text, got, gotOK, reason)
		default:
			t.Errorf("line %d: %s: got %q (ok %v), want %q (ok %v)", line, text, got, gotOK, want, wantOK)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for in := range pslVectorsDisagree {
		if !seen[in] {
			t.Errorf("pslVectorsDisagree lists %s, which is not a vector of the file", in)
		}
	}
	// The file at commit 5daa4c73 has 78 vectors; fewer means the file or
	// the parsing lost some.
	if cases < 78 {
		t.Errorf("read %d vectors, want at least 78", cases)
	}
	t.Logf("%d of %d vectors agree, %d listed as known differences", agreed, cases, len(pslVectorsDisagree))
}
