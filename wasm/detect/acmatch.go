package detect

// acMatcher finds every occurrence of a set of needles in a text in one pass
// (Aho-Corasick). The automaton is a dense DFA over byte classes: bytes that
// occur in no needle share class 0, so the table stays small (states × the
// number of distinct needle bytes) and each text byte costs one table load.
type acMatcher struct {
	class    [256]uint8
	nclass   int
	next     []int32 // next[state*nclass+class]
	outStart []int32 // needles ending at state s: outs[outStart[s]:outStart[s+1]]
	outs     []int32
	lens     []int // needle lengths, by needle ID
}

// newACMatcher builds the automaton. Needle IDs are indexes into needles;
// empty needles never match. It returns nil when no needle is non-empty.
func newACMatcher(needles []string) *acMatcher {
	m := &acMatcher{lens: make([]int, len(needles))}
	// Byte classes.
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			if m.class[n[i]] == 0 {
				m.nclass++
				if m.nclass > 255 {
					panic("detect: too many byte classes")
				}
				m.class[n[i]] = uint8(m.nclass)
			}
		}
	}
	m.nclass++
	if m.nclass == 1 {
		return nil
	}
	// Trie: goto[state*nclass+class], -1 for none.
	type node struct{ out []int32 }
	nodes := []node{{}}
	gotoT := make([]int32, m.nclass)
	for i := range gotoT {
		gotoT[i] = -1
	}
	for id, n := range needles {
		m.lens[id] = len(n)
		if n == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := int32(m.class[n[i]])
			t := gotoT[int(s)*m.nclass+int(c)]
			if t < 0 {
				t = int32(len(nodes))
				nodes = append(nodes, node{})
				for j := 0; j < m.nclass; j++ {
					gotoT = append(gotoT, -1)
				}
				gotoT[int(s)*m.nclass+int(c)] = t
			}
			s = t
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	// Breadth-first: failure links, merged outputs, and the full DFA.
	fail := make([]int32, len(nodes))
	m.next = make([]int32, len(gotoT))
	queue := make([]int32, 0, len(nodes))
	for c := 0; c < m.nclass; c++ {
		t := gotoT[c]
		if t < 0 {
			m.next[c] = 0
			continue
		}
		m.next[c] = t
		fail[t] = 0
		queue = append(queue, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		nodes[s].out = append(nodes[s].out, nodes[fail[s]].out...)
		for c := 0; c < m.nclass; c++ {
			t := gotoT[int(s)*m.nclass+c]
			if t < 0 {
				m.next[int(s)*m.nclass+c] = m.next[int(fail[s])*m.nclass+c]
				continue
			}
			m.next[int(s)*m.nclass+c] = t
			fail[t] = m.next[int(fail[s])*m.nclass+c]
			queue = append(queue, t)
		}
	}
	m.outStart = make([]int32, len(nodes)+1)
	for s, n := range nodes {
		m.outStart[s] = int32(len(m.outs))
		m.outs = append(m.outs, n.out...)
	}
	m.outStart[len(nodes)] = int32(len(m.outs))
	return m
}

// scan calls fn for every occurrence of a needle in text, with the needle ID
// and the offset just past the occurrence. Occurrences are reported in order
// of their end offsets. A nil matcher finds nothing.
func (m *acMatcher) scan(text []byte, fn func(id int, end int)) {
	if m == nil {
		return
	}
	s := int32(0)
	nc := int32(m.nclass)
	for i := 0; i < len(text); i++ {
		s = m.next[s*nc+int32(m.class[text[i]])]
		if a, b := m.outStart[s], m.outStart[s+1]; a != b {
			for _, id := range m.outs[a:b] {
				fn(int(id), i+1)
			}
		}
	}
}

// scanString is scan over a string.
func (m *acMatcher) scanString(text string, fn func(id int, end int)) {
	if m == nil {
		return
	}
	s := int32(0)
	nc := int32(m.nclass)
	for i := 0; i < len(text); i++ {
		s = m.next[s*nc+int32(m.class[text[i]])]
		if a, b := m.outStart[s], m.outStart[s+1]; a != b {
			for _, id := range m.outs[a:b] {
				fn(int(id), i+1)
			}
		}
	}
}
