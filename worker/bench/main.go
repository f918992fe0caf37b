// Command bench measures the list worker under load and writes the results
// into the "## Worker" section of BENCHMARKS.md. worker/bench/bench.sh runs
// it; see there for the settings.
//
// Three servers serve the same envelope bytes on loopback: a baseline (Go's
// http.ServeContent behind a tiny handler, the cost of serving a static
// file), the native worker (build/bin/worker equivalent, list uploaded to
// its file store) and the Workers bundle in workerd via wrangler dev (list
// uploaded to its local KV). wrk measures each for GET /v1/list and for a
// conditional GET answered 304. A single-connection run on workerd
// approximates the CPU time per request, since syumai/workers starts a Go
// instance for every request; the time from `wrangler dev` start to the
// first 200 is the cold start.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/partnerwatch/partnerwatch/worker/internal/harness"
)

func main() {
	duration := flag.Duration("duration", 10*time.Second, "wrk duration per run")
	conns := flag.Int("connections", 32, "wrk connections")
	threads := flag.Int("threads", 2, "wrk threads")
	partners := flag.Int("partners", 300, "partners in the benchmark list")
	out := flag.String("out", "BENCHMARKS.md", "file whose \"## Worker\" section is replaced")
	flag.Parse()
	if err := run(*duration, *conns, *threads, *partners, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// result is one wrk run.
type result struct {
	rps      float64
	p50, p99 string
	errors   string
}

func run(duration time.Duration, conns, threads, partners int, out string) error {
	var loadavg string
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		loadavg = strings.Join(strings.Fields(string(la))[:3], " ")
	}
	root, err := harness.RepoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "pw-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	f, err := harness.NewFixture(tmp, time.Now().Add(-2*time.Hour), 0)
	if err != nil {
		return err
	}
	envelope, err := f.Envelope(time.Now().Add(-time.Hour), partners)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(envelope)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	log("list: %d partners, envelope %d bytes", partners+1, len(envelope))

	// Baseline: the same bytes from a static handler.
	baseURL, stopBase, err := baseline(envelope, etag)
	if err != nil {
		return err
	}
	defer stopBase()

	// Native worker.
	bin := filepath.Join(tmp, "worker")
	if err := harness.BuildNative(root, bin); err != nil {
		return err
	}
	native, err := harness.StartNative(bin, f, filepath.Join(tmp, "native-data"))
	if err != nil {
		return err
	}
	defer native.Stop()
	if err := upload(native.URL, f.Token, envelope); err != nil {
		return err
	}

	// Workers bundle in workerd.
	bundleParent := filepath.Join(tmp, "workers")
	if err := harness.BuildWorkers(root, filepath.Join(bundleParent, "build"), f); err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(bundleParent, "build", "app.wasm"))
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()
	workerd, err := harness.StartWorkerd(root, bundleParent, f, filepath.Join(tmp, "wrangler-state"))
	if err != nil {
		return err
	}
	coldFirst := workerd.Ready
	if err := upload(workerd.URL, f.Token, envelope); err != nil {
		workerd.Stop()
		return err
	}
	// A restart over the same state: wrangler and workerd start again, the
	// list now comes from the persisted KV.
	workerd.Stop()
	workerd, err = harness.StartWorkerd(root, bundleParent, f, filepath.Join(tmp, "wrangler-state"))
	if err != nil {
		return err
	}
	defer workerd.Stop()
	coldRestart := workerd.Ready

	servers := []struct{ name, url string }{
		{"baseline (static)", baseURL},
		{"native worker", native.URL},
		{"workerd (wrangler dev)", workerd.URL},
	}
	type row struct {
		server           string
		get, conditional result
	}
	var rows []row
	for _, s := range servers {
		r := row{server: s.name}
		if r.get, err = wrk(s.url+"/v1/list", "", duration, conns, threads); err != nil {
			return err
		}
		if r.conditional, err = wrk(s.url+"/v1/list", etag, duration, conns, threads); err != nil {
			return err
		}
		log("%s: GET %.0f req/s p99 %s; 304 %.0f req/s p99 %s", s.name, r.get.rps, r.get.p99, r.conditional.rps, r.conditional.p99)
		rows = append(rows, r)
	}
	single, err := wrk(workerd.URL+"/v1/list", etag, duration/2, 1, 1)
	if err != nil {
		return err
	}
	singleNative, err := wrk(native.URL+"/v1/list", etag, duration/2, 1, 1)
	if err != nil {
		return err
	}
	// A 404 touches no storage: the Go instance's start and the routing.
	single404, err := wrk(workerd.URL+"/nope", "", duration/2, 1, 1)
	if err != nil {
		return err
	}
	singleGet, err := wrk(workerd.URL+"/v1/list", "", duration/2, 1, 1)
	if err != nil {
		return err
	}

	// The report.
	var b strings.Builder
	fmt.Fprintf(&b, "## Worker\n\n")
	fmt.Fprintf(&b, "Measured %s by `make bench-worker` (worker/bench/bench.sh → `go run ./worker/bench`) on %s/%s, %d CPUs, %s.\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(&b, "Load: `wrk -t%d -c%d -d%s --latency` on loopback; wrk, the server and (for workerd) wrangler share the same CPUs, so the numbers compare servers with each other rather than predict production.\n", threads, conns, duration)
	if loadavg != "" {
		fmt.Fprintf(&b, "Load average when the run started: %s (other work on the machine makes runs vary; compare rows of one run).\n", loadavg)
	}
	fmt.Fprintf(&b, "The native worker logs one line per request, as it does in production; the baseline logs nothing.\n")
	fmt.Fprintf(&b, "List: a synthetic signed list of %d partners, envelope %d bytes. Conditional requests send `If-None-Match` with the current ETag and get 304.\n\n", partners+1, len(envelope))
	fmt.Fprintf(&b, "| server | GET req/s | GET p50 | GET p99 | GET vs baseline | 304 req/s | 304 p50 | 304 p99 | 304 vs baseline |\n|---|---|---|---|---|---|---|---|---|\n")
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
	fmt.Fprintf(&b, "\nWorkers bundle (`app.wasm`, Go %s, `-trimpath -ldflags=-s`): %d bytes raw, %d bytes gzip -9 (Cloudflare's limits apply to the compressed size: 3 MB free, 10 MB paid).\n", runtime.Version(), len(wasm), gz.Len())
	fmt.Fprintf(&b, "\nCold start in workerd: `wrangler dev` start to the first 200 of GET /v1/status: %s on first start (empty state, bundled list), %s on a restart (list from the persisted local KV). Most of it is wrangler bundling and starting workerd, not Go.\n", coldFirst.Round(time.Millisecond), coldRestart.Round(time.Millisecond))
	fmt.Fprintf(&b, "\nTime per request, one connection at a time (`wrk -t1 -c1`), which on one connection is close to the CPU time per request (workerd freezes clocks inside a request, so the worker cannot time itself):\n\n")
	fmt.Fprintf(&b, "| request | workerd p50 | workerd p99 | workerd req/s | native p50 | native req/s |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| 404, no storage access (Go instance start + routing) | %s | %s | %.0f | | |\n", single404.p50, single404.p99, single404.rps)
	fmt.Fprintf(&b, "| conditional GET, 304 (reads KV `meta`) | %s | %s | %.0f | %s | %.0f |\n", single.p50, single.p99, single.rps, singleNative.p50, singleNative.rps)
	fmt.Fprintf(&b, "| GET, 200 (reads `meta` and the envelope) | %s | %s | %.0f | | |\n", singleGet.p50, singleGet.p99, singleGet.rps)
	fmt.Fprintf(&b, "\nsyumai/workers instantiates the Go WebAssembly module for every request; that start is the floor of every workerd request above, and under 32 connections requests queue behind it on the shared CPUs, which is what the p99 column of the first table shows. In production Cloudflare spreads requests over many isolates; the per-request CPU time is the figure that carries over.\n")
	fmt.Fprintf(&b, "\nReproduce: `make bench-worker` (BENCH_DURATION, BENCH_CONNECTIONS, BENCH_THREADS override the wrk settings).\n")
	section := b.String()
	fmt.Print(section)
	return writeSection(out, section)
}

// ratio formats x/base.
func ratio(x, base float64) string {
	if base == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3g×", x/base)
}

func log(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }

// baseline serves envelope at /v1/list the way a static file server would,
// with the same ETag, and returns its URL.
func baseline(envelope []byte, etag string) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	mod := time.Now()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/json")
		http.ServeContent(w, r, "list.json", mod, bytes.NewReader(envelope))
	})}
	go srv.Serve(l)
	return "http://" + l.Addr().String(), func() { srv.Close() }, nil
}

