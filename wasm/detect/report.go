package detect

import (
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// Confidence levels of a finding.
const (
	ConfidenceLow    = "low"
	ConfidenceMedium = "medium"
	ConfidenceHigh   = "high"
)

// Report is what the engine says about one observation.
type Report struct {
	// URL is the observation's URL, normalised. It never leaves the browser.
	URL string `json:"url"`
	// Host is the page's normalised host.
	Host string `json:"host"`
	// Site is the page's registrable domain per the Public Suffix List
	// (private suffixes respected), or the host itself for IP addresses and
	// hosts without a registrable domain.
	Site string `json:"site"`
	// Findings are the widgets found, in a stable order (provider ID, then
	// widget ID). Never nil.
	Findings []Finding `json:"findings"`
	// Partner is the operator of Site, when the list names one.
	Partner *PartnerMatch `json:"partner,omitempty"`
	// ListVersion is the version of the list the report was made with.
	ListVersion int64 `json:"list_version"`
}

// Finding is one widget found on the page.
type Finding struct {
	Provider     string `json:"provider"`
	ProviderName string `json:"provider_name"`
	// Kind is list.KindLogin or list.KindMessaging.
	Kind       string `json:"kind"`
	Widget     string `json:"widget"`
	WidgetName string `json:"widget_name"`
	// Confidence is one of the Confidence constants.
	Confidence string `json:"confidence"`
	// Evidence lists the signals that fired, strongest first.
	Evidence []Evidence `json:"evidence"`
	// Anchor is the ref of the element to anchor a notice to, or -1.
	Anchor int `json:"anchor"`
	// OAuth is the parsed authorize request when a link, form, frame or
	// navigation to an authorize endpoint fired.
	OAuth *oauth.Request `json:"oauth,omitempty"`
	// Grants are indexes into Report.Partner.Grants of the grants whose
	// platform is this finding's provider. Never nil.
	Grants []int `json:"grants"`
	// Alert is true when Grants is not empty: the site's operator holds a
	// grant from this widget's platform.
	Alert bool `json:"alert"`
	// FedCM is true when the sign-in runs through the browser's FedCM
	// dialog (a FedCM API call naming the provider, or the widget's FedCM
	// flags set): its consent happens outside the page, where neither the
	// page nor the extension's consent-time inspection can read it.
	FedCM bool `json:"fedcm,omitempty"`
}

// Evidence is one signal that fired.
type Evidence struct {
	// Signal is the signal kind: script, frame, link, form, selector, call,
	// route, text, request, authorize.
	Signal string `json:"signal"`
	// Value is what matched: a URL, a selector, the call, the text.
	Value string `json:"value"`
	// Ref is the element's ref, or -1.
	Ref int `json:"ref"`
}

// PartnerMatch is the partner that operates the page's site.
type PartnerMatch struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Domain is the partner domain that matched the site.
	Domain string `json:"domain"`
	// Grants are all of the partner's grants, with permission labels and
	// severities resolved from the catalogue.
	Grants []GrantView `json:"grants"`
}

// GrantView is a grant with its permissions resolved for display.
type GrantView struct {
	list.Grant
	// Resolved are the grant's permissions with labels and severities, in the
	// grant's order.
	Resolved []list.Permission `json:"resolved"`
	// Severity is the highest severity among the permissions.
	Severity string `json:"severity"`
}
