package list

import (
	"strconv"
	"strings"
)

// path is a JSON path such as partners[3].grants[0].sources[1].url, built
// as a chain of steps and formatted only when a problem is reported, so that
// validating a valid list allocates no strings.
type path struct {
	parent *path
	field  string // field name; empty for a bare index step
	index  int    // array index, or -1 for a field without one
}

// at returns the step field[index] below p.
func (p *path) at(field string, index int) path {
	return path{parent: p, field: field, index: index}
}

// dot returns the step field below p.
func (p *path) dot(field string) path {
	return path{parent: p, field: field, index: -1}
}

// String formats the path. It neither recurses nor stores step pointers,
// because escape analysis would then treat every step as escaping and move
// each path value of a validation to the heap; paths are a few steps deep,
// so walking the chain once per step is cheap.
func (p *path) String() string {
	depth := 0
	for q := p; q != nil; q = q.parent {
		depth++
	}
	var b strings.Builder
	for d := depth - 1; d >= 0; d-- {
		q := p
		for range d {
			q = q.parent
		}
		if q.field != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(q.field)
		}
		if q.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(q.index))
			b.WriteByte(']')
		}
	}
	return b.String()
}
