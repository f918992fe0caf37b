// Package list defines PartnerWatch's list: one signed document that carries
// both the detection rules (which platform, which widget, which signals reveal
// it) and the partner grants (which site operator was granted which access to
// users' data by which platform, when, and who says so).
//
// A list travels as a signed envelope (see envelope.go): the exact payload
// bytes, base64-encoded, with detached Ed25519 signatures. Clients check the
// size, then the signature, and only then parse the payload; every decode is
// followed by Validate, because easyjson does not validate.
//
// The payload is a List. Its JSON field names are the contract with list
// maintainers, the worker and the extension; change them only with a new
// Schema number.
package list

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all list.go

// Schema is the payload format version this package reads and writes.
const Schema = 2

// Widget kinds.
const (
	KindLogin     = "login"
	KindMessaging = "messaging"
)

// Severities of a permission or an OAuth scope, from least to most sensitive.
const (
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// Evidence values: who stands behind a grant's claim. Evidence says nothing
// about whether the access still exists; that is Access.
const (
	EvidenceReportedByPress     = "reported-by-press"     // only press reports state it
	EvidenceConfirmedByPlatform = "confirmed-by-platform" // the platform said the access existed
	EvidenceConfirmedByPartner  = "confirmed-by-partner"  // the partner said it had the access
	EvidenceAllegedInCourt      = "alleged-in-court"      // a party alleges it in a court filing
	EvidenceDeniedByPartner     = "denied-by-partner"     // the partner denies having had the access
)

// Access states: whether the access still exists, as far as the sources say.
const (
	AccessOngoing = "ongoing" // a source dated AsOf says it continues
	AccessEnded   = "ended"   // a source dates its end (To) or says it had ended by a date (By)
	AccessUnknown = "unknown" // no source says; AsOf is the date of the latest source read
)

// Source kinds, from the strongest to the weakest.
const (
	SourcePrimaryDocument   = "primary-document"   // a filing, a parliamentary or congressional record, a court filing, a regulator's decision
	SourcePlatformStatement = "platform-statement" // the platform's own published statement
	SourcePartnerStatement  = "partner-statement"  // the partner's own published statement
	SourcePressReport       = "press-report"       // a news report
)

// Response kinds.
const (
	ResponseQuote    = "quote"    // the speaker's words, verbatim
	ResponseSummary  = "summary"  // what was said, in the list's own words
	ResponseDeclined = "declined" // the source says the party declined to comment
	ResponseNoReply  = "no-reply" // the source says the party did not respond
)

// Parties that respond.
const (
	PartyPartner  = "partner"  // the operator the grant is about
	PartyPlatform = "platform" // the platform that granted the access
	PartyOther    = "other"    // anyone else: a regulator, a researcher
)

// List is the signed payload.
type List struct {
	// Schema is the payload format version; it must equal Schema.
	Schema int `json:"schema"`
	// ID names the list source, for example "partnerwatch-default".
	ID string `json:"id"`
	// Version strictly increases with every published list; by convention it is
	// the issue time in Unix seconds.
	Version int64 `json:"version"`
	// IssuedAt and ExpiresAt are RFC 3339 UTC times. A list past its expiry
	// keeps working but is shown as stale.
	IssuedAt  string `json:"issued_at"`
	ExpiresAt string `json:"expires_at"`
	// Permissions is the catalogue that grants refer to by ID.
	Permissions []Permission `json:"permissions"`
	// Providers are the platforms whose widgets PartnerWatch detects.
	Providers []Provider `json:"providers"`
	// Partners are the site operators that were granted access by a provider.
	Partners []Partner `json:"partners"`
	// Corrections log every change of a published claim, newest last.
	Corrections []Correction `json:"corrections"`
	// Cues are the words that tell a site-rendered sign-in control from a
	// share button or a follow link (see Cues). Optional: without them no
	// control is recognised by its tokens.
	Cues *Cues `json:"cues,omitempty"`
}

// Cues are the words the control recogniser reads around a provider token
// (Signals.Tokens) in a site-rendered control: a link, button or form
// control whose text, label, attributes, URL or click handler name a
// provider. All are compared lower-case.
type Cues struct {
	// Auth are sign-in words and phrases in any language ("sign in with",
	// "continue with", "anmelden", "войти", "ログイン"). A phrase of letters
	// and digits in a Latin, Greek or Cyrillic script matches whole words;
	// one in a script written without spaces (Chinese, Japanese, Thai...)
	// matches anywhere.
	Auth []string `json:"auth"`
	// Routes are single words that mark an auth route or an auth control
	// in a URL path or query, a class, an id or a click handler: "auth",
	// "oauth2", "login", "signin", "connect", "sso", "broker".
	Routes []string `json:"routes"`
	// Negative are single words of controls that name a provider for
	// another purpose: share, follow, like, pin, subscribe, embed.
	Negative []string `json:"negative"`
}

// Permission is one entry of the permission catalogue, for example
// read_messages, "Read your private messages", high.
type Permission struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Severity string `json:"severity"`
}

