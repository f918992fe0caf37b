package detect

import "sort"

// acMatcher finds every occurrence of a set of needles in a text in one pass
// (Aho-Corasick), so the cost of a scan depends on the text's length, not on
// the number of needles.
//
// The automaton is a dense DFA over a few dozen byte classes rather than 256
// bytes: letters fold to one class per letter, digits share a class, and the
// remaining bytes (punctuation, the bytes of non-ASCII runes) share a handful
// of classes. The table stays small (states × acClasses), and its hot rows —
// states are numbered breadth first, so shallow states come first — stay in
// cache. Because classes are lossy, the automaton finds candidates and each
// candidate is confirmed by comparing the needle's bytes; candidates are
// rare, so confirming costs little.
type acMatcher struct {
	next     []int32 // next[row+class] is the row offset (state*acClasses) of the next state
	firstOut int32   // row offset of the first state where a needle ends
	outStart []int32 // candidates ending at state s: outs[outStart[s]:outStart[s+1]]
	outs     []int32
	needles  []string
	lens     []int // needle lengths, by needle ID
	// firstClass2 holds the byte class pairs needles start with (a
	// one-byte needle adds every pair it starts); foldPair2 spreads it over
	// raw byte pairs as mayMatchFolded reads them (white space as a space;
	// pairs with a non-ASCII byte always in).
	firstClass2 [acClasses * acClasses]bool
	foldPair2   pairSet
	// start3 holds the byte class triples needles start with, as
	// mayMatchFolded reads raw text (foldClass): a finer check of the
	// candidates foldPair2 lets through.
	start3 tripleSet
	// shallowEnd is the row offset of the first state two or more bytes
	// deep: states are numbered breadth first, so the root and the states
	// one byte into a needle come before it (states where a needle ends
	// aside, which come last).
	shallowEnd int32
}

// tripleSet is a bit set of byte class triples. As an array, indexing it
// with a triple needs no bounds check.
type tripleSet [acClasses * acClasses * acClasses / 64]uint64

func (ts *tripleSet) add(c0, c1, c2 uint8) {
	k := (uint(c0)*acClasses+uint(c1))*acClasses + uint(c2)
	ts[k>>6] |= 1 << (k & 63)
}

// has reports whether text[i:i+3], read as foldClass classes, is in the
// set; true near the end of the text, where fewer than three bytes are
// left.
func (ts *tripleSet) has(text string, i int) bool {
	if i+2 >= len(text) {
		return true
	}
	k := (uint(foldClass[text[i]])*acClasses+uint(foldClass[text[i+1]]))*acClasses + uint(foldClass[text[i+2]])
	return ts[k>>6]&(1<<(k&63)) != 0
}

// pairSet is a bit set of byte pairs. As an array, indexing it with a pair
// needs no bounds check.
type pairSet [1 << 16 / 64]uint64

func (ps *pairSet) add(b0, b1 int) {
	pair := uint(b0)<<8 | uint(b1)
	ps[pair>>6] |= 1 << (pair & 63)
}

// skip returns the first i' >= i at which the pair text[i'], text[i'+1] is
// in the set, or len(text)-1 when none is (the last byte has no pair).
func (ps *pairSet) skip(text string, i int) int {
	if i+1 >= len(text) {
		return i
	}
	// Each byte is loaded once and carried over as the next pair's first.
	b0 := uint(text[i])
	for j := i + 1; j < len(text); j++ {
		b1 := uint(text[j])
		pair := b0<<8 | b1
		if ps[pair>>6]&(1<<(pair&63)) != 0 {
			return j - 1
		}
		b0 = b1
	}
	return len(text) - 1
}

// acClasses is the number of byte classes.
const acClasses = 44

// acWide is the class foldClass gives every non-ASCII byte.
const acWide = 43

// foldClass is the byte class table as mayMatchFolded reads raw text: white
// space bytes as a space, and every non-ASCII byte as acWide, whose
// triples are all in start3.
var foldClass = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case b >= 0x80:
			t[b] = acWide
		case asciiSpace[b]:
			t[b] = acClass[' ']
		default:
			t[b] = acClass[b]
		}
	}
	return t
}()

