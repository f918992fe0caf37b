package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
)

// TestTableIsCurrent fails when internal/gen/public_suffix_list.dat changed
// without `go generate` (the table records the SHA-256 of its input).
func TestTableIsCurrent(t *testing.T) {
	data, err := os.ReadFile("internal/gen/public_suffix_list.dat")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != listSHA256 {
		t.Errorf("public_suffix_list.dat has SHA-256 %s, table.go was generated from %s: run `go generate ./wasm/domain`", got, listSHA256)
	}
}

// TestTableShape checks the generated table's invariants that lookup relies
// on: every group of siblings is sorted and inside the node range, and every
// label points inside text.
func TestTableShape(t *testing.T) {
	if len(nodes) != numNodes*nodeBytes {
		t.Fatalf("nodes holds %d bytes, want %d records of %d", len(nodes), numNodes, nodeBytes)
	}
	for _, c := range children {
		first, count := c>>bitsChildCount, c&(1<<bitsChildCount-1)
		if first == 0 || count == 0 || first+count > numNodes {
			t.Fatalf("children entry %#x: range [%d, %d) outside the nodes", c, first, first+count)
		}
		for i := first + 1; i < first+count; i++ {
			if a, b := node(i-1).label(), node(i).label(); a >= b {
				t.Fatalf("siblings %q and %q out of order", a, b)
			}
		}
	}
	for i := uint32(1); i < numNodes; i++ {
		if node(i).label() == "" {
			t.Fatalf("node %d has an empty label", i)
		}
	}
}