// Provider is a platform that offers login or messaging widgets.
type Provider struct {
	// ID is the platform's lowercase name: facebook, google, apple, twitter...
	ID string `json:"id"`
	// Name is the display name: Facebook, Google...
	Name string `json:"name"`
	// Domains are the platform's own registrable domains. A widget of this
	// provider on a site under one of them is first-party and not reported.
	Domains []string `json:"domains"`
	// Operator names the company that runs the platform, as a slug ("meta",
	// "google"). Providers of one operator are each other's first party:
	// "Log in with Facebook" on instagram.com is not reported, because Meta
	// runs both. Empty when the platform has no sister platform in the list.
	Operator string `json:"operator,omitempty"`
	// Widgets are the login and messaging widgets of this platform.
	Widgets []Widget `json:"widgets"`
	// Manage is the platform's own page where a person sees and removes the
	// apps and sites connected to their account, with the help page that
	// documents it. Nil when the platform documents no such web page.
	Manage *Manage `json:"manage,omitempty"`
}

// Manage is where a person manages the apps and sites that a platform lets
// sign in with their account or read its data, and where the list read so.
type Manage struct {
	// URL is the https address of the page, under one of the provider's
	// Domains. Views show it as a link; clients check it again.
	URL string `json:"url"`
	// Source is the https address of the platform's own help page that
	// names URL or the way to it.
	Source string `json:"source"`
	// Read is the date the maintainers last read Source, "YYYY-MM-DD".
	Read string `json:"read"`
}

// Widget is one login or messaging widget and the signals that reveal it.
type Widget struct {
	// ID is unique within the list, conventionally "<provider>-<what>", for
	// example "facebook-login-sdk".
	ID string `json:"id"`
	// Kind is KindLogin or KindMessaging.
	Kind string `json:"kind"`
	// Name is a short display name: "Facebook Login", "Messenger chat plugin".
	Name string `json:"name"`
	// Signals are the traces that reveal the widget on a page.
	Signals Signals `json:"signals"`
}

