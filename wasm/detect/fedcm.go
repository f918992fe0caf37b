package detect

import (
	"net/url"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
)

// fedcmFlag is one FedCM configuration flag of a widget (list
// Signals.FedCM), with the data attribute that sets it in markup.
type fedcmFlag struct {
	widget int32
	flag   string
	attr   string
}

// fedcm finds sign-ins that run through the browser's FedCM dialog, after
// every other signal:
//
//   - A FedCM API call: an inline script that calls credentials.get( and
//     names an identity provider's configURL on a login provider's domain
//     fires that provider's login (evidence "fedcm", the config URL).
//   - A widget's FedCM flags: when the widget fired, an inline script that
//     sets a flag to true (use_fedcm_for_prompt: true, or !0 as minifiers
//     write it) or an observed element with data-<flag>="true" marks it.
//
// Either marks the finding FedCM.
func (r *run) fedcm(o *Observation) {
	for _, text := range o.Inline {
		if !strings.Contains(text, "credentials.get(") {
			continue
		}
		for rest := text; ; {
			i := strings.Index(rest, "configURL")
			if i < 0 {
				break
			}
			rest = rest[i+len("configURL"):]
			v, ok := assigned(rest)
			if !ok {
				continue
			}
			if pi := r.fedcmProvider(v); pi >= 0 {
				a := r.authAcc(r.e.providers[pi].id)
				r.addTo(a, sigCall, false, evFedCM, v, -1)
				a.fedcm = true
			}
		}
	}
	for _, ff := range r.e.fedcmFlags {
		i := r.accByW[ff.widget]
		if i < 0 || !r.accs[i].fired() {
			continue
		}
		if ref, ok := flagSet(o, ff); ok {
			a := r.accs[i]
			r.addTo(a, sigCall, false, evFedCM, ff.flag+"=true", ref)
			a.fedcm = true
		}
	}
}

// fedcmProvider returns the login provider whose domain an https config
// URL is on, or -1.
func (r *run) fedcmProvider(raw string) int32 {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		return -1
	}
	host, err := domain.Normalize(u.Hostname())
	if err != nil || host == "" {
		return -1
	}
	found := int32(-1)
	walkDomains(host, false, func(d string) bool {
		for _, p := range r.e.providerDomains[d] {
			if r.e.providers[p].login >= 0 {
				found = p
				return true
			}
		}
		return false
	})
	return found
}

// flagSet tells whether the observation sets a FedCM flag to true, and the
// ref of the element that does (-1 for a script).
func flagSet(o *Observation, ff fedcmFlag) (int, bool) {
	for i := range o.Elements {
		el := &o.Elements[i]
		if v, ok := el.Attrs.Lookup(ff.attr); ok && strings.EqualFold(strings.TrimSpace(v), "true") {
			return el.Ref, true
		}
	}
	for _, text := range o.Inline {
		for rest := text; ; {
			i := strings.Index(rest, ff.flag)
			if i < 0 {
				break
			}
			rest = rest[i+len(ff.flag):]
			if v, ok := assigned(rest); ok && (v == "true" || v == "!0") {
				return -1, true
			}
		}
	}
	return 0, false
}

// assigned reads the value assigned right after a property name in script
// text: an optional closing quote of the name, white space, ":" or "=",
// white space, then a quoted string (its contents) or a bare word up to a
// delimiter. It answers false when no assignment follows.
func assigned(s string) (string, bool) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		s = s[1:]
	}
	s = strings.TrimLeft(s, " \t\r\n")
	if s == "" || s[0] != ':' && s[0] != '=' {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t\r\n")
	if s == "" {
		return "", false
	}
	if q := s[0]; q == '"' || q == '\'' || q == '`' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return "", false
		}
		return s[1 : 1+end], true
	}
	end := strings.IndexAny(s, ",;}) \t\r\n")
	if end < 0 {
		end = len(s)
	}
	return s[:end], end > 0
}
