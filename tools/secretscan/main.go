// Command secretscan looks for credentials in the files of the repository:
// private keys (PEM, or a PartnerWatch signing key file), cloud, forge and
// chat tokens, token-like values assigned to secret-sounding names, secret
// variables in wrangler.jsonc, and files that must never be committed (.keys/,
// .dev.vars, *.key.json, *.pem, .env). It prints each hit with its place and
// exits 1 when there is any; `make secret-scan` (part of `make test`) runs it
// over what git tracks or would add (git ls-files -co --exclude-standard).
//
// Usage:
//
//	secretscan [-allow FILE] PATH...
//
// The allow file lists, one per line, a path (or a directory ending in /)
// whose hits are known not to be secrets, with the reason after a #.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// rule is one kind of secret.
type rule struct {
	name string
	re   *regexp.Regexp
}

// rules are matched against every line of every text file.
var rules = []rule{
	{"PEM private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	{"PartnerWatch signing key", regexp.MustCompile(`"private_key"\s*:\s*"[A-Za-z0-9+/]{80,}={0,2}"`)},
	{"AWS access key", regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{"GitHub token", regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b`)},
	{"Slack token", regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,}`)},
	{"Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}\b`)},
	{"Stripe live key", regexp.MustCompile(`\b[sr]k_live_[0-9a-zA-Z]{20,}`)},
	{"npm token", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
	{"secret assigned", regexp.MustCompile(`(?i)\b(admin_token|api_token|cloudflare_api_token|cf_api_token|secret_key|client_secret|auth_token|access_token)\b["']?\s*[:=]\s*["']?[A-Za-z0-9_\-+/=.]{20,}`)},
	{"bearer token", regexp.MustCompile(`(?i)\bAuthorization:\s*Bearer\s+[A-Za-z0-9_\-+/=.]{24,}`)},
}

// forbiddenFile reports whether a path names a file that must never be in
// the repository, whatever it holds.
func forbiddenFile(path string) bool {
	p := filepath.ToSlash(path)
	base := filepath.Base(p)
	return strings.HasPrefix(p, ".keys/") || strings.Contains(p, "/.keys/") ||
		base == ".dev.vars" || base == ".env" || strings.HasSuffix(base, ".key.json") || strings.HasSuffix(base, ".pem")
}

// wranglerVars finds secret-sounding names in the "vars" of a wrangler
// configuration: secrets belong in `wrangler secret put`, never in vars.
var wranglerVars = regexp.MustCompile(`(?i)"[A-Z0-9_]*(TOKEN|SECRET|PASSWORD|PRIVATE)[A-Z0-9_]*"\s*:`)

// hit is one finding.
type hit struct {
	path string
	line int
	what string
}

func (h hit) String() string { return fmt.Sprintf("%s:%d: %s", h.path, h.line, h.what) }

// maxFileBytes bounds what is read of one file; larger files are data.
const maxFileBytes = 8 << 20

// scanFile returns the hits in one file's content.
func scanFile(path string, r io.Reader) ([]hit, error) {
	var hits []hit
	if forbiddenFile(path) {
		hits = append(hits, hit{path, 0, "a file that must never be committed"})
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes))
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		return hits, nil // binary
	}
	wrangler := strings.HasPrefix(filepath.Base(path), "wrangler.")
	inVars := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxFileBytes)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		for _, r := range rules {
			if r.re.MatchString(line) {
				hits = append(hits, hit{path, n, r.name})
			}
		}
		if wrangler {
			if strings.Contains(line, `"vars"`) {
				inVars = true
			}
			if inVars && wranglerVars.MatchString(line) {
				hits = append(hits, hit{path, n, "a secret-sounding var in wrangler config (use wrangler secret put)"})
			}
			if inVars && strings.Contains(line, "}") {
				inVars = false
			}
		}
	}
	return hits, sc.Err()
}

// allowList reads the allow file: paths (or directories ending in /) whose
// hits are known not to be secrets.
func allowList(file string) ([]string, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, filepath.ToSlash(line))
		}
	}
	return out, nil
}

// allowed reports whether path is on the allow list.
func allowed(path string, allow []string) bool {
	p := filepath.ToSlash(path)
	for _, a := range allow {
		if p == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(p, a)) {
			return true
		}
	}
	return false
}

// scan scans the files and returns every hit not allowed.
func scan(paths, allow []string) ([]hit, error) {
	var all []hit
	for _, p := range paths {
		if strings.Contains(filepath.ToSlash(p), "node_modules/") || allowed(p, allow) {
			continue
		}
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue // deleted, a directory or a link
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		hits, err := scanFile(p, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		all = append(all, hits...)
	}
	return all, nil
}

func main() {
	allowFile := flag.String("allow", "", "allow-list `FILE`")
	flag.Parse()
	allow, err := allowList(*allowFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "secretscan:", err)
		os.Exit(2)
	}
	var paths []string
	for _, a := range flag.Args() {
		if a == "-" {
			sc := bufio.NewScanner(os.Stdin)
			for sc.Scan() {
				if l := strings.TrimSpace(sc.Text()); l != "" {
					paths = append(paths, l)
				}
			}
			continue
		}
		paths = append(paths, a)
	}
	hits, err := scan(paths, allow)
	if err != nil {
		fmt.Fprintln(os.Stderr, "secretscan:", err)
		os.Exit(2)
	}
	for _, h := range hits {
		fmt.Println(h)
	}
	if len(hits) > 0 {
		fmt.Fprintf(os.Stderr, "secretscan: %d possible secret(s) in %d files; remove them, or add a reviewed entry to the allow file\n", len(hits), len(paths))
		os.Exit(1)
	}
	fmt.Printf("secretscan: %d files, no secrets\n", len(paths))
}
