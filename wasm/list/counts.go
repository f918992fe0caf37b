package list

import (
	"fmt"
	"sort"
	"strings"
)

// Counts summarises the claims of a list for maintainers: how many grants,
// and how many of them, their sources and their responses fall under each
// kind. listctl lint prints it.
type Counts struct {
	Partners  int
	Grants    int
	Evidence  map[string]int // grants by Evidence
	Access    map[string]int // grants by Access.State
	Sources   map[string]int // sources by Kind
	Responses map[string]int // responses by Kind
}

// Count tallies the claims of l.
func (l *List) Count() Counts {
	c := Counts{
		Partners: len(l.Partners),
		Evidence: map[string]int{}, Access: map[string]int{},
		Sources: map[string]int{}, Responses: map[string]int{},
	}
	for i := range l.Partners {
		for j := range l.Partners[i].Grants {
			g := &l.Partners[i].Grants[j]
			c.Grants++
			c.Evidence[g.Evidence]++
			c.Access[g.Access.State]++
			for k := range g.Sources {
				c.Sources[g.Sources[k].Kind]++
			}
			for k := range g.Responses {
				c.Responses[g.Responses[k].Kind]++
			}
		}
	}
	return c
}

// String formats the counts on four lines, each kind with its number, in
// name order: "grants: 3 (evidence: confirmed-by-platform 2, ...)".
func (c Counts) String() string {
	return fmt.Sprintf("partners: %d, grants: %d\nevidence: %s\naccess: %s\nsources: %s\nresponses: %s",
		c.Partners, c.Grants, tally(c.Evidence), tally(c.Access), tally(c.Sources), tally(c.Responses))
}

// tally formats a count map as "a 1, b 2", or "none".
func tally(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
