package oauth

import "strings"

// MaybeAuthorize is a cheap pre-check for Parse: it reports false when no
// URL with this host and path can be an authorize URL that Parse recognises,
// so that a caller reading thousands of links calls Parse only for the few
// that may be. host is the URL's host (any case, without port); path is its
// path as written in the URL, before "?" and "#", still percent-encoded.
//
// A true answer is not a promise: Parse still checks the scheme, the port,
// the query and how a browser reads the URL. MaybeAuthorize looks the host
// up in the endpoint table and matches the path against its endpoints' path
// patterns as Parse does; a path with a percent sign or a backslash, which
// Parse reads decoded or differently, always answers true when the host
// serves endpoints.
func MaybeAuthorize(host, path string) bool {
	if len(byHost[host]) == 0 {
		host = strings.ToLower(strings.TrimSuffix(host, "."))
		if len(byHost[host]) == 0 {
			return false
		}
	}
	if strings.ContainsAny(path, "%\\") {
		return true
	}
	return lookup(host, path) != nil
}
