// Command widgetscan reports the login and messaging widgets of saved HTML
// pages with PartnerWatch's core, natively: the same engine and JSON reports
// as the extension's WebAssembly build, for list maintainers and tests.
//
// Usage:
//
//	widgetscan [flags] file.html            print the report JSON
//	widgetscan [flags] file.html dir ...    one {"file":...,"report":...} line per page
//
// Flags:
//
//	-url URL     the page's URL (one file only); otherwise the URL that the
//	             expect*.json files beside the fixtures give, else
//	             https://example.com/<file name>
//	-list PATH   the list: a signed envelope (needs -keys), an unsigned list
//	             payload, or a list source folder; default the embedded
//	             default list
//	-keys PATH   the public keys file that may sign -list
//	-stats       compare each report's (provider, kind) set with the
//	             expect*.json files and print precision and recall per
//	             provider; exit status 1 on any mismatch
//	-observe     print the observations instead of reports
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // a page could not be scanned, or -stats found mismatches
	exitUsage = 2 // bad flags or arguments
)

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("widgetscan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pageURL := fs.String("url", "", "the page's `URL` (one file only)")
	listPath := fs.String("list", "", "the list: a signed envelope (with -keys), a list payload, or a list source folder (default: the embedded default list)")
	keysPath := fs.String("keys", "", "the public keys `file` that may sign -list")
	stats := fs.Bool("stats", false, "compare reports with the expect*.json files and print precision and recall per provider")
	observe := fs.Bool("observe", false, "print observations instead of reports")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: widgetscan [flags] file.html|dir ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "widgetscan: "+msg)
		fs.Usage()
		return exitUsage
	}
	if fs.NArg() == 0 {
		return usage("no HTML file or folder given")
	}
	if *keysPath != "" && *listPath == "" {
		return usage("-keys needs -list")
	}
	if *stats && *observe {
		return usage("-stats and -observe do not go together")
	}
	files, err := collect(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "widgetscan: "+err.Error())
		return exitFail
	}
	if *pageURL != "" && len(files) != 1 {
		return usage("-url needs exactly one HTML file")
	}
	sc, err := newScanner(*listPath, *keysPath)
	if err != nil {
		fmt.Fprintln(stderr, "widgetscan: "+err.Error())
		return exitFail
	}
	switch {
	case *stats:
		return runStats(sc, files, stdout, stderr)
	case *observe:
		return runObserve(sc, files, *pageURL, stdout, stderr)
	}
	return runReports(sc, files, *pageURL, stdout, stderr)
}

// runReports prints one report, or one line per page.
func runReports(sc *scanner, files []string, pageURL string, stdout, stderr io.Writer) int {
	status := exitOK
	for _, f := range files {
		u := pageURL
		if u == "" {
			u = sc.urlFor(f)
		}
		rep, err := sc.report(f, u)
		if err != nil {
			fmt.Fprintln(stderr, "widgetscan: "+err.Error())
			status = exitFail
			if len(files) > 1 {
				fmt.Fprintf(stdout, "{\"file\":%s,\"error\":%s}\n", jsonString(f), jsonString(err.Error()))
			}
			continue
		}
		if len(files) == 1 {
			fmt.Fprintf(stdout, "%s\n", rep)
		} else {
			fmt.Fprintf(stdout, "{\"file\":%s,\"report\":%s}\n", jsonString(f), rep)
		}
	}
	return status
}

// runObserve prints one {"file","url","observation"} line per page.
func runObserve(sc *scanner, files []string, pageURL string, stdout, stderr io.Writer) int {
	status := exitOK
	for _, f := range files {
		u := pageURL
		if u == "" {
			u = sc.urlFor(f)
		}
		obs, err := sc.observation(f, u)
		if err != nil {
			fmt.Fprintln(stderr, "widgetscan: "+err.Error())
			status = exitFail
			continue
		}
		fmt.Fprintf(stdout, "{\"file\":%s,\"observation\":%s}\n", jsonString(f), obs)
	}
	return status
}
