//go:build !js

// Command bench measures the list worker and writes the results into the
// "## Worker" section of BENCHMARKS.md. worker/bench/bench.sh runs it; see
// there for the settings.
//
// The same envelope is served on loopback by a baseline (Go's
// http.ServeContent behind a tiny handler: the cost of serving a static
// file), the native worker (list uploaded to its file store) and the
// Workers bundle in workerd through wrangler dev (list uploaded to its
// local KV). With -before REV, the bundle of that git revision is built in
// a temporary worktree and measured in the same run, so that before and
// after are compared side by side on the same machine and load.
//
// It reports the bundle's size (raw and gzip -9, the figure Cloudflare's
// plan limits apply to), the time per request in workerd with one
// connection for a 404 (no storage), a conditional GET answered 304 (KV
// metadata) and a GET (metadata and envelope), and throughput under load
// against the baseline. With one connection the time per request is close
// to the CPU time a request costs.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/partnerwatch/partnerwatch/worker/internal/harness"
)

func main() {
	var s settings
	flag.DurationVar(&s.duration, "duration", 10*time.Second, "wrk duration of a load run (one-connection runs take half)")
	flag.IntVar(&s.conns, "connections", 32, "wrk connections of a load run")
	flag.IntVar(&s.threads, "threads", 2, "wrk threads of a load run")
	flag.IntVar(&s.partners, "partners", 300, "partners in the benchmark list")
	flag.StringVar(&s.before, "before", "", "git revision whose Workers bundle is measured beside this tree's (empty: none)")
	out := flag.String("out", "BENCHMARKS.md", "file whose \"## Worker\" section is replaced")
	flag.Parse()
	section, err := run(s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Print(section)
	if err := writeSection(*out, section); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// settings are the command's flags.
type settings struct {
	duration       time.Duration
	conns, threads int
	partners       int
	before         string
}

// bundle is one Workers build running in workerd.
type bundle struct {
	name             string
	raw, gzipped     int
	proc             *harness.Process
	cold, first      time.Duration
	r404, r304, rGet result // one connection
	load             row
	// code is the code size per package, from an unstripped build.
	code      []pkgSize
	codeTotal int
}

// row is a load run of GET and conditional GET against one server.
type row struct {
	server           string
	get, conditional result
}

// env is what every measurement needs.
type env struct {
	settings
	root, tmp string
	f         *harness.Fixture
	envelope  []byte
	etag      string
	stops     []func()
}

func (e *env) stop() {
	for i := len(e.stops) - 1; i >= 0; i-- {
		e.stops[i]()
	}
}

func run(s settings) (string, error) {
	loadavg := loadAverage()
	e, err := newEnv(s)
	if err != nil {
		return "", err
	}
	defer e.stop()
	defer os.RemoveAll(e.tmp)
	baseURL, err := e.baseline()
	if err != nil {
		return "", err
	}
	nativeURL, err := e.native()
	if err != nil {
		return "", err
	}
	var bundles []*bundle
	if s.before != "" {
		b, err := e.beforeBundle(s.before)
		if err != nil {
			return "", err
		}
		bundles = append(bundles, b)
	}
	after, err := e.startBundle("after (this tree)", e.root, filepath.Join(e.tmp, "after"), e.buildHere)
	if err != nil {
		return "", err
	}
	bundles = append(bundles, after)

	// One connection: the requests of every bundle in turn, so that a
	// change of machine load hits before and after alike.
	half := s.duration / 2
	for _, b := range bundles {
		if b.r404, err = wrk(b.proc.URL+"/nope", "", half, 1, 1); err != nil {
			return "", err
		}
	}
	for _, b := range bundles {
		if b.r304, err = wrk(b.proc.URL+"/v1/list", e.etag, half, 1, 1); err != nil {
			return "", err
		}
	}
	for _, b := range bundles {
		if b.rGet, err = wrk(b.proc.URL+"/v1/list", "", half, 1, 1); err != nil {
			return "", err
		}
	}
	nativeSingle, err := wrk(nativeURL+"/v1/list", e.etag, half, 1, 1)
	if err != nil {
		return "", err
	}

	// Under load.
	rows := []row{{server: "baseline (static)"}, {server: "native worker"}}
	for i, url := range []string{baseURL, nativeURL} {
		if rows[i], err = e.load(rows[i].server, url); err != nil {
			return "", err
		}
	}
	for _, b := range bundles {
		if b.load, err = e.load("workerd, "+b.name, b.proc.URL); err != nil {
			return "", err
		}
		rows = append(rows, b.load)
	}
	return report(e, loadavg, rows, bundles, nativeSingle), nil
}

// newEnv writes the fixture and the benchmark list.
func newEnv(s settings) (*env, error) {
	root, err := harness.RepoRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "pw-bench-")
	if err != nil {
		return nil, err
	}
	f, err := harness.NewFixture(tmp, time.Now().Add(-2*time.Hour), 0)
	if err != nil {
		return nil, err
	}
	envelope, err := f.Envelope(time.Now().Add(-time.Hour), s.partners)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(envelope)
	log("list: %d partners, envelope %d bytes", s.partners+1, len(envelope))
	return &env{settings: s, root: root, tmp: tmp, f: f, envelope: envelope, etag: `"` + hex.EncodeToString(sum[:]) + `"`}, nil
}

// baseline serves the envelope at /v1/list the way a static file server
// would, with the same ETag, and returns its URL.
func (e *env) baseline() (string, error) {
	mod := time.Now()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", e.etag)
		w.Header().Set("Content-Type", "application/json")
		http.ServeContent(w, r, "list.json", mod, bytes.NewReader(e.envelope))
	})
	url, stop, err := serve(h)
	if err != nil {
		return "", err
	}
	e.stops = append(e.stops, stop)
	return url, nil
}

