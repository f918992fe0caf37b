// Command gen turns the Public Suffix List into table.go, the compact lookup
// table of package domain. Run it from the domain package with `go generate`
// (the package carries `//go:generate go run ./internal/gen`).
//
// The input, public_suffix_list.dat beside this file, is a verbatim copy of
// Debian's maintained list (package publicsuffix 20230209.2326-1, file
// /usr/share/publicsuffix/public_suffix_list.dat, sha256 87d2e11f…baed). To
// update it, copy a newer list over it and run `make generate`; the table
// records the input's SHA-256 so that a stale table is visible in review.
//
// # Table layout
//
// The rules form a tree of labels read from the right: "co.uk" is the node
// "co" under the node "uk". The tree is written breadth first, so the children
// of every node are contiguous, and each group of siblings is sorted by label
// so that lookup can binary-search it. Three read-only values hold it, none of
// which needs parsing at init time:
//
//   - text, a string holding every label once (labels that occur inside
//     longer ones, or overlap the end of the blob, are shared);
//   - nodes, a string of 5-byte big-endian records, one per node (node 0 is
//     the root), packing the label's offset and length in text, the rule that
//     ends at the node (none, normal, exception) with its section, whether a
//     wildcard rule "*.node" exists with its section, and an index into
//     children;
//   - children, one uint32 per node that has children: the index of its first
//     child and the number of children.
//
// Rules are converted to their ASCII (punycode) form, as hosts are before
// lookup. A wildcard may only be the leftmost label; an exception may not be
// a wildcard. The generator fails with a clear message on anything else, and
// when a field outgrows its bits.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"sort"
	"strings"

	"golang.org/x/net/idna"
)

// Bit widths of a node record, most significant field first. They are written
// into table.go as constants so that lookup decodes exactly what gen encodes.
const (
	bitsTextOffset = 16
	bitsTextLength = 6
	bitsKind       = 2
	bitsICANN      = 1
	bitsWildcard   = 1
	bitsWildICANN  = 1
	bitsChildren   = 13
	nodeBytes      = 5

	bitsChildFirst = 14
	bitsChildCount = 11
)

// Rule kinds stored in a node.
const (
	kindNone      = 0
	kindNormal    = 1
	kindException = 2
)

func init() {
	total := bitsTextOffset + bitsTextLength + bitsKind + bitsICANN + bitsWildcard + bitsWildICANN + bitsChildren
	if total != nodeBytes*8 {
		panic(fmt.Sprintf("node fields take %d bits, records hold %d", total, nodeBytes*8))
	}
}

// node is one label of the rule tree.
type node struct {
	label         string
	kind          int
	icann         bool
	wildcard      bool
	wildICANN     bool
	kids          map[string]*node
	index         int // position in the breadth-first order
	sortedKids    []*node
	textOffset    int
	childrenIndex int // 0 when the node has no children, else 1 + index in children
}

func (n *node) child(label string) *node {
	if n.kids == nil {
		n.kids = map[string]*node{}
	}
	c := n.kids[label]
	if c == nil {
		c = &node{label: label}
		n.kids[label] = c
	}
	return c
}

func main() {
	in := flag.String("in", "internal/gen/public_suffix_list.dat", "the Public Suffix List to read")
	out := flag.String("out", "table.go", "the Go file to write")
	pkg := flag.String("package", "domain", "the package name of the generated file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")

	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	root, stats, err := parse(data)
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	src, err := render(root, stats, *pkg, data)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// listStats counts what the list held, for the generated file's header.
type listStats struct {
	icann, private, wildcards, exceptions int
}

// parse reads the list into a rule tree.
func parse(data []byte) (*node, listStats, error) {
	var st listStats
	root := &node{}
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.Contains(line, "===BEGIN ICANN DOMAINS==="):
			section = "icann"
			continue
		case strings.Contains(line, "===BEGIN PRIVATE DOMAINS==="):
			section = "private"
			continue
		case strings.Contains(line, "===END ICANN DOMAINS==="), strings.Contains(line, "===END PRIVATE DOMAINS==="):
			section = ""
			continue
		case line == "" || strings.HasPrefix(line, "//"):
			continue
		}
		if section == "" {
			return nil, st, fmt.Errorf("line %d: rule %q outside the ICANN and PRIVATE sections", lineNo, line)
		}
		// A rule ends at the first whitespace.
		rule := strings.Fields(line)[0]
		if err := add(root, rule, section == "icann", &st); err != nil {
			return nil, st, fmt.Errorf("line %d: %v", lineNo, err)
		}
		if section == "icann" {
			st.icann++
		} else {
			st.private++
		}
	}
	if err := sc.Err(); err != nil {
		return nil, st, err
	}
	if st.icann == 0 || st.private == 0 {
		return nil, st, fmt.Errorf("found %d ICANN and %d private rules: section markers missing?", st.icann, st.private)
	}
	return root, st, nil
}

