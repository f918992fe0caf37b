// Package core is PartnerWatch's engine room behind one small API: load a
// signed list, report on a page observation, inspect a consent URL. The
// WebAssembly boundary (wasm/cmd/pwcore) and the native scanner
// (wasm/cmd/widgetscan) both call it with JSON bytes and get JSON bytes back,
// so the two builds give byte-identical reports.
//
// Every call answers with a Response; errors are data, never panics.
//
// The contract with JavaScript, written once here and once in
// extension/src/lib/core.js:
//
//	globalThis.partnerwatch.loadList(LoadRequest JSON)  -> Response{list: ListInfo}
//	globalThis.partnerwatch.loadListAsync(LoadRequest JSON, done[, envelope or snapshot bytes])
//	                                                    -> done(Response{list: ListInfo})
//	globalThis.partnerwatch.snapshot()                  -> snapshot bytes, or null
//	globalThis.partnerwatch.report(Observation JSON)    -> Response{report: detect.Report}
//	globalThis.partnerwatch.reportFlat(text, nums)      -> Response{report: detect.Report}
//	globalThis.partnerwatch.inspect(InspectRequest JSON) -> Response{consent: Consent}
//	globalThis.partnerwatch.dropList(DropRequest JSON)  -> Response{}
//	globalThis.partnerwatch.version()                   -> Response{version: VersionInfo}
//
// Several lists: the core holds one detection list (providers, widgets,
// cues, partners) and any number of grants lists, loaded with
// LoadRequest.Extra and keyed by their list id (see merge.go). Reports and
// consent answers name the list each grant came from (Response.Provenance).
package core

