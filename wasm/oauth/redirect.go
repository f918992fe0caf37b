package oauth

import "github.com/partnerwatch/partnerwatch/wasm/domain"

// redirectTarget returns the normalised host of a redirect URI and its
// registrable domain: the site that receives the user's answer. Either is
// empty when the URI has no usable host (a custom scheme such as
// com.example.app:/callback, or an IP address for the site).
func redirectTarget(uri string) (host, site string) {
	host, err := domain.HostOf(uri)
	if err != nil || host == "" {
		return "", ""
	}
	site, err = domain.Registrable(host)
	if err != nil {
		return host, ""
	}
	return host, site
}
