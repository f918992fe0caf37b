// Package oauth recognises OAuth 2.0 and OpenID Connect authorize URLs of the
// common identity providers and says, in plain words, what they ask for: the
// client, the site that receives the answer (from redirect_uri), and each
// requested scope with a label and a severity.
//
// This is what makes a warning precise at consent time: the URL of the consent
// screen says exactly which site asks for which access.
package oauth

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all oauth.go

// Request is a parsed authorize request.
type Request struct {
	// Provider is the provider ID (facebook, google, ...).
	Provider string `json:"provider"`
	// Endpoint is the authorize URL without its query.
	Endpoint string `json:"endpoint"`
	// ClientID is the client_id (or the provider's equivalent: app_id,
	// client_key, appid).
	ClientID string `json:"client_id,omitempty"`
	// RedirectURI is the redirect_uri as given.
	RedirectURI string `json:"redirect_uri,omitempty"`
	// RedirectHost is the redirect URI's normalised host.
	RedirectHost string `json:"redirect_host,omitempty"`
	// RedirectSite is the registrable domain of RedirectHost: the site that
	// receives the user's answer.
	RedirectSite string `json:"redirect_site,omitempty"`
	// ResponseType is the response_type.
	ResponseType string `json:"response_type,omitempty"`
	// Scopes are the requested scopes in request order. Never nil.
	Scopes []Scope `json:"scopes"`
	// Severity is the highest scope severity ("low" when no scope is given).
	Severity string `json:"severity"`
	// Login is false for requests that install an app or a bot rather than
	// sign a user in ("Add to Slack", a GitHub App installation).
	Login bool `json:"login"`
}

// Scope is one requested scope.
type Scope struct {
	// Name is the scope as requested, for example
	// "https://www.googleapis.com/auth/gmail.readonly".
	Name string `json:"name"`
	// Label is a plain-language description: "Read all your Gmail messages".
	Label string `json:"label"`
	// Severity is low, medium or high; unknown scopes are medium.
	Severity string `json:"severity"`
}