// add inserts one rule into the tree.
func add(root *node, rule string, icann bool, st *listStats) error {
	exception := strings.HasPrefix(rule, "!")
	rule = strings.TrimPrefix(rule, "!")
	wildcard := strings.HasPrefix(rule, "*.")
	rule = strings.TrimPrefix(rule, "*.")
	if exception && wildcard {
		return fmt.Errorf("rule %q: an exception cannot be a wildcard", rule)
	}
	if strings.Contains(rule, "*") {
		return fmt.Errorf("rule %q: a wildcard may only be the leftmost label", rule)
	}
	ascii, err := idna.Lookup.ToASCII(rule)
	if err != nil {
		return fmt.Errorf("rule %q: %v", rule, err)
	}
	labels := strings.Split(ascii, ".")
	if exception && len(labels) < 2 {
		return fmt.Errorf("rule !%s: an exception needs at least two labels", ascii)
	}
	n := root
	for i := len(labels) - 1; i >= 0; i-- {
		l := labels[i]
		if l == "" || len(l) >= 1<<bitsTextLength {
			return fmt.Errorf("rule %q: empty or over-long label %q", rule, l)
		}
		n = n.child(l)
	}
	switch {
	case wildcard:
		if n.wildcard {
			return fmt.Errorf("rule *.%s appears twice", ascii)
		}
		n.wildcard, n.wildICANN = true, icann
		st.wildcards++
	case exception:
		if n.kind != kindNone {
			return fmt.Errorf("rule !%s conflicts with an earlier rule for %s", ascii, ascii)
		}
		n.kind, n.icann = kindException, icann
		st.exceptions++
	default:
		if n.kind != kindNone {
			return fmt.Errorf("rule %s appears twice", ascii)
		}
		n.kind, n.icann = kindNormal, icann
	}
	return nil
}

// layout numbers the nodes breadth first and returns them in that order.
func layout(root *node) []*node {
	order := []*node{root}
	for i := 0; i < len(order); i++ {
		n := order[i]
		n.index = i
		for _, c := range n.kids {
			n.sortedKids = append(n.sortedKids, c)
		}
		sort.Slice(n.sortedKids, func(a, b int) bool { return n.sortedKids[a].label < n.sortedKids[b].label })
		order = append(order, n.sortedKids...)
	}
	return order
}

// buildText packs every label into one string, sharing labels that already
// occur in it and overlapping a new label with the end of the blob.
func buildText(order []*node) string {
	seen := map[string]bool{}
	var labels []string
	for _, n := range order[1:] {
		if !seen[n.label] {
			seen[n.label] = true
			labels = append(labels, n.label)
		}
	}
	// Longest first, so that short labels are found inside long ones.
	sort.Slice(labels, func(a, b int) bool {
		if len(labels[a]) != len(labels[b]) {
			return len(labels[a]) > len(labels[b])
		}
		return labels[a] < labels[b]
	})
	var b strings.Builder
	for _, l := range labels {
		if strings.Contains(b.String(), l) {
			continue
		}
		s := b.String()
		k := len(l) - 1
		for ; k > 0; k-- {
			if strings.HasSuffix(s, l[:k]) {
				break
			}
		}
		b.WriteString(l[k:])
	}
	return b.String()
}