// Signals are the observable traces of one widget. A widget fires when at
// least one of its strong signals fires; weak signals (URLPattern.Weak) only
// add evidence and confidence to a widget that fired otherwise.
//
// Confidence: links, frames, scripts and selectors are "high"; calls and
// routes are "medium"; texts are "low". Two or more distinct signal kinds
// raise the confidence one step.
type Signals struct {
	// Scripts match external script URLs (<script src>, and script requests
	// seen on the network).
	Scripts []URLPattern `json:"scripts,omitempty"`
	// Frames match iframe URLs (and sub-frame requests).
	Frames []URLPattern `json:"frames,omitempty"`
	// Links match link targets, form actions and navigations: OAuth/OIDC
	// authorize endpoints, chat deep links (m.me, wa.me, t.me...).
	Links []URLPattern `json:"links,omitempty"`
	// Selectors are CSS selectors for the widget's official markup, for
	// example "div.fb-login-button" or "#g_id_onload". The engine merges all
	// selectors of a list into one selector set for the content script.
	Selectors []string `json:"selectors,omitempty"`
	// Calls are substrings of inline script text that show an SDK call, for
	// example "FB.login(" or "AppleID.auth.signIn(".
	Calls []string `json:"calls,omitempty"`
	// Routes match first-party auth routes that conventional libraries
	// generate (/auth/facebook, /users/auth/google_oauth2, Auth0
	// connection=...). A route fires only when the link's, form's or button's
	// visible text or aria-label matches one of Texts or contains the
	// provider's Name. An empty Host means any host.
	Routes []URLPattern `json:"routes,omitempty"`
	// Texts are localized button texts ("Continue with Facebook", "Mit Google
	// anmelden"...), compared case-insensitively with white space folded; a
	// candidate text matches when it equals or contains one of them.
	Texts []string `json:"texts,omitempty"`
	// Tokens are the lower-case words that name the provider in
	// site-rendered controls: "facebook", "fb", "google_oauth2" splits into
	// "google"; "微博". A control (link, button, form control, element with
	// a click handler) that names one provider's token and carries a sign-in
	// cue (List.Cues) fires the widget. Only login widgets take tokens, and
	// a token names one provider only.
	Tokens []string `json:"tokens,omitempty"`
	// FedCM are the widget's configuration flags that hand its prompts and
	// buttons to the browser's FedCM dialog (Google Identity Services'
	// use_fedcm_for_prompt and use_fedcm_for_button). When the widget fired
	// and an inline script sets one of them to true, or an element the
	// widget's selectors matched carries data-<flag>="true", the finding is
	// marked FedCM: the consent then happens in a browser dialog that the
	// page and PartnerWatch cannot see. Login widgets only; lower-case
	// identifiers.
	FedCM []string `json:"fedcm,omitempty"`
}

// URLPattern matches a URL by scheme, host, path and query.
type URLPattern struct {
	// Scheme is empty for web URLs: the pattern then matches http and https
	// URLs (and scheme-relative ones). Otherwise it is the exact lowercase
	// scheme of an app link, for example "viber", "whatsapp", "tg",
	// "fb-messenger" or "line", and the pattern matches only URLs of that
	// scheme (compared case-insensitively); only link patterns take one.
	//
	// An app link is read as browsers parse a URL of a non-special scheme:
	// after "scheme://", the authority runs to the first "/", "?" or "#";
	// Host matches it lower-cased, without user information ("user@") and
	// port (":n"); Path is what follows up to "?" or "#" ("/" when empty);
	// Query is what follows "?" up to "#". So for viber://chat?number=123
	// the host is "chat", the path "/" and the query "number=123"; for
	// fb-messenger://user-thread/42 the host is "user-thread" and the path
	// "/42". An app link without "//" after its scheme (tg:resolve) has no
	// host and matches no pattern.
	Scheme string `json:"scheme,omitempty"`
	// Host is an exact lowercase host ("connect.facebook.net") or a suffix
	// pattern ("*.intercom.io" matches intercom.io and any subdomain).
	Host string `json:"host,omitempty"`
	// Path is a glob over the whole path: "*" matches any run of characters
	// other than "/", "**" matches anything. Empty matches any path.
	// Example: "/v*/dialog/oauth".
	Path string `json:"path,omitempty"`
	// Query lists required query parameters, each "key" (present) or
	// "key=value" (equal; a value ending in "*" is a prefix).
	Query []string `json:"query,omitempty"`
	// Weak marks a signal that does not fire a widget on its own.
	Weak bool `json:"weak,omitempty"`
	// Profile marks a link pattern whose URLs name a public profile or
	// channel as often as a chat (t.me/<name> is a user, a bot, a group or
	// a channel): such a link does not fire when its control says follow,
	// channel or subscribe (List.Cues negative words) or sits in a row of
	// links to other platforms' pages. Only link patterns take it.
	Profile bool `json:"profile,omitempty"`
}

// Partner is a site operator that was granted access by one or more
// platforms.
type Partner struct {
	// ID is a lowercase slug: "spotify", "rbc".
	ID string `json:"id"`
	// Name is the operator's display name.
	Name string `json:"name"`
	// Domains are all the registrable domains a user meets on the operator's
	// sites and login pages. No two partners may claim the same domain.
	Domains []string `json:"domains"`
	// Grants are the accesses the operator was granted.
	Grants []Grant `json:"grants"`
}