// native builds and starts the native worker and uploads the list.
func (e *env) native() (string, error) {
	bin := filepath.Join(e.tmp, "worker")
	if err := harness.BuildNative(e.root, bin); err != nil {
		return "", err
	}
	p, err := harness.StartNative(bin, e.f, filepath.Join(e.tmp, "native-data"))
	if err != nil {
		return "", err
	}
	e.stops = append(e.stops, func() { p.Stop() })
	return p.URL, upload(p.URL, e.f.Token, e.envelope)
}

// buildHere builds this tree's bundle into dir/build.
func (e *env) buildHere(dir string) error {
	return harness.BuildWorkers(e.root, filepath.Join(dir, "build"), e.f)
}

// beforeBundle checks rev out into a temporary worktree, builds its bundle
// with its own `make worker` and starts it with its own wrangler.jsonc.
func (e *env) beforeBundle(rev string) (*bundle, error) {
	tree := filepath.Join(e.tmp, "before-tree")
	if out, err := exec.Command("git", "-C", e.root, "worktree", "add", "--detach", tree, rev).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("git worktree add %s: %v\n%s", rev, err, out)
	}
	e.stops = append(e.stops, func() { exec.Command("git", "-C", e.root, "worktree", "remove", "--force", tree).Run() })
	build := func(string) error {
		cmd := exec.Command("make", "--no-print-directory", "-s", "worker", "WORKER_LIST="+e.f.BundledFile, "WORKER_KEYS="+e.f.KeysFile)
		cmd.Dir = tree
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("make worker in %s: %v\n%s", rev, err, out)
		}
		return nil
	}
	return e.startBundle("before ("+rev+")", tree, filepath.Join(tree, "worker"), build)
}

