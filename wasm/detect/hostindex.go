package detect

import "strings"

// hostIndex maps hosts to the IDs of the patterns that name them. Exact hosts
// ("connect.facebook.net") are one map lookup; suffix patterns
// ("*.intercom.io", which also matches intercom.io itself) are found by
// looking up the host and each of its parent domains in a second map, so a
// lookup costs one probe per label whatever the number of patterns.
type hostIndex struct {
	exact  map[string][]int32
	suffix map[string][]int32
}

func newHostIndex() hostIndex {
	return hostIndex{exact: map[string][]int32{}, suffix: map[string][]int32{}}
}

// add indexes pattern id under a host pattern. It reports false for a
// pattern it cannot index: an empty host, or a "*" anywhere but a leading
// "*.".
func (x *hostIndex) add(hostPattern string, id int32) bool {
	h := strings.TrimSuffix(strings.ToLower(hostPattern), ".")
	if rest, ok := strings.CutPrefix(h, "*."); ok {
		if !validIndexHost(rest) {
			return false
		}
		x.suffix[rest] = append(x.suffix[rest], id)
		return true
	}
	if !validIndexHost(h) {
		return false
	}
	x.exact[h] = append(x.exact[h], id)
	return true
}

func validIndexHost(h string) bool {
	return h != "" && !strings.ContainsAny(h, "*/?#@ ") && !strings.HasPrefix(h, ".")
}

// lookup appends to dst the IDs of the patterns whose host matches host, a
// normalised host.
func (x *hostIndex) lookup(dst []int32, host string) []int32 {
	if len(x.exact) > 0 {
		dst = append(dst, x.exact[host]...)
	}
	if len(x.suffix) == 0 {
		return dst
	}
	for h := host; ; {
		dst = append(dst, x.suffix[h]...)
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return dst
		}
		h = h[i+1:]
	}
}

// walkDomains calls fn with host and each of its parent domains, longest
// first, until fn returns true. An IP address is only tried whole.
func walkDomains(host string, ip bool, fn func(d string) bool) {
	for h := host; h != ""; {
		if fn(h) || ip {
			return
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return
		}
		h = h[i+1:]
	}
}
