package defaultlist

import (
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

// TestOAuthProvidersAreListProviders ties the two homes of provider
// knowledge together (code review, problem 5): the authorize endpoints and
// scopes compiled into the core (package oauth) and the providers of the
// signed list. Every provider oauth recognises must be a provider of the
// default list with a login widget, so that a consent-time warning names
// a provider the list can also detect and show grants for. (Endpoints and
// scopes stay in Go: LIST.md, "What is not in the list".)
func TestOAuthProvidersAreListProviders(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	login := map[string]bool{}
	known := map[string]bool{}
	for _, p := range l.Providers {
		known[p.ID] = true
		for _, w := range p.Widgets {
			if w.Kind == list.KindLogin {
				login[p.ID] = true
			}
		}
	}
	providers := oauth.Providers()
	if len(providers) == 0 {
		t.Fatal("oauth knows no provider")
	}
	for _, id := range providers {
		switch {
		case !known[id]:
			t.Errorf("oauth recognises provider %q, which the default list does not have", id)
		case !login[id]:
			t.Errorf("oauth recognises provider %q, which has no login widget in the default list", id)
		}
	}
}