// startBundle builds a bundle into dir/build, measures it, starts it in
// workerd with that tree's wrangler.jsonc, uploads the list and restarts it
// over the same state (the cold start from persisted KV).
func (e *env) startBundle(name, tree, dir string, build func(dir string) error) (*bundle, error) {
	if err := build(dir); err != nil {
		return nil, err
	}
	b := &bundle{name: name}
	wasm, err := os.ReadFile(filepath.Join(dir, "build", "app.wasm"))
	if err != nil {
		return nil, err
	}
	b.raw, b.gzipped = len(wasm), gzipSize(wasm)
	if b.code, b.codeTotal, err = codeSizes(tree, filepath.Join(e.tmp, "names-"+filepath.Base(dir)+".wasm")); err != nil {
		return nil, err
	}
	wrangler := filepath.Join(e.root, "worker", "node_modules", ".bin", "wrangler")
	conf := filepath.Join(tree, "worker", "wrangler.jsonc")
	state := filepath.Join(e.tmp, "state-"+filepath.Base(dir))
	p, err := harness.StartWrangler(wrangler, conf, dir, e.f, state, nil)
	if err != nil {
		return nil, err
	}
	if err := upload(p.URL, e.f.Token, e.envelope); err != nil {
		p.Stop()
		return nil, err
	}
	p.Stop()
	if p, err = harness.StartWrangler(wrangler, conf, dir, e.f, state, nil); err != nil {
		return nil, err
	}
	b.proc, b.cold, b.first = p, p.Ready, p.First
	e.stops = append(e.stops, func() { p.Stop() })
	log("%s: app.wasm %d bytes, %d gzipped", name, b.raw, b.gzipped)
	return b, nil
}

// codeSizes builds tree's worker for js/wasm with its symbol names (no -s)
// and sums its code by package.
func codeSizes(tree, out string) ([]pkgSize, int, error) {
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, "./worker")
	cmd.Dir = tree
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, 0, fmt.Errorf("go build in %s: %v\n%s", tree, err, b)
	}
	mod, err := os.ReadFile(out)
	if err != nil {
		return nil, 0, err
	}
	return codeByPackage(mod)
}

// load runs GET and conditional GET under load.
func (e *env) load(name, url string) (row, error) {
	r := row{server: name}
	var err error
	if r.get, err = wrk(url+"/v1/list", "", e.duration, e.conns, e.threads); err != nil {
		return r, err
	}
	if r.conditional, err = wrk(url+"/v1/list", e.etag, e.duration, e.conns, e.threads); err != nil {
		return r, err
	}
	log("%s: GET %.0f req/s, 304 %.0f req/s", name, r.get.rps, r.conditional.rps)
	return r, nil
}