// render writes table.go.
func render(root *node, st listStats, pkg string, data []byte) ([]byte, error) {
	order := layout(root)
	text := buildText(order)
	if len(text) >= 1<<bitsTextOffset {
		return nil, fmt.Errorf("text is %d bytes; bitsTextOffset=%d holds %d: widen the field", len(text), bitsTextOffset, 1<<bitsTextOffset)
	}
	var children []uint32
	for _, n := range order {
		n.textOffset = strings.Index(text, n.label)
		if len(n.sortedKids) == 0 {
			continue
		}
		first, count := n.sortedKids[0].index, len(n.sortedKids)
		if first >= 1<<bitsChildFirst || count >= 1<<bitsChildCount {
			return nil, fmt.Errorf("node %q: children at %d (count %d) outgrow bitsChildFirst=%d/bitsChildCount=%d", n.label, first, count, bitsChildFirst, bitsChildCount)
		}
		children = append(children, uint32(first)<<bitsChildCount|uint32(count))
		n.childrenIndex = len(children)
	}
	if len(children) >= 1<<bitsChildren {
		return nil, fmt.Errorf("%d nodes have children; bitsChildren=%d holds %d", len(children), bitsChildren, 1<<bitsChildren-1)
	}

	nodes := make([]byte, 0, len(order)*nodeBytes)
	for _, n := range order {
		var v uint64
		put := func(bits int, x uint64) { v = v<<bits | x }
		put(bitsTextOffset, uint64(n.textOffset))
		put(bitsTextLength, uint64(len(n.label)))
		put(bitsKind, uint64(n.kind))
		put(bitsICANN, b2u(n.icann))
		put(bitsWildcard, b2u(n.wildcard))
		put(bitsWildICANN, b2u(n.wildICANN))
		put(bitsChildren, uint64(n.childrenIndex))
		for i := nodeBytes - 1; i >= 0; i-- {
			nodes = append(nodes, byte(v>>(8*i)))
		}
	}

	sum := sha256.Sum256(data)
	var w bytes.Buffer
	fmt.Fprintf(&w, "// Code generated by go run ./internal/gen; DO NOT EDIT.\n\n")
	fmt.Fprintf(&w, "package %s\n\n", pkg)
	fmt.Fprintf(&w, "// listSHA256 is the SHA-256 of internal/gen/public_suffix_list.dat, the\n// list this table was generated from: %d ICANN and %d private rules, %d\n// wildcards, %d exceptions.\n", st.icann, st.private, st.wildcards, st.exceptions)
	fmt.Fprintf(&w, "const listSHA256 = %q\n\n", hex.EncodeToString(sum[:]))
	fmt.Fprintf(&w, "// Layout of a node record (see internal/gen for the whole table layout).\n")
	fmt.Fprintf(&w, "const (\n")
	for _, c := range []struct {
		name string
		v    int
	}{
		{"bitsTextOffset", bitsTextOffset}, {"bitsTextLength", bitsTextLength}, {"bitsKind", bitsKind},
		{"bitsICANN", bitsICANN}, {"bitsWildcard", bitsWildcard}, {"bitsWildICANN", bitsWildICANN},
		{"bitsChildren", bitsChildren}, {"nodeBytes", nodeBytes},
		{"bitsChildFirst", bitsChildFirst}, {"bitsChildCount", bitsChildCount},
		{"kindNone", kindNone}, {"kindNormal", kindNormal}, {"kindException", kindException},
	} {
		fmt.Fprintf(&w, "\t%s = %d\n", c.name, c.v)
	}
	fmt.Fprintf(&w, ")\n\n")
	fmt.Fprintf(&w, "// numNodes is the number of nodes, the root (node 0) included.\nconst numNodes = %d\n\n", len(order))

	fmt.Fprintf(&w, "// text holds every label of the list (%d bytes).\nconst text = ", len(text))
	writeChunks(&w, text, 64, func(s string) string { return fmt.Sprintf("%q", s) })
	fmt.Fprintf(&w, "\n\n// nodes holds %d records of %d bytes.\nconst nodes = ", len(order), nodeBytes)
	writeChunks(&w, string(nodes), nodeBytes*8, func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for i := 0; i < len(s); i++ {
			fmt.Fprintf(&b, "\\x%02x", s[i])
		}
		b.WriteByte('"')
		return b.String()
	})
	fmt.Fprintf(&w, "\n\n// children holds, for each node with children, the index of its first\n// child << bitsChildCount | the number of children.\nvar children = [...]uint32{\n")
	for i, c := range children {
		if i%8 == 0 {
			w.WriteString("\t")
		}
		fmt.Fprintf(&w, "0x%07x,", c)
		if i%8 == 7 || i == len(children)-1 {
			w.WriteString("\n")
		} else {
			w.WriteString(" ")
		}
	}
	fmt.Fprintf(&w, "}\n")
	return format.Source(w.Bytes())
}

// writeChunks writes s as a sum of quoted chunks of at most n bytes.
func writeChunks(w *bytes.Buffer, s string, n int, quote func(string) string) {
	if s == "" {
		w.WriteString(`""`)
		return
	}
	for i := 0; i < len(s); i += n {
		j := min(i+n, len(s))
		if i > 0 {
			w.WriteString(" +\n\t")
		}
		w.WriteString(quote(s[i:j]))
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
