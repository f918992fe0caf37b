package detect

// substringSet finds every occurrence of a set of case-sensitive needles in
// a text (Wu-Manber). It slides a window as long as the shortest needle and
// looks at the window's last three bytes: when no needle has those bytes
// within its first window-length bytes, the window jumps ahead by up to its
// whole length, so a script is read a few bytes in every window rather than
// byte by byte. SDK calls ("FB.login(", "google.accounts.id.initialize(") are
// several bytes long and rare in page scripts, which is the case this is
// fast for. Triples are hashed into a 4K table; a collision only shortens a
// jump, so it costs time, never a match.
type substringSet struct {
	needles []string
	window  int // length of the shortest needle of three bytes or more
	// shift[h] is how far the window may move when its last three bytes
	// hash to h.
	shift [hashSize]uint8
	// ends lists the needles whose first window bytes end with a triple of
	// hash h: ends[endIndex[h]-1] are the candidates when shift is 0.
	endIndex [hashSize]uint16
	ends     [][]int32
	// short are needles of one or two bytes, found by a plain loop.
	short []int32
}

// hashSize is the size of the triple hash tables: small enough that the
// shift table stays in the first-level cache.
const hashSize = 1 << 12

func tripleHash(a, b, c byte) uint16 {
	return (uint16(a)<<7 ^ uint16(b)<<4 ^ uint16(c)) & (hashSize - 1)
}

// newSubstringSet builds the set; empty needles never match. It returns nil
// when no needle is non-empty.
func newSubstringSet(needles []string) *substringSet {
	m := &substringSet{needles: needles, window: 255}
	any := false
	for id, n := range needles {
		switch {
		case n == "":
			continue
		case len(n) < 3:
			m.short = append(m.short, int32(id))
		default:
			m.window = min(m.window, len(n))
		}
		any = true
	}
	if !any {
		return nil
	}
	for i := range m.shift {
		m.shift[i] = uint8(m.window - 2)
	}
	for id, n := range needles {
		if len(n) < 3 {
			continue
		}
		// The triple ending at index j of the needle's first window bytes.
		for j := 2; j < m.window; j++ {
			h := tripleHash(n[j-2], n[j-1], n[j])
			if s := uint8(m.window - 1 - j); s < m.shift[h] {
				m.shift[h] = s
			}
		}
		last := tripleHash(n[m.window-3], n[m.window-2], n[m.window-1])
		if m.endIndex[last] == 0 {
			m.ends = append(m.ends, nil)
			m.endIndex[last] = uint16(len(m.ends))
		}
		m.ends[m.endIndex[last]-1] = append(m.ends[m.endIndex[last]-1], int32(id))
	}
	return m
}

// scan calls fn for every occurrence of a needle in text, with the needle ID
// and the offset just past the occurrence: the short needles' occurrences
// first, then the others in the order of their start offsets. A nil set
// finds nothing.
//
// Each window's jump depends on the bytes the previous jump led to, so one
// cursor leaves the processor waiting on its own loads. A long text is
// therefore read by two cursors at once, one over each half (by window
// start), whose chains of loads do not depend on each other; the second
// half's few occurrences are held back until the first half is done, so
// the order is the same as one cursor's.
func (m *substringSet) scan(text string, fn func(id int, end int)) {
	if m == nil {
		return
	}
	for _, id := range m.short {
		n := m.needles[id]
		for i := 0; i+len(n) <= len(text); i++ {
			if text[i:i+len(n)] == n {
				fn(int(id), i+len(n))
			}
		}
	}
	if len(m.ends) == 0 {
		return
	}
	w := m.window
	if len(text) < twoCursorBytes {
		m.scanRange(text, w-1, len(text), fn)
		return
	}
	// Window positions (of a window's last byte) below half are the first
	// cursor's, so that a window starts before mid exactly when the first
	// cursor reads it.
	half := len(text)/2 + w - 1
	a, b := w-1, half
	var held [8]setHit
	later := held[:0]
	for a < half && b < len(text) {
		ha := tripleHash(text[a-2], text[a-1], text[a])
		hb := tripleHash(text[b-2], text[b-1], text[b])
		sa, sb := int(m.shift[ha]), int(m.shift[hb])
		if sa == 0 {
			m.confirm(text, a, ha, fn)
			sa = 1
		}
		if sb == 0 {
			m.confirm(text, b, hb, func(id, end int) { later = append(later, setHit{id, end}) })
			sb = 1
		}
		a += sa
		b += sb
	}
	m.scanRange(text, a, half, fn)
	for _, h := range later {
		fn(h.id, h.end)
	}
	m.scanRange(text, b, len(text), fn)
}

// twoCursorBytes is the shortest text scan reads with two cursors.
const twoCursorBytes = 256

// setHit is an occurrence held back by scan.
type setHit struct{ id, end int }

// scanRange runs one cursor over the window positions [from, to) (the
// offset of a window's last byte).
func (m *substringSet) scanRange(text string, from, to int, fn func(id int, end int)) {
	for pos := from; pos < to; {
		h := tripleHash(text[pos-2], text[pos-1], text[pos])
		if s := m.shift[h]; s > 0 {
			pos += int(s)
			continue
		}
		m.confirm(text, pos, h, fn)
		pos++
	}
}

// confirm compares the needles that may end a window at pos, whose last
// triple hashes to h, with the text.
func (m *substringSet) confirm(text string, pos int, h uint16, fn func(id int, end int)) {
	start := pos - m.window + 1
	for _, id := range m.ends[m.endIndex[h]-1] {
		n := m.needles[id]
		if start+len(n) <= len(text) && text[start:start+len(n)] == n {
			fn(int(id), start+len(n))
		}
	}
}
