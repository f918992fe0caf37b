//go:build !js

package main

import "testing"

func TestReplaceSection(t *testing.T) {
	const sec = "## Worker\n\nnew\n"
	tests := []struct {
		name, doc, want string
	}{
		// No section yet.
		{"empty file", "", "# Benchmarks\n\n## Worker\n\nnew\n"},
		{"appended", "# Benchmarks\n\n## Core\n\ncore\n", "# Benchmarks\n\n## Core\n\ncore\n\n## Worker\n\nnew\n"},
		// An existing section is replaced, its neighbours kept.
		{"last section", "# B\n\n## Core\n\nc\n\n## Worker\n\nold\nold\n", "# B\n\n## Core\n\nc\n\n## Worker\n\nnew\n"},
		{"middle section", "# B\n\n## Worker\n\nold\n\n## Extension\n\ne\n", "# B\n\n## Worker\n\nnew\n\n## Extension\n\ne\n"},
		{"sub-headings stay inside", "## Worker\n\nold\n### detail\nx\n## Core\nc\n", "## Worker\n\nnew\n\n## Core\nc\n"},
		{"similar heading is not ours", "## Workers of others\n\nx\n", "## Workers of others\n\nx\n\n## Worker\n\nnew\n"},
	}
	for _, tt := range tests {
		if got := replaceSection(tt.doc, sec); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