import (
	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

//go:generate go run github.com/partnerwatch/partnerwatch/wasm/cmd/easyjsonlite -all -disallow_unknown_fields api.go

// Response is the one shape every call answers with.
type Response struct {
	OK      bool           `json:"ok"`
	Error   *Error         `json:"error,omitempty"`
	List    *ListInfo      `json:"list,omitempty"`
	Report  *detect.Report `json:"report,omitempty"`
	Consent *Consent       `json:"consent,omitempty"`
	Version *VersionInfo   `json:"version,omitempty"`
	// Provenance is the id of the list each grant of the answer's partner
	// (Report.Partner.Grants or Consent.Partner.Grants) came from, index
	// for index; absent when the answer names no partner.
	Provenance []string `json:"provenance,omitempty"`
}

// Error is an error as data.
type Error struct {
	// Code is a stable machine-readable code: bad_request, too_large,
	// bad_envelope, unknown_key, bad_signature, bad_payload, invalid_list,
	// rollback, not_yet_valid, no_list, stale_selectors, bad_snapshot,
	// internal.
	Code string `json:"code"`
	// Message is a human-readable sentence.
	Message string `json:"message"`
	// Path is the JSON path of the offending field, for invalid_list.
	Path string `json:"path,omitempty"`
}

// Key is a pinned Ed25519 public key.
type Key struct {
	// ID is the key ID the envelope names.
	ID string `json:"id"`
	// PublicKey is the 32-byte public key, standard base64.
	PublicKey string `json:"public_key"`
}

// LoadRequest asks the core to verify and load a signed list.
type LoadRequest struct {
	// Envelope is the signed list exactly as downloaded.
	Envelope string `json:"envelope"`
	// Keys are the pinned public keys that may sign this list.
	Keys []Key `json:"keys"`
	// MinVersion is the version of the last good list; a list whose version
	// is not greater is refused as a rollback (0 accepts any).
	MinVersion int64 `json:"min_version,omitempty"`
	// AllowSameVersion accepts a list whose version equals MinVersion (used
	// when reloading the stored last good list after an eviction).
	AllowSameVersion bool `json:"allow_same_version,omitempty"`
	// Now is the current time, RFC 3339; empty means the clock's time.
	Now string `json:"now,omitempty"`
	// ListID, when set, is the id the list must carry (wrong_list
	// otherwise): the extension binds a source to one list.
	ListID string `json:"list_id,omitempty"`
	// SHA256 is the envelope's SHA-256 (64 lowercase hex digits) as the
	// caller computed it; empty means the core hashes the envelope. A
	// browser hashes natively, far faster than Go inside WebAssembly.
	SHA256 string `json:"sha256,omitempty"`
	// VerifiedBefore (which needs SHA256) says that the caller verified
	// this envelope in full with these keys and this core before, and knows
	// it is the same envelope by its SHA-256, recorded where pages cannot
	// write: the core then skips the Ed25519 check and the validation, and
	// still decodes the list and checks its key, rollback and the clock
	// (see list.VerifyOptions).
	VerifiedBefore bool `json:"verified_before,omitempty"`
	// Snapshot (which needs VerifiedBefore and SHA256) says that the bytes
	// beside the request are not the envelope but a snapshot this core's
	// build made of that envelope's loaded list (Core.Snapshot), kept by the
	// caller where pages cannot write and known by its own SHA-256: the
	// core then loads the snapshot's compiled list instead of decoding and
	// compiling the envelope's, and checks what verified_before checks
	// (snapshot.go). A snapshot the core cannot use is bad_snapshot, and
	// the caller loads the envelope.
	Snapshot bool `json:"snapshot,omitempty"`
	// Extra loads the list as a grants list beside the detection list
	// rather than in its place: only its partners and their grants are
	// used (merge.go). ListID is then required; a grants list of that id
	// is replaced, any other kept.
	Extra bool `json:"extra,omitempty"`
}

// DropRequest asks the core to forget the grants list of an id.
type DropRequest struct {
	ListID string `json:"list_id"`
}

// ListInfo describes the loaded list.
type ListInfo struct {
	ID        string `json:"id"`
	Version   int64  `json:"version"`
	IssuedAt  string `json:"issued_at"`
	ExpiresAt string `json:"expires_at"`
	KeyID     string `json:"key_id"`
	// SHA256 is the hex SHA-256 of the envelope bytes.
	SHA256 string `json:"sha256"`
	// Stale is true when Now is past ExpiresAt.
	Stale     bool `json:"stale"`
	Providers int  `json:"providers"`
	Partners  int  `json:"partners"`
	// Selectors is the combined selector set; Element.Matches index into it.
	Selectors []string `json:"selectors"`
	// Tokens are the control tokens: a collector keeps a control whose
	// features contain one (detect.Control).
	Tokens []string `json:"tokens"`
	// Hosts are the hosts (exact, or "*.suffix") of every script, frame and
	// link signal and authorize endpoint, for network observation filters.
	Hosts []string `json:"hosts"`
	// LinkWords are words of which a link's text or label must hold one
	// for it to matter when its host is under none of Hosts
	// (detect.Engine.LinkWords): a collector may leave other links out.
	LinkWords []string `json:"link_words"`
	// Manage maps a provider ID to the https page where a person sees and
	// removes the apps and sites connected to their account on it
	// (list.Provider.Manage), for the providers that have one.
	Manage map[string]string `json:"manage,omitempty"`
}

// InspectRequest asks what a navigation to URL means.
type InspectRequest struct {
	URL string `json:"url"`
}

// Consent is what an authorize URL asks for, and what the list says about the
// site that asks.
type Consent struct {
	// Request is the parsed authorize request.
	Request oauth.Request `json:"request"`
	// ProviderName is the provider's display name.
	ProviderName string `json:"provider_name"`
	// Partner is the operator of Request.RedirectSite, when the list names
	// one.
	Partner *detect.PartnerMatch `json:"partner,omitempty"`
	// Grants index Partner.Grants: those whose platform is Request.Provider.
	Grants []int `json:"grants"`
	// Alert is true when Grants is not empty.
	Alert bool `json:"alert"`
}

// VersionInfo names the build.
type VersionInfo struct {
	Core string `json:"core"`
	Go   string `json:"go"`
	// ListVersion is the loaded list's version, 0 when none is loaded.
	ListVersion int64 `json:"list_version"`
}
