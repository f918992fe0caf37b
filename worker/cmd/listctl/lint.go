package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

var lintCommand = &command{
	name:  "lint",
	usage: "lint DIR_OR_PAYLOAD_JSON_OR_ENVELOPE",
	short: "print every problem of a list",
	summary: `Print every problem of a list as "path: reason" and exit 1 if there is
one. A source folder or payload is checked as sign would stamp it now; an
envelope's payload is checked as it is (its signature is not: use verify).`,
	run: runLint,
}

func runLint(e *env, fs *flag.FlagSet, args []string) error {
	name, err := oneArg(args, "DIR_OR_PAYLOAD_JSON_OR_ENVELOPE")
	if err != nil {
		return err
	}
	src, err := readInput(name)
	if err != nil {
		return err
	}
	l := src.list
	if !src.envelope {
		list.Stamp(l, e.now(), defaultValidity)
	}
	problems := l.Problems()
	for _, p := range problems {
		fmt.Fprintln(e.stdout, describe(p, src))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %d problem(s)", name, len(problems))
	}
	widgets := 0
	for _, p := range l.Providers {
		widgets += len(p.Widgets)
	}
	fmt.Fprintf(e.stdout, "ok: %d providers, %d partners, %d widgets\n", len(l.Providers), len(l.Partners), widgets)
	fmt.Fprintln(e.stdout, l.Count())
	return nil
}

// describe formats a problem as "path: reason". For a source folder it names
// the provider file a providers[N] path points into.
func describe(p list.Problem, src *input) string {
	s := p.String()
	if !src.folder || !strings.HasPrefix(p.Path, "providers[") {
		return s
	}
	end := strings.IndexByte(p.Path, ']')
	i, err := strconv.Atoi(p.Path[len("providers["):end])
	if err != nil || i < 0 || i >= len(src.list.Providers) {
		return s
	}
	return s + " [" + defaultlist.ProviderFile(src.list.Providers[i].ID) + "]"
}