// acClass is the byte class table: 1-26 letters (either case), 27 digits,
// 28 space, 29 ".", 30 "(", 31-34 other ASCII, 35-42 non-ASCII bytes. Class
// 0 and 43 (acWide, for foldClass) are unused.
var acClass = func() (t [256]uint8) {
	for b := 0; b < 256; b++ {
		c := byte(b)
		switch {
		case 'a' <= c && c <= 'z':
			t[b] = 1 + c - 'a'
		case 'A' <= c && c <= 'Z':
			t[b] = 1 + c - 'A'
		case '0' <= c && c <= '9':
			t[b] = 27
		case c == ' ':
			t[b] = 28
		case c == '.':
			t[b] = 29
		case c == '(':
			t[b] = 30
		case c < 0x80:
			t[b] = 31 + c%4
		default:
			t[b] = 35 + c%8
		}
	}
	return t
}()

// newACMatcher builds the automaton. Needle IDs are indexes into needles;
// empty needles never match. It returns nil when no needle is non-empty.
func newACMatcher(needles []string) *acMatcher {
	m := &acMatcher{needles: needles, lens: make([]int, len(needles))}
	// The trie over byte classes, built from the needles sorted as class
	// strings: each needle shares a prefix with the one before it and adds
	// a state for each class after that prefix, so no edge is ever looked
	// up and children are created in class order. Its tables are allocated
	// once, at their exact size: inside WebAssembly, allocating, growing,
	// clearing and collecting memory was most of a list's compile time
	// (a dense trie table of states × classes was 1.2 MB of it).
	keys, ids := classKeys(needles)
	states := 1
	for k := range keys {
		states += len(keys[k]) - sharedPrefix(keys, k)
	}
	out := make([][]int32, 1, states)
	depth := make([]int, 1, states)    // by trie state
	parent := make([]int32, 1, states) // by trie state: the state it is a child of
	class := make([]uint8, 1, states)  // by trie state: the class of the edge into it
	path := make([]int32, 1, 64)       // the states along the previous key; path[0] is the root
	for k, key := range keys {
		shared := sharedPrefix(keys, k)
		path = path[:shared+1]
		for i := shared; i < len(key); i++ {
			t := int32(len(out))
			out = append(out, nil)
			depth = append(depth, i+1)
			parent = append(parent, path[i])
			class = append(class, key[i])
			path = append(path, t)
		}
		end := path[len(key)]
		out[end] = append(out[end], ids[k])
	}
	for id, n := range needles {
		m.lens[id] = len(n)
		if n != "" {
			m.markFirst(n)
		}
	}
	if len(out) == 1 {
		return nil
	}
	// The children of each state in class order (the order they were
	// created in), as one array (kids) cut by kidStart: the loops below
	// visit the edges that exist instead of every class of every state.
	kidStart := make([]int32, len(out)+1)
	for t := 1; t < len(out); t++ {
		kidStart[parent[t]+1]++
	}
	for s := range out {
		kidStart[s+1] += kidStart[s]
	}
	kids := make([]int32, len(out)-1)
	fill := append([]int32(nil), kidStart[:len(out)]...)
	for t := 1; t < len(out); t++ {
		p := parent[t]
		kids[fill[p]] = int32(t)
		fill[p]++
	}
	// child returns the child of state s along class c, 0 for none.
	child := func(s int32, c uint8) int32 {
		for _, t := range kids[kidStart[s]:kidStart[s+1]] {
			if class[t] == c {
				return t
			}
		}
		return 0
	}
	// Number states breadth first, except that states where a needle ends
	// come last: the scan then tests "s >= m.firstOut" instead of loading
	// the output table at every byte.
	order := make([]int32, 0, len(out)) // breadth-first order of trie states
	order = append(order, 0)
	for i := 0; i < len(order); i++ {
		s := order[i]
		order = append(order, kids[kidStart[s]:kidStart[s+1]]...)
	}
	// Failure links and merged outputs, in breadth-first order, on trie
	// states.
	fail := make([]int32, len(out))
	for _, s := range order {
		for _, t := range kids[kidStart[s]:kidStart[s+1]] {
			c := class[t]
			if s != 0 {
				f := fail[s]
				for f != 0 && child(f, c) == 0 {
					f = fail[f]
				}
				fail[t] = child(f, c)
			}
			out[t] = append(out[t], out[fail[t]]...)
		}
	}
	renum := make([]int32, len(out)) // trie state -> row offset
	rows := int32(0)
	for pass := 0; pass < 2; pass++ {
		if pass == 1 {
			m.firstOut = rows * acClasses
		}
		for _, s := range order {
			if (len(out[s]) > 0) == (pass == 1) {
				renum[s] = rows * acClasses
				rows++
			}
		}
	}
	// The full transition table, on row offsets: a state's row is its
	// failure link's row (computed before it in breadth-first order) with
	// its own edges written over it; the root's missing edges stay 0, the
	// root's row.
	m.next = make([]int32, len(out)*acClasses)
	for _, s := range order {
		row := renum[s]
		if s != 0 {
			f := renum[fail[s]]
			copy(m.next[row:row+acClasses], m.next[f:f+acClasses])
		}
		for _, t := range kids[kidStart[s]:kidStart[s+1]] {
			m.next[row+int32(class[t])] = renum[t]
		}
	}
	m.shallowEnd = m.firstOut
	for _, s := range order {
		if depth[s] >= 2 && len(out[s]) == 0 {
			m.shallowEnd = renum[s]
			break
		}
	}
	m.outStart = make([]int32, len(out)+1)
	for i := range m.outStart[:len(out)] {
		m.outStart[i] = -1
	}
	outRows := make([][]int32, len(out))
	for _, s := range order {
		outRows[renum[s]/acClasses] = out[s]
	}
	for r, o := range outRows {
		m.outStart[r] = int32(len(m.outs))
		m.outs = append(m.outs, o...)
	}
	m.outStart[len(out)] = int32(len(m.outs))
	// A pair with a non-ASCII byte is always in; a pair of ASCII bytes is
	// in when its classes start a needle (white space read as a space,
	// and never after white space). The ASCII half of a row depends only
	// on the first byte's class, so it is worked out once per class: 256
	// rows of 256 pairs one by one were a visible part of a list's compile
	// time inside WebAssembly.
	var asciiHalf [acClasses]*[2]uint64
	for b0 := range 256 {
		w := m.foldPair2[b0*4 : b0*4+4]
		w[2], w[3] = ^uint64(0), ^uint64(0) // the second byte is not ASCII
		switch {
		case b0 >= 0x80:
			w[0], w[1] = ^uint64(0), ^uint64(0)
			continue
		case asciiSpace[b0]:
			continue
		}
		c0 := acClass[b0]
		h := asciiHalf[c0]
		if h == nil {
			h = new([2]uint64)
			for b1 := range 0x80 {
				c1 := byte(b1)
				if asciiSpace[c1] {
					c1 = ' '
				}
				if m.firstClass2[int(c0)*acClasses+int(acClass[c1])] {
					h[b1>>6] |= 1 << (b1 & 63)
				}
			}
			asciiHalf[c0] = h
		}
		w[0], w[1] = h[0], h[1]
	}
	// Every triple with a non-ASCII byte is a candidate: mayMatchFolded
	// answers true when it reads one.
	for x := range uint8(acClasses) {
		for y := range uint8(acClasses) {
			m.start3.add(acWide, x, y)
			m.start3.add(x, acWide, y)
			m.start3.add(x, y, acWide)
		}
	}
	return m
}

