package domain

import "strings"

// PublicSuffix returns the public suffix of a normalised host and whether it
// is in the ICANN section.
//
// The suffix comes from the longest matching rule of the Public Suffix List,
// private section included; an exception rule wins over every other rule; a
// host that no rule matches has its last label as suffix, with icann false
// ("corp.example.internal" gives "internal", false). An IP address or an
// empty host has no public suffix: PublicSuffix returns "", false.
func PublicSuffix(host string) (suffix string, icann bool) {
	if host == "" || IsIP(host) {
		return "", false
	}
	start, icann := lookup(host)
	return host[start:], icann
}

// Registrable returns the registrable domain (eTLD+1) of a normalised host
// per the Public Suffix List, private section included ("evil.github.io" ->
// "evil.github.io", "a.b.example.co.uk" -> "example.co.uk"). For an IP
// address it returns the IP. For a host that is itself a public suffix
// ("co.uk", "github.io") it returns an error, as it does for an empty host or
// one with empty labels (it does not otherwise check that host is
// normalised: pass it through Normalize or HostOf first).
func Registrable(host string) (string, error) {
	if host == "" {
		return "", errorf(host, "empty host")
	}
	if IsIP(host) {
		return host, nil
	}
	if host[0] == '.' || host[len(host)-1] == '.' || strings.Contains(host, "..") {
		return "", errorf(host, "empty label (not a normalised host)")
	}
	start, _ := lookup(host)
	if start == 0 {
		return "", errorf(host, "is a public suffix, which no one can register")
	}
	// Add the label before the suffix; host[start-1] is its dot.
	return host[strings.LastIndexByte(host[:start-1], '.')+1:], nil
}

// lookup finds the prevailing rule for a host with no empty labels and
// returns the byte offset in host where the public suffix starts and whether
// the rule is an ICANN one.
func lookup(host string) (start int, icann bool) {
	// The implicit rule "*": the last label.
	start = strings.LastIndexByte(host, '.') + 1
	n := uint32(0) // the root
	end := len(host)
	for {
		// The next label to the left of host[end:].
		dot := strings.LastIndexByte(host[:end], '.')
		label := host[dot+1 : end]
		if rec := node(n); rec.wildcard() {
			start, icann = dot+1, rec.wildICANN()
		}
		c, ok := findChild(n, label)
		if !ok {
			return start, icann
		}
		switch rec := node(c); rec.kind() {
		case kindNormal:
			start, icann = dot+1, rec.icann()
		case kindException:
			// The suffix is the exception rule minus its leftmost label.
			// The generator rejects one-label exceptions, so end < len(host).
			return end + 1, rec.icann()
		}
		if dot < 0 {
			return start, icann
		}
		n, end = c, dot
	}
}

// nodeRecord is one decoded node of the table (see internal/gen).
type nodeRecord uint64

// node decodes node i. It reads the five bytes of a record directly; the
// array length below stops the build if the generator changes the record
// size without this function following.
func node(i uint32) nodeRecord {
	var _ [nodeBytes - 5]struct{}
	var _ [5 - nodeBytes]struct{}
	r := nodes[i*nodeBytes : i*nodeBytes+nodeBytes]
	return nodeRecord(uint64(r[0])<<32 | uint64(r[1])<<24 | uint64(r[2])<<16 | uint64(r[3])<<8 | uint64(r[4]))
}

// Field offsets, counted from the least significant bit.
const (
	shiftWildICANN  = bitsChildren
	shiftWildcard   = shiftWildICANN + bitsWildICANN
	shiftICANN      = shiftWildcard + bitsWildcard
	shiftKind       = shiftICANN + bitsICANN
	shiftTextLength = shiftKind + bitsKind
	shiftTextOffset = shiftTextLength + bitsTextLength
)

func (r nodeRecord) field(shift, bits int) uint32 {
	return uint32(r>>shift) & (1<<bits - 1)
}

func (r nodeRecord) label() string {
	off := r.field(shiftTextOffset, bitsTextOffset)
	return text[off : off+r.field(shiftTextLength, bitsTextLength)]
}

func (r nodeRecord) kind() uint32       { return r.field(shiftKind, bitsKind) }
func (r nodeRecord) icann() bool        { return r.field(shiftICANN, bitsICANN) != 0 }
func (r nodeRecord) wildcard() bool     { return r.field(shiftWildcard, bitsWildcard) != 0 }
func (r nodeRecord) wildICANN() bool    { return r.field(shiftWildICANN, bitsWildICANN) != 0 }
func (r nodeRecord) childIndex() uint32 { return r.field(0, bitsChildren) }

// findChild binary-searches the children of node n for label.
func findChild(n uint32, label string) (uint32, bool) {
	ci := node(n).childIndex()
	if ci == 0 {
		return 0, false
	}
	c := children[ci-1]
	lo, hi := c>>bitsChildCount, c>>bitsChildCount+c&(1<<bitsChildCount-1)
	for lo < hi {
		mid := lo + (hi-lo)/2
		switch l := node(mid).label(); {
		case l == label:
			return mid, true
		case l < label:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}
