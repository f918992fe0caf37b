package list

import (
	"errors"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// registrable checks that d is a registrable domain (eTLD+1) written in
// normal form, as package domain computes them: "spotify.com", not
// "open.spotify.com", "Spotify.com" or "co.uk". It reports whether d is one.
func (v *validator) registrable(p *path, d string) bool {
	norm, err := domain.Normalize(d)
	if err != nil {
		v.addf(p, "%q is not a domain name (%s)", d, domainReason(err))
		return false
	}
	if domain.IsIP(norm) {
		v.addf(p, "%q is an IP address, not a domain name", d)
		return false
	}
	if norm != d {
		v.addf(p, "%q is not in normal form; write %q", d, norm)
		return false
	}
	reg, err := domain.Registrable(d)
	if err != nil {
		v.addf(p, "%q is not a registrable domain (%s)", d, domainReason(err))
		return false
	}
	if reg != d {
		v.addf(p, "%q is not a registrable domain; write its registrable domain %q", d, reg)
		return false
	}
	return true
}

// isNormalHost reports whether host is already in the normal form of
// domain.Normalize.
func isNormalHost(host string) bool {
	norm, err := domain.Normalize(host)
	return err == nil && norm == host
}

// domainReason returns the reason of a package domain error without the
// repeated input.
func domainReason(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Reason
	}
	return err.Error()
}
