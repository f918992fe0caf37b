package list

import "strconv"

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

// String formats the path.
func (p *path) String() string {
	if p == nil {
		return ""
	}
	s := p.parent.String()
	if p.field != "" {
		if s != "" {
			s += "."
		}
		s += p.field
	}
	if p.index >= 0 {
		s += "[" + strconv.Itoa(p.index) + "]"
	}
	return s
}
