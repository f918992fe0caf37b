package main

import (
	"strings"
	"testing"
)

func TestParseRejects(t *testing.T) {
	const head = "// ===BEGIN ICANN DOMAINS===\ncom\n"
	const tail = "// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n"
	for _, tc := range []struct {
		name, list, err string
	}{
		// Structure.
		{"outside sections", "com\n" + head + tail, "outside the ICANN and PRIVATE sections"},
		{"no private section", head + "// ===END ICANN DOMAINS===\n", "section markers missing"},

		// Rules the lookup cannot represent.
		{"inner wildcard", head + "a.*.com\n" + tail, "leftmost"},
		{"wildcard exception", head + "!*.com\n" + tail, "cannot be a wildcard"},
		{"one-label exception", head + "!org\n" + tail, "at least two labels"},
		{"duplicate", head + "com\n" + tail, "appears twice"},
		{"over-long label", head + strings.Repeat("a", 64) + ".com\n" + tail, "over-long label"},
	} {
		_, _, err := parse([]byte(tc.list))
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: parse error %v, want one containing %q", tc.name, err, tc.err)
		}
	}
}

func TestParseAccepts(t *testing.T) {
	list := "// ===BEGIN ICANN DOMAINS===\ncom\n*.ck\n!www.ck\nbücher.de  trailing words are ignored\n// ===END ICANN DOMAINS===\n" +
		"// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n"
	root, st, err := parse([]byte(list))
	if err != nil {
		t.Fatal(err)
	}
	if st.icann != 4 || st.private != 1 || st.wildcards != 1 || st.exceptions != 1 {
		t.Errorf("stats = %+v, want 4 ICANN, 1 private, 1 wildcard, 1 exception", st)
	}
	ck := root.kids["ck"]
	if ck == nil || !ck.wildcard || !ck.wildICANN || ck.kind != kindNone {
		t.Errorf("ck node = %+v, want a wildcard ICANN node with no rule of its own", ck)
	}
	if www := ck.kids["www"]; www == nil || www.kind != kindException {
		t.Errorf("www.ck node = %+v, want an exception", www)
	}
	if root.kids["de"] == nil || root.kids["de"].kids["xn--bcher-kva"] == nil {
		t.Errorf("bücher.de was not stored as xn--bcher-kva.de")
	}
	if gh := root.kids["io"].kids["github"]; gh.kind != kindNormal || gh.icann {
		t.Errorf("github.io node = %+v, want a private rule", gh)
	}
}

func TestBuildTextSharesLabels(t *testing.T) {
	root, _, err := parse([]byte("// ===BEGIN ICANN DOMAINS===\ncom\nco.com\ncomo\n// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\nmoon.com\n// ===END PRIVATE DOMAINS===\n"))
	if err != nil {
		t.Fatal(err)
	}
	text := buildText(layout(root))
	for _, l := range []string{"com", "co", "como", "moon"} {
		if !strings.Contains(text, l) {
			t.Errorf("text %q lacks %q", text, l)
		}
	}
	// "co" and "com" live inside "como"; "moon" overlaps nothing, so the
	// text needs at most len("como")+len("moon") bytes.
	if len(text) > 8 {
		t.Errorf("text %q is %d bytes; labels are not shared", text, len(text))
	}
}
