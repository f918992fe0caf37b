package list

// Caps that Validate enforces, so that a list, even a signed one, cannot
// make a client allocate or match without bound.
const (
	MaxPartners          = 100000 // partners in a list
	MaxProviders         = 1000   // providers in a list
	MaxPermissions       = 1000   // permissions in the catalogue
	MaxWidgets           = 200    // widgets of one provider
	MaxSignals           = 200    // entries of one signal kind of one widget
	MaxSelectors         = 5000   // selectors in the whole list (the content script's selector set)
	MaxDomains           = 1000   // domains of one provider or partner
	MaxGrants            = 100    // grants of one partner
	MaxGrantPermissions  = 100    // permissions of one grant
	MaxSources           = 50     // sources of one grant
	MaxResponses         = 50     // responses of one grant
	MaxCorrections       = 10000  // entries of the corrections log
	MaxQuery             = 20     // query entries of one URL pattern
	MaxSelectorBytes     = 512    // bytes of one CSS selector
	MaxNameBytes         = 200    // bytes of a name, label, publisher or "by"
	MaxTextBytes         = 4096   // bytes of a summary, account, source title or response text
	MaxURLBytes          = 2048   // bytes of a source or response URL
	MaxPatternPartBytes  = 512    // bytes of a URL pattern's host, path or query entry, a call or a text
	maxProblemsCollected = 10000  // problems Problems reports before it stops
)
