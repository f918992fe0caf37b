package detect

import "github.com/partnerwatch/partnerwatch/wasm/domain"

// hostEntry is what the engine knows about one host of a page: the patterns
// that name it, and whether it serves authorize endpoints.
type hostEntry struct {
	host  string
	ids   []int32
	oauth bool
	// provider is a provider whose own domain the host is on, -1 for none,
	// -2 until the control recogniser first asks (run.hrefProvider).
	provider int32
}

// hostCache resolves the authorities of one page's URLs to host entries.
// A page has thousands of URLs but a few dozen hosts: each authority is
// normalised and looked up in the engine's indexes once, and the last URL's
// prefix ("https://host") is remembered, so that a run of links to one host
// costs one string comparison each.
type hostCache struct {
	e        *Engine
	byAuth   map[string]*hostEntry
	page     *hostEntry // the page's own host, for root-relative URLs
	prefix   string     // the last URL up to the end of its authority
	last     *hostEntry // that URL's entry
	pageHost string
}

func newHostCache(e *Engine, pageHost string) hostCache {
	return hostCache{e: e, pageHost: pageHost}
}

// resolve returns the entry of raw's host and what follows its authority;
// false for URLs that are not http(s) or whose host does not normalise.
// Root-relative URLs ("/auth/google") belong to the page's host.
func (c *hostCache) resolve(raw string) (*hostEntry, string, bool) {
	if len(raw) > 0 && raw[0] == '/' && (len(raw) == 1 || raw[1] != '/') {
		if c.page == nil {
			c.page = c.entry(c.pageHost, c.pageHost)
		}
		return c.page, raw, c.page != nil
	}
	if c.last != nil && len(c.prefix) < len(raw) && raw[:len(c.prefix)] == c.prefix {
		if b := raw[len(c.prefix)]; b == '/' || b == '?' || b == '#' || b == '\\' {
			return c.last, raw[len(c.prefix):], true
		}
	}
	authority, rest, ok := splitAuthority(raw)
	if !ok {
		return nil, "", false
	}
	en, ok := c.byAuth[authority]
	if !ok {
		en = c.entry(authority, "")
		if c.byAuth == nil {
			c.byAuth = map[string]*hostEntry{}
		}
		c.byAuth[authority] = en
	}
	if en == nil {
		return nil, "", false
	}
	c.prefix, c.last = raw[:len(raw)-len(rest)], en
	return en, rest, true
}

// entry normalises an authority (host is its normalised host, when known)
// and looks it up; nil when it does not normalise.
func (c *hostCache) entry(authority, host string) *hostEntry {
	if host == "" {
		h, err := domain.Normalize(authority)
		if err != nil || h == "" {
			return nil
		}
		host = h
	}
	en := &hostEntry{host: host, provider: -2}
	en.ids = c.e.hosts.lookup(nil, host)
	var one [1]int32
	en.oauth = len(c.e.oauthHosts.lookup(one[:0], host)) > 0
	return en
}