// report writes the section.
func report(e *env, loadavg string, rows []row, bundles []*bundle, nativeSingle result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Worker\n\n")
	fmt.Fprintf(&b, "Measured %s by `make bench-worker` (worker/bench/bench.sh → `go run ./worker/bench`) on %s/%s, %d CPUs, %s.\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	if loadavg != "" {
		fmt.Fprintf(&b, "Load average when the run started: %s (other work on the machine makes runs vary; compare rows of one run).\n", loadavg)
	}
	fmt.Fprintf(&b, "List: a synthetic signed list of %d partners, envelope %d bytes, uploaded to each server. Conditional requests send `If-None-Match` with the current ETag and get 304.\n", e.partners+1, len(e.envelope))
	if e.before != "" {
		fmt.Fprintf(&b, "Before and after: the Workers bundle of `%s` (built in a temporary worktree with its own `make worker` and wrangler.jsonc) and this tree's, in the same run.\n", e.before)
	}
	fmt.Fprintf(&b, "\n### Bundle size\n\n| bundle | app.wasm raw | gzip -9 | free plan (3 MB gzip) | target ≤ 2,000,000 |\n|---|---:|---:|---|---|\n")
	for _, bd := range bundles {
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s |\n", bd.name, bd.raw, bd.gzipped, verdict(bd.gzipped <= 3_000_000), verdict(bd.gzipped <= 2_000_000))
	}
	fmt.Fprintf(&b, "\n### Code by package\n\nBytes of WebAssembly code per Go package (function bodies, from an unstripped build of the same tree), the largest %d of each bundle; data segments come on top.\n\n", topPackages)
	b.WriteString(codeTable(bundles))
	fmt.Fprintf(&b, "\n### Time per request in workerd, one connection\n\n`wrk -t1 -c1 -d%s --latency`: with one connection the time per request is close to the CPU time it costs (workerd freezes clocks inside a request, so the worker cannot time itself).\n\n", e.duration/2)
	fmt.Fprintf(&b, "| bundle | 404 p50 | 404 p99 | 304 p50 | 304 p99 | GET p50 | GET p99 | GET req/s |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, bd := range bundles {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %.0f |\n", bd.name, bd.r404.p50, bd.r404.p99, bd.r304.p50, bd.r304.p99, bd.rGet.p50, bd.rGet.p99, bd.rGet.rps)
	}
	fmt.Fprintf(&b, "| native worker, for scale | | | %s | %s | | | |\n", nativeSingle.p50, nativeSingle.p99)
	fmt.Fprintf(&b, "\n404 touches no storage (the Go instance's start and the routing), 304 reads the KV `meta`, GET reads `meta` and the envelope.\n")
	fmt.Fprintf(&b, "\n### Throughput under load\n\n`wrk -t%d -c%d -d%s --latency` on loopback; wrk, the servers and wrangler share the same CPUs, so the rows compare servers rather than predict production. The native worker logs one line per request, as it does in production; the baseline logs nothing.\n\n", e.threads, e.conns, e.duration)
	fmt.Fprintf(&b, "| server | GET req/s | GET p50 | GET p99 | GET vs baseline | 304 req/s | 304 p50 | 304 p99 | 304 vs baseline |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f | %s | %s | %s | %.0f | %s | %s | %s |\n", r.server,
			r.get.rps, r.get.p50, r.get.p99, ratio(r.get.rps, rows[0].get.rps),
			r.conditional.rps, r.conditional.p50, r.conditional.p99, ratio(r.conditional.rps, rows[0].conditional.rps))
	}
	for _, r := range rows {
		if r.get.errors != "" || r.conditional.errors != "" {
			fmt.Fprintf(&b, "\nwrk reported errors for %s: %s %s\n", r.server, r.get.errors, r.conditional.errors)
		}
	}
	fmt.Fprintf(&b, "\nCold start in workerd (`wrangler dev` start to the first 200 of GET /v1/status, list in the persisted local KV; most of it is wrangler and workerd starting, not Go), and the time of that first request, which starts the Go program in a new isolate:")
	for _, bd := range bundles {
		fmt.Fprintf(&b, " %s %s (first request %s);", bd.name, bd.cold.Round(time.Millisecond), bd.first.Round(100*time.Microsecond))
	}
	fmt.Fprintf(&b, "\n\nReproduce: `make bench-worker` (BENCH_BEFORE=<rev> adds the bundle of that revision; BENCH_DURATION, BENCH_CONNECTIONS, BENCH_THREADS set the wrk runs).\n")
	return b.String()
}

// topPackages is how many packages of each bundle the code table lists.
const topPackages = 15

// codeTable lists the largest packages of each bundle, one column per
// bundle.
func codeTable(bundles []*bundle) string {
	var pkgs []string
	seen := map[string]bool{}
	for _, bd := range bundles {
		for i, p := range bd.code {
			if i < topPackages && !seen[p.pkg] {
				seen[p.pkg] = true
				pkgs = append(pkgs, p.pkg)
			}
		}
	}
	var b strings.Builder
	b.WriteString("| package |")
	for _, bd := range bundles {
		b.WriteString(" " + bd.name + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---:|", len(bundles)) + "\n")
	for _, p := range pkgs {
		b.WriteString("| " + p + " |")
		for _, bd := range bundles {
			n := 0
			for _, s := range bd.code {
				if s.pkg == p {
					n = s.bytes
				}
			}
			fmt.Fprintf(&b, " %d |", n)
		}
		b.WriteString("\n")
	}
	b.WriteString("| **all code** |")
	for _, bd := range bundles {
		fmt.Fprintf(&b, " %d |", bd.codeTotal)
	}
	b.WriteString("\n")
	return b.String()
}

func verdict(ok bool) string {
	if ok {
		return "fits"
	}
	return "**over**"
}

// gzipSize is the size of b compressed with gzip -9.
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

func loadAverage() string {
	la, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(la))[:3], " ")
}

func log(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }
