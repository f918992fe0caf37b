package oauth

import (
	"strconv"
	"strings"
)

// maxScopes caps the number of scopes Parse keeps from one request.
const maxScopes = 200

// providerScopes is one provider's part of the catalogue.
type providerScopes struct {
	provider string
	scopes   []Scope
}

// scopesOf returns the catalogue's scopes for provider and whether it has
// an entry. The catalogue is static data that a linear search reads: it
// holds a few hundred scopes, and a request names a few, so an index built
// at start-up would cost every start of the core more than it saves.
func scopesOf(provider string) ([]Scope, bool) {
	for i := range catalogue {
		if catalogue[i].provider == provider {
			return catalogue[i].scopes, true
		}
	}
	return nil, false
}

// describe returns the catalogue entry for one requested scope, keeping the
// name as requested. A scope the catalogue does not know is labelled with its
// own name and rated medium.
func describe(provider, name string) Scope {
	key := strings.ToLower(name)
	if provider == "microsoft" {
		// Graph scopes may be written as full resource URLs.
		key = strings.TrimPrefix(key, "https://graph.microsoft.com/")
	}
	// (key is lower-cased already, and every catalogue name is ASCII, which
	// TestCatalogueShape checks: comparing the two ASCII-folded is
	// comparing key with the name lower-cased.)
	scopes, _ := scopesOf(provider)
	for _, s := range scopes {
		if asciiEqualFold(key, s.Name) {
			s.Name = name
			return s
		}
	}
	return Scope{Name: name, Label: name, Severity: SeverityMedium}
}

// isScopeSeparator reports whether c separates scopes: providers use spaces
// (often sent as "+"), commas, or both.
func isScopeSeparator(c rune) bool {
	switch c {
	case ' ', ',', '+', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// appendScopes splits one URL-decoded scope parameter and appends the scopes
// it names to dst, skipping duplicates and stopping at maxScopes.
func appendScopes(dst []Scope, provider, param string) []Scope {
	for _, name := range strings.FieldsFunc(param, isScopeSeparator) {
		if len(dst) >= maxScopes {
			break
		}
		if provider == "vk" && isDigits(name) {
			dst = appendVKMask(dst, name)
			continue
		}
		dst = appendScope(dst, provider, name)
	}
	return dst
}

// appendScope appends one scope unless it is already there or the cap is
// reached.
func appendScope(dst []Scope, provider, name string) []Scope {
	if len(dst) >= maxScopes {
		return dst
	}
	for _, s := range dst {
		if s.Name == name {
			return dst
		}
	}
	return append(dst, describe(provider, name))
}

// vkRights are VK's access rights by bit, for the numeric form of scope
// (scope=4194306 is email and friends).
var vkRights = []struct {
	bit  int64
	name string
}{
	{1, "notify"}, {2, "friends"}, {4, "photos"}, {8, "audio"},
	{16, "video"}, {64, "stories"}, {128, "pages"}, {1024, "status"},
	{2048, "notes"}, {4096, "messages"}, {8192, "wall"}, {32768, "ads"},
	{65536, "offline"}, {131072, "docs"}, {262144, "groups"},
	{524288, "notifications"}, {1048576, "stats"}, {4194304, "email"},
	{134217728, "market"},
}

// appendVKMask expands VK's numeric scope bit mask into named scopes. A
// number too large to be a mask is kept as an unknown scope.
func appendVKMask(dst []Scope, digits string) []Scope {
	mask, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || mask >= 1<<31 {
		return appendScope(dst, "vk", digits)
	}
	for _, r := range vkRights {
		if mask&r.bit != 0 {
			dst = appendScope(dst, "vk", r.name)
		}
	}
	return dst
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