// classKeys returns the non-empty needles as class strings (acClass of
// each byte), sorted, with the needle ID of each; equal keys keep the
// needles' order.
func classKeys(needles []string) (keys [][]uint8, ids []int32) {
	total := 0
	for _, n := range needles {
		total += len(n)
	}
	buf := make([]uint8, total)
	for id, n := range needles {
		if n == "" {
			continue
		}
		k := buf[:len(n):len(n)]
		buf = buf[len(n):]
		for i := 0; i < len(n); i++ {
			k[i] = acClass[n[i]]
		}
		keys = append(keys, k)
		ids = append(ids, int32(id))
	}
	sort.Stable(byKey{keys, ids})
	return keys, ids
}

// byKey sorts class keys and their needle IDs together.
type byKey struct {
	keys [][]uint8
	ids  []int32
}

func (b byKey) Len() int           { return len(b.keys) }
func (b byKey) Less(i, j int) bool { return string(b.keys[i]) < string(b.keys[j]) }
func (b byKey) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.ids[i], b.ids[j] = b.ids[j], b.ids[i]
}

// sharedPrefix returns how many classes keys[k] shares with keys[k-1] (0
// for the first key).
func sharedPrefix(keys [][]uint8, k int) int {
	if k == 0 {
		return 0
	}
	a, b := keys[k], keys[k-1]
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// markFirst records how needle n starts: its first two classes in
// firstClass2, its first three in start3. A needle shorter than that adds
// every pair or triple it starts; a needle whose second byte is a space
// also adds its first byte followed by two spaces, as a run of white space
// in raw text reads.
func (m *acMatcher) markFirst(n string) {
	c0 := acClass[n[0]]
	if len(n) == 1 {
		for x := range uint8(acClasses) {
			m.firstClass2[int(c0)*acClasses+int(x)] = true
			for y := range uint8(acClasses) {
				m.start3.add(c0, x, y)
			}
		}
		return
	}
	c1 := acClass[n[1]]
	m.firstClass2[int(c0)*acClasses+int(c1)] = true
	if len(n) == 2 {
		for x := range uint8(acClasses) {
			m.start3.add(c0, c1, x)
		}
		return
	}
	m.start3.add(c0, c1, acClass[n[2]])
	if n[1] == ' ' {
		m.start3.add(c0, c1, c1)
	}
}

// scan calls fn for every occurrence of a needle in text, with the needle ID
// and the offset just past the occurrence. Occurrences are reported in order
// of their end offsets. A nil matcher finds nothing.
func (m *acMatcher) scan(text []byte, fn func(id int, end int)) {
	if m == nil {
		return
	}
	next, firstOut := m.next, m.firstOut
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = next[s+int32(acClass[text[i]])]
		if s >= firstOut {
			r := s / acClasses
			a, b := m.outStart[r], m.outStart[r+1]
			for _, id := range m.outs[a:b] {
				if end := i + 1; string(text[end-m.lens[id]:end]) == m.needles[id] {
					fn(int(id), end)
				}
			}
		}
	}
}

