package main

import (
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		stdoutHas string
		stderrHas string
	}{
		{"no arguments", nil, 2, "", "usage:"},
		{"help", []string{"help"}, 0, "listctl push -url WORKER_URL", ""},
		{"help for a command", []string{"help", "sign"}, 0, "-validity", ""},
		{"-h of a command", []string{"verify", "-h"}, 0, "-min-version", ""},
		{"unknown command", []string{"publish"}, 2, "", `unknown command "publish"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runListctl(t, nil, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdoutHas) || !strings.Contains(r.stderr, tt.stderrHas) {
				t.Errorf("run(%q) = %d\nstdout: %s\nstderr: %s", tt.args, r.code, r.stdout, r.stderr)
			}
		})
	}
}
