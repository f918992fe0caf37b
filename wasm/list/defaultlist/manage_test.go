package defaultlist_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// readmeManageSection is the heading of README.md's section on manage-access
// pages, whose table names the login providers without one.
const readmeManageSection = "## Manage-access pages"

// undocumentedManage reads README.md's table of login providers without a
// manage-access page: the provider IDs in backquotes in each row's first cell.
func undocumentedManage(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, readmeManageSection)
	if i < 0 {
		t.Fatalf("README.md has no %q section", readmeManageSection)
	}
	section := text[i+len(readmeManageSection):]
	if j := strings.Index(section, "\n## "); j >= 0 {
		section = section[:j]
	}
	id := regexp.MustCompile("`([a-z0-9-]+)`")
	var ids []string
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.SplitN(line, "|", 3)[1]
		for _, m := range id.FindAllStringSubmatch(first, -1) {
			ids = append(ids, m[1])
		}
	}
	slices.Sort(ids)
	return ids
}

// hasLogin reports whether a provider offers a login widget.
func hasLogin(p *list.Provider) bool {
	return slices.ContainsFunc(p.Widgets, func(w list.Widget) bool { return w.Kind == list.KindLogin })
}

// TestManageDocumented checks that every login provider of the default list
// either names its manage-access page or is listed in README.md with the
// reason it has none, and that README.md lists no other provider.
func TestManageDocumented(t *testing.T) {
	l := load(t)
	var without []string
	for i := range l.Providers {
		if p := &l.Providers[i]; hasLogin(p) && p.Manage == nil {
			without = append(without, p.ID)
		}
	}
	slices.Sort(without)
	documented := undocumentedManage(t)
	if len(documented) == 0 {
		t.Fatal("README.md's manage-access table names no provider")
	}
	for _, id := range without {
		if !slices.Contains(documented, id) {
			t.Errorf("login provider %q has no manage page and README.md does not say why", id)
		}
	}
	for _, id := range documented {
		if !slices.Contains(without, id) {
			t.Errorf("README.md says %q has no manage page, but it is not a login provider without one", id)
		}
	}
}

// TestManageOnLoginProviders checks that only login providers name a
// manage-access page: a chat vendor holds no account that apps connect to.
func TestManageOnLoginProviders(t *testing.T) {
	l := load(t)
	n := 0
	for i := range l.Providers {
		p := &l.Providers[i]
		if p.Manage == nil {
			continue
		}
		n++
		if !hasLogin(p) {
			t.Errorf("provider %q names a manage page but offers no login widget", p.ID)
		}
	}
	if n == 0 {
		t.Error("no provider names a manage page")
	}
}
