//go:build !js

package domain

import (
	"testing"

	"golang.org/x/net/publicsuffix"
)

// This host-only file cross-checks Registrable and PublicSuffix against
// golang.org/x/net/publicsuffix. That package embeds its own copy of the list,
// newer than Debian's, so the two may disagree where the lists differ. A
// difference is accepted only when it is explained by the lists: x/net lacks
// the suffix this package found, or this package lacks the one x/net found.
// Any other difference is a bug in one of the two lookups.

func TestAgainstXNetPublicSuffix(t *testing.T) {
	rules := refList(t)
	hosts := refHosts(rules)
	var same, explained, sections int
	for _, h := range hosts {
		mine, mineICANN := PublicSuffix(h)
		theirs, theirsICANN := publicsuffix.PublicSuffix(h)
		if mine == theirs && mineICANN == theirsICANN {
			same++
			// Same suffix: the eTLD+1 computations must agree too.
			got, err := Registrable(h)
			want, xerr := publicsuffix.EffectiveTLDPlusOne(h)
			if got != want || (err == nil) != (xerr == nil) {
				t.Errorf("%q: Registrable = %q, %v; x/net EffectiveTLDPlusOne = %q, %v", h, got, err, want, xerr)
			}
			continue
		}
		xHasMine, _ := publicsuffix.PublicSuffix(mine)
		mineHasTheirs, _ := PublicSuffix(theirs)
		if xHasMine != mine || mineHasTheirs != theirs {
			explained++
			if explained <= 10 {
				t.Logf("list difference: %q: ours %q (icann %v), x/net %q (icann %v)", h, mine, mineICANN, theirs, theirsICANN)
			}
			continue
		}
		if mine == theirs {
			// Same suffix, different section: a rule moved between
			// sections, or one list knows the TLD and the other falls back
			// to the implicit rule "*", which is never ICANN.
			sections++
			if sections <= 5 {
				t.Logf("section difference: %q: ours %q (icann %v), x/net icann %v", h, mine, mineICANN, theirsICANN)
			}
			continue
		}
		t.Errorf("%q: PublicSuffix = %q, %v; x/net = %q, %v; both lists hold both suffixes", h, mine, mineICANN, theirs, theirsICANN)
	}
	t.Logf("%d hosts: %d agree, %d differ because the lists differ, %d only in the section", len(hosts), same, explained, sections)
	if same < len(hosts)*9/10 {
		t.Errorf("only %d of %d hosts agree with x/net: is the table broken?", same, len(hosts))
	}
}
