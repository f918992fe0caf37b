package core

import (
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// TestListInfoManage checks that the list info maps every provider that
// names a manage-access page to that page's URL, and names no other.
func TestListInfoManage(t *testing.T) {
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatalf("defaultlist.Load: %v", err)
	}
	c := New()
	info, err := c.LoadTrusted(l)
	if err != nil {
		t.Fatalf("LoadTrusted: %v", err)
	}
	want := map[string]string{}
	for _, p := range l.Providers {
		if p.Manage != nil {
			want[p.ID] = p.Manage.URL
		}
	}
	if len(want) == 0 {
		t.Fatal("the default list names no manage page")
	}
	if len(info.Manage) != len(want) {
		t.Errorf("info.Manage has %d providers, want %d: %v", len(info.Manage), len(want), info.Manage)
	}
	for id, u := range want {
		if info.Manage[id] != u {
			t.Errorf("info.Manage[%q] = %q, want %q", id, info.Manage[id], u)
		}
	}
	// It crosses the boundary as JSON.
	b, err := info.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back ListInfo
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatalf("ListInfo JSON does not read back: %v", err)
	}
	if back.Manage["google"] != want["google"] {
		t.Errorf("after JSON: %v", back.Manage)
	}
}
