package detect

import (
	"net/url"
	"strings"
)

// queryReq is one compiled query requirement: "key" (present), "key=value"
// (equal) or "key=value*" (value prefix).
type queryReq struct {
	key    string
	value  string
	hasVal bool
	prefix bool
}

func compileQueryReq(s string) queryReq {
	key, value, hasVal := strings.Cut(s, "=")
	q := queryReq{key: key, value: value, hasVal: hasVal}
	if hasVal && strings.HasSuffix(value, "*") {
		q.prefix, q.value = true, strings.TrimSuffix(value, "*")
	}
	return q
}

// matchQuery reports whether the raw query meets every requirement. Keys and
// values are compared after percent-decoding; a key given several times
// meets a requirement when any of its values does.
func matchQuery(rawQuery string, reqs []queryReq) bool {
	for i := range reqs {
		if !reqs[i].met(rawQuery) {
			return false
		}
	}
	return true
}

func (q *queryReq) met(rawQuery string) bool {
	for rest := rawQuery; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if k != q.key && unescapeQuery(k) != q.key {
			continue
		}
		if !q.hasVal {
			return true
		}
		v = unescapeQuery(v)
		if q.prefix && strings.HasPrefix(v, q.value) || !q.prefix && v == q.value {
			return true
		}
	}
	return false
}

// unescapeQuery percent-decodes one query key or value ("+" is a space); a
// malformed escape leaves the text as it is.
func unescapeQuery(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	u, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return u
}