// Grant is one claim: a platform granted this partner these permissions.
// What the claim rests on (Evidence, Sources) is kept apart from whether the
// access still exists (Access).
type Grant struct {
	// Platform is a provider ID.
	Platform string `json:"platform"`
	// Permissions are IDs from the list's permission catalogue.
	Permissions []string `json:"permissions"`
	// Summary states the claim in one neutral sentence in the list's own
	// words, saying who says so. It never holds quotation marks: it is not
	// a quote, and views never show it as one.
	Summary string `json:"summary"`
	// Account says through whose account the access ran, for example "the
	// user's own Facebook account, once signed in to the partner's app".
	Account string `json:"account,omitempty"`
	// Evidence is one of the Evidence constants.
	Evidence string `json:"evidence"`
	// Access says when the access existed and whether it still does.
	Access Access `json:"access"`
	// Sources cite the claim; at least one is required, and two from
	// different publishers when all are press reports.
	Sources []Source `json:"sources"`
	// Responses are the partner's and the platform's answers, including
	// recorded refusals to comment.
	Responses []Response `json:"responses,omitempty"`
}

// Access is when a grant's access existed and whether it still does. Dates
// are "YYYY", "YYYY-MM" or "YYYY-MM-DD", except AsOf, a full date.
type Access struct {
	// State is one of the Access constants.
	State string `json:"state"`
	// From is the earliest date a source shows the access existing; empty
	// when no source dates it. Never a publication date the source does not
	// tie to the access.
	From string `json:"from,omitempty"`
	// To is the date a source gives for the end (state ended).
	To string `json:"to,omitempty"`
	// By is a date by which a source says the access had ended or was to
	// end (state ended, when the exact end is not dated).
	By string `json:"by,omitempty"`
	// AsOf is the date of the latest source that speaks to the state
	// (states ongoing and unknown), "YYYY-MM-DD".
	AsOf string `json:"as_of,omitempty"`
}

// Source is a publication that documents a grant.
type Source struct {
	// Kind is one of the Source constants.
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Publisher names who published it: "The New York Times", "Facebook".
	Publisher string `json:"publisher"`
	// Date is the publication date, "YYYY-MM-DD", or "YYYY-MM" or "YYYY"
	// when the source shows no more.
	Date string `json:"date"`
	// URL is the publication's https address.
	URL string `json:"url"`
	// Read is the date the maintainers last read it, "YYYY-MM-DD": at URL,
	// or at Archive when that is set.
	Read string `json:"read"`
	// Archive is an optional https address of a copy of the same text: an
	// archive snapshot, or the full reprint the maintainers read because
	// the original is paywalled or gone.
	Archive string `json:"archive,omitempty"`
}

// Response is an answer about a grant by the partner, the platform or
// another party: a verbatim quote, a summary in the list's own words, or a
// recorded refusal to comment.
type Response struct {
	// Kind is one of the Response constants.
	Kind string `json:"kind"`
	// By names the organisation that answered: "Spotify", "Facebook".
	By string `json:"by"`
	// Party is one of the Party constants.
	Party string `json:"party"`
	// Speaker names who spoke for By: "Ime Archibong, Facebook's vice
	// president of product partnerships", "a Netflix spokesperson".
	// Required for a quote.
	Speaker string `json:"speaker,omitempty"`
	// Text is the quote's exact words without enclosing quotation marks, or
	// the summary, which holds no quotation marks at all. Empty for
	// declined and no-reply.
	Text string `json:"text,omitempty"`
	// Date is when it was said or published, "YYYY-MM-DD", or "YYYY-MM" or
	// "YYYY" when the source shows no more.
	Date string `json:"date"`
	// URL is where the maintainers read it, an https URL.
	URL string `json:"url"`
}

// Correction is one entry of the list's corrections log: a change to a
// published claim, why it was made, and the source for it.
type Correction struct {
	// Date is when the correction was made, "YYYY-MM-DD".
	Date string `json:"date"`
	// Partner is the ID of the partner concerned; empty for list-wide changes.
	Partner string `json:"partner,omitempty"`
	// Change says what changed, in one sentence.
	Change string `json:"change"`
	// Reason says why.
	Reason string `json:"reason"`
	// URL is the https URL of the source the correction rests on.
	URL string `json:"url"`
}
