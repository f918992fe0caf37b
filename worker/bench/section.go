//go:build !js

package main

import (
	"os"
	"strings"
)

// heading starts the section this benchmark owns.
const heading = "## Worker"

// replaceSection returns doc with its "## Worker" section (from the heading
// line up to the next "## " heading or the end) replaced by section, or with
// section appended when doc has none. Other sections are kept as they are.
func replaceSection(doc, section string) string {
	section = strings.TrimRight(section, "\n") + "\n"
	lines := strings.SplitAfter(doc, "\n")
	start, end := -1, len(lines)
	for i, l := range lines {
		t := strings.TrimRight(l, "\n")
		if start < 0 && t == heading {
			start = i
			continue
		}
		if start >= 0 && strings.HasPrefix(t, "## ") {
			end = i
			break
		}
	}
	if start < 0 {
		if doc == "" {
			return "# Benchmarks\n\n" + section
		}
		return strings.TrimRight(doc, "\n") + "\n\n" + section
	}
	tail := strings.Join(lines[end:], "")
	if tail != "" {
		section += "\n"
	}
	return strings.Join(lines[:start], "") + section + tail
}

// writeSection rewrites the file at path with its Worker section replaced.
func writeSection(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(path, []byte(replaceSection(string(old), section)), 0o644)
}