// mayMatchFolded reports whether text may contain a needle once normalised
// (appendNormText), reading the raw text once: ASCII letters already share
// a class across cases, white space bytes read as a space, and a run of
// white space as one. It answers true for any text with a non-ASCII byte,
// whose case folding the classes cannot model. A false answer is exact; a
// true one must be confirmed on the normalised text.
//
// The automaton runs only where a needle may be under way. At the start
// state the byte pair filter skips to where a needle may start (the byte
// and the next one, folded, are a needle's first two; needles start with
// no space, so nothing here depends on whether white space came before),
// and the triple filter (start3) then drops most of those candidates. When
// the automaton falls back to a state one byte deep, the only needle it can
// be reading started at that byte, so unless that byte and the next two
// are how a needle starts it returns to the start state and skips again.
// Most of a text is thus read by the skip loop, whose loads do not depend
// on each other, rather than by the automaton, whose every step waits for
// the previous one.
func (m *acMatcher) mayMatchFolded(text string) bool {
	if m == nil {
		return false
	}
	next, firstOut, shallowEnd := m.next, m.firstOut, m.shallowEnd
	s := int32(0)
	space := true // at the start, as after a space: leading white space is dropped
	fold, start := &m.foldPair2, &m.start3
	for i := 0; i < len(text); i++ {
		if s == 0 {
			i = fold.skip(text, i)
			for !start.has(text, i) {
				if i = fold.skip(text, i+1); i >= len(text) {
					return false
				}
			}
		}
		c := text[i]
		if c >= 0x80 {
			return true
		}
		if asciiSpace[c] {
			if space {
				continue
			}
			space, c = true, ' '
		} else {
			space = false
		}
		s = next[s+int32(acClass[c])]
		if s >= firstOut {
			return true
		}
		if s < shallowEnd && s != 0 && !start.has(text, i) {
			s = 0
		}
	}
	return false
}

// asciiSpace marks the ASCII white space bytes appendNormText folds.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}
