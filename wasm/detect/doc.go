// Package detect is PartnerWatch's rules engine: it turns one generic page
// Observation into a Report of the login and messaging widgets found on the
// page, and says whether the page's site is operated by a partner that was
// granted access to users' data by one of those widgets' platforms.
//
// The engine is pure Go with no I/O, so the browser extension (through the
// WebAssembly build) and the native scanner give byte-identical answers.
//
// Compile turns a list into an Engine once: signal hosts go into a host index
// (exact hosts in a map, "*.suffix" patterns in a suffix map walked label by
// label), path globs are compiled into small automata, SDK call substrings go
// into one Wu-Manber set and normalised button texts into one Aho-Corasick
// automaton, so that every inline script and every visible text is read once
// whatever the number of rules, and all CSS selectors are merged into one
// deduplicated selector set (Selectors) that collectors match elements
// against.
//
// Report then reads an observation once:
//
//   - script, frame and link URLs (and network requests, by type) are looked
//     up in the host index, then checked against path globs and query
//     requirements; links of app schemes (viber://chat?number=...,
//     whatsapp://send?phone=...) are looked up by scheme and authority in
//     an index of their own (list.URLPattern.Scheme);
//   - inline scripts, and the texts of event-handler attributes and
//     javascript: links that collectors add to them, are scanned for SDK
//     calls;
//   - texts of links, forms and candidate buttons are normalised (lower case,
//     white space folded) and scanned for button texts and provider names; a
//     first-party auth route (/auth/facebook) fires only for a link, form or
//     button whose text names the widget or its provider;
//   - elements report which selectors they matched (ignored when the
//     observation was collected with another list version);
//   - controls (links, buttons, form controls, elements with click
//     handlers) that name one provider's token are scored by the control
//     recogniser (controls.go) with the list's cue words: a token plus a
//     sign-in cue (an auth phrase, an auth route, an auth class, a caption
//     such as "Or sign in with", or a sign-in control of another provider
//     in the same group) is a login finding; a share, follow or checkout
//     word vetoes it; the evidence joins the provider's login finding that
//     fired already;
//   - every link, form, frame or request URL that package oauth recognises as
//     a sign-in authorize request fires a login finding for its provider
//     (oauth.MaybeAuthorize first keeps the many links to a provider's own
//     host that are no authorize request from oauth.Parse).
//
// A widget fires when at least one of its strong signals fires; weak signals
// only add evidence and confidence. Scripts, frames, links, selectors and
// authorize requests are high confidence, calls and routes medium, texts low;
// two or more distinct signal kinds raise the confidence one step.
//
// A widget on a site under one of its provider's own domains, or of a
// provider of the same operator (Meta: facebook.com, instagram.com...), is
// first-party and not reported. When the site is under a partner's domain, the report
// carries the partner and its grants, and each finding whose provider granted
// the partner access raises an alert.
package detect
