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
// and the offset just past the occurrence. A nil set finds nothing.
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
	for pos := w - 1; pos < len(text); {
		h := tripleHash(text[pos-2], text[pos-1], text[pos])
		if s := m.shift[h]; s > 0 {
			pos += int(s)
			continue
		}
		start := pos - w + 1
		for _, id := range m.ends[m.endIndex[h]-1] {
			n := m.needles[id]
			if start+len(n) <= len(text) && text[start:start+len(n)] == n {
				fn(int(id), start+len(n))
			}
		}
		pos++
	}
}
