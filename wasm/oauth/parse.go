package oauth

import (
	"net/url"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// maxURLLength caps the length of a URL Parse looks at; real authorize URLs
// are well under 2 KB.
const maxURLLength = 8 << 10

// maxWrapDepth caps how many sign-in pages Parse unwraps to reach the
// authorize URL they carry (Google's ServiceLogin?continue= can carry an
// AccountChooser that carries the authorize URL).
const maxWrapDepth = 2

// clientIDParams are the names providers give the client identifier, in the
// order Parse looks for them.
var clientIDParams = []string{"client_id", "client_key", "appid", "app_id"}

// Parse recognises rawURL as an authorize URL of a known provider and parses
// it. ok is false for any other URL (including a lookalike host such as
// accounts.google.com.evil.io or a path that is not an authorize endpoint).
//
// Only http and https URLs on the exact hosts of the endpoint table match,
// on the scheme's default port; the host is compared case-insensitively and
// user information before the host is ignored (the browser would go to the
// host after it). Parse never panics and its work is bounded: URLs longer
// than 8 KB are refused and at most 200 scopes are kept.
func Parse(rawURL string) (req *Request, ok bool) {
	return parse(rawURL, nil, 0)
}

// parse parses rawURL, resolved against base when base is not nil (a wrapped
// URL may be relative to the sign-in page that carries it).
func parse(rawURL string, base *url.URL, depth int) (*Request, bool) {
	if len(rawURL) > maxURLLength {
		return nil, false
	}
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false
	}
	// ownHost: the host comes from rawURL itself, not from the page that
	// wraps it.
	ownHost := base == nil || u.Host != "" || u.Scheme != ""
	if base != nil {
		u = base.ResolveReference(u)
	}
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "https" && scheme != "http") || u.Opaque != "" {
		return nil, false
	}
	host, ok := normaliseHost(u, scheme)
	if !ok {
		return nil, false
	}
	e := lookup(host, u.Path)
	if e == nil {
		return nil, false
	}
	if ownHost && !browserAgrees(rawURL, host) {
		return nil, false
	}
	q := u.Query()
	if e.wrapper && !carriesRequest(q) {
		return unwrap(e, u, q, depth)
	}

	req := &Request{
		Provider:     e.provider,
		Endpoint:     scheme + "://" + host + u.EscapedPath(),
		ClientID:     firstParam(q, clientIDParams),
		ResponseType: q.Get("response_type"),
		Scopes:       []Scope{},
		Severity:     SeverityLow,
	}
	if r := q.Get("redirect_uri"); r != "" {
		req.RedirectURI = r
		req.RedirectHost, req.RedirectSite = redirectTarget(r)
	}
	req.Scopes = appendScopes(req.Scopes, e.provider, q.Get("scope"))
	if e.provider == "slack" {
		req.Scopes = appendScopes(req.Scopes, e.provider, q.Get("user_scope"))
	}
	for _, s := range req.Scopes {
		req.Severity = list.MaxSeverity(req.Severity, s.Severity)
	}
	req.Login = isLogin(e.provider, u.Path, q, req.Scopes)
	return req, true
}

// normaliseHost returns u's host in lower case without a trailing dot, and
// false when u names a port other than the scheme's default.
func normaliseHost(u *url.URL, scheme string) (string, bool) {
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", false
	}
	switch u.Port() {
	case "":
	case "443":
		if scheme != "https" {
			return "", false
		}
	case "80":
		if scheme != "http" {
			return "", false
		}
	default:
		return "", false
	}
	return host, true
}

// unwrap parses the authorize URL a sign-in page carries in one of its
// parameters. The result must belong to the same provider as the page.
func unwrap(e *endpoint, u *url.URL, q url.Values, depth int) (*Request, bool) {
	if depth >= maxWrapDepth {
		return nil, false
	}
	for _, p := range e.params {
		inner := q.Get(p)
		if inner == "" {
			continue
		}
		if req, ok := parse(inner, u, depth+1); ok && req.Provider == e.provider {
			return req, true
		}
	}
	return nil, false
}

// browserAgrees reports whether a browser would send rawURL to host too.
// net/url reads some URLs differently from the WHATWG URL standard the
// browser follows (backslashes, tabs, missing slashes); package domain reads
// the host the browser's way, and a URL the two parsers disagree on is not
// trusted to be the provider's.
func browserAgrees(rawURL, host string) bool {
	h, err := domain.HostOf(rawURL)
	return err == nil && h == host
}

// carriesRequest reports whether a sign-in page carries the authorize
// request in its own query: Google's sign-in pages copy client_id,
// redirect_uri and scope from the request they continue, and their continue
// URL may not carry the scopes.
func carriesRequest(q url.Values) bool {
	return q.Get("client_id") != "" && q.Get("redirect_uri") != ""
}

// firstParam returns the first non-empty value among names.
func firstParam(q url.Values, names []string) string {
	for _, n := range names {
		if v := q.Get(n); v != "" {
			return v
		}
	}
	return ""
}