// upload PUTs envelope with the token.
func upload(url, token string, envelope []byte) error {
	req, _ := http.NewRequest(http.MethodPut, url+"/v1/list", bytes.NewReader(envelope))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("upload to %s: %s", url, res.Status)
	}
	return nil
}

var (
	rpsRe    = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	pctRe    = regexp.MustCompile(`(?m)^\s+(50|99)%\s+(\S+)`)
	errorsRe = regexp.MustCompile(`(?m)^\s+(Socket errors:.*|Non-2xx or 3xx responses:.*)$`)
)

// wrk runs one load test and parses its report.
func wrk(url, ifNoneMatch string, d time.Duration, conns, threads int) (result, error) {
	args := []string{"-t" + strconv.Itoa(threads), "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s", "--latency", "--timeout", "10s"}
	if ifNoneMatch != "" {
		args = append(args, "-H", "If-None-Match: "+ifNoneMatch)
	}
	args = append(args, url)
	outb, err := exec.Command("wrk", args...).CombinedOutput()
	out := string(outb)
	if err != nil {
		return result{}, fmt.Errorf("wrk %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	var r result
	m := rpsRe.FindStringSubmatch(out)
	if m == nil {
		return result{}, fmt.Errorf("wrk output has no Requests/sec:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	for _, m := range pctRe.FindAllStringSubmatch(out, -1) {
		if m[1] == "50" {
			r.p50 = m[2]
		} else {
			r.p99 = m[2]
		}
	}
	var errs []string
	for _, m := range errorsRe.FindAllStringSubmatch(out, -1) {
		errs = append(errs, strings.TrimSpace(m[1]))
	}
	r.errors = strings.Join(errs, "; ")
	return r, nil
}
