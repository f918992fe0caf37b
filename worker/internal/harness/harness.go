//go:build !js

// Package harness builds and runs the list worker as real processes for the
// integration test and the benchmark: the native server, and the Workers
// bundle inside workerd through `wrangler dev`. It also writes the fixture
// they serve: a test key pair, an admin token and signed lists.
package harness

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/worker/internal/testlist"
)

// RepoRoot finds the module root from the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("harness: go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Fixture is a key pair, a token and the files the workers read.
type Fixture struct {
	Dir       string
	Key       ed25519.PrivateKey
	Token     string
	KeysFile  string // public keys file
	TokenFile string
	Bundled   []byte // the bundled list's envelope
	// BundledFile holds Bundled.
	BundledFile string
}

// NewFixture writes a fixture into dir. The bundled list is issued at
// bundledAt, valid for 30 days, with extra partners beyond the first.
func NewFixture(dir string, bundledAt time.Time, extra int) (*Fixture, error) {
	f := &Fixture{Dir: dir, Key: testlist.NewKey(), Token: "integration-token-" + fmt.Sprint(time.Now().UnixNano())}
	pub, err := list.MarshalPublicKey(f.Key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, err
	}
	f.Bundled, err = f.Envelope(bundledAt, extra)
	if err != nil {
		return nil, err
	}
	f.KeysFile = filepath.Join(dir, "keys.json")
	f.TokenFile = filepath.Join(dir, "admin-token")
	f.BundledFile = filepath.Join(dir, "bundled.signed.json")
	for name, data := range map[string][]byte{f.KeysFile: pub, f.TokenFile: []byte(f.Token + "\n"), f.BundledFile: f.Bundled} {
		if err := os.WriteFile(name, data, 0o600); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// Envelope signs a test list issued at issued with the fixture's key.
func (f *Fixture) Envelope(issued time.Time, extra int) ([]byte, error) {
	return testlist.Sign(testlist.List(issued, 30*24*time.Hour, "Spotify", extra), f.Key)
}

// run runs a command in dir, returning its combined output on failure.
func run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// BuildNative builds the native worker into out.
func BuildNative(root, out string) error {
	return run(root, nil, "go", "build", "-o", out, "./worker")
}

// BuildWorkers builds the Workers bundle into outDir (worker.mjs,
// runtime.mjs, wasm_exec.js, app.wasm, assets/bundled) with the fixture's
// list and keys as the bundled assets, through `make worker`, the rule that
// builds the real bundle.
func BuildWorkers(root, outDir string, f *Fixture) error {
	return run(root, nil, "make", "--no-print-directory", "-s", "worker",
		"WORKER_BUILD="+outDir, "WORKER_LIST="+f.BundledFile, "WORKER_KEYS="+f.KeysFile)
}

// FreePort returns a loopback port that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Process is a running server.
type Process struct {
	URL  string
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan error
	// Ready is how long the first successful GET /v1/status took after
	// the start.
	Ready time.Duration
	// First is how long that GET took: for workerd, it includes starting
	// the Go program in a new isolate.
	First time.Duration
}

// Output returns what the process wrote so far.
func (p *Process) Output() string { return p.out.String() }

// start runs cmd in its own process group and waits until GET /v1/status
// answers 200.
func start(cmd *exec.Cmd, url string, timeout time.Duration) (*Process, error) {
	p := &Process{URL: url, cmd: cmd, out: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.done <- cmd.Wait() }()
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited before it was ready: %v\n%s", cmd.Path, err, p.out)
		default:
		}
		asked := time.Now()
		res, err := client.Get(url + "/v1/status")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				p.First = time.Since(asked)
				p.Ready = time.Since(began)
				return p, nil
			}
		}
	}
	p.Stop()
	return nil, fmt.Errorf("%s not ready after %s:\n%s", cmd.Path, timeout, p.out)
}

// ErrKilled is returned by Stop when the process ignored SIGINT.
var ErrKilled = errors.New("did not stop within ten seconds of SIGINT; killed")

// Stop interrupts the process group (wrangler and its workerd child), and
// kills it when it has not exited after ten seconds.
func (p *Process) Stop() error {
	pgid := p.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGINT)
	select {
	case err := <-p.done:
		syscall.Kill(-pgid, syscall.SIGKILL) // stragglers of the group, if any
		return err
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
		return ErrKilled
	}
}

// StartNative runs the native worker binary with the fixture, keeping its
// state in dataDir.
func StartNative(bin string, f *Fixture, dataDir string) (*Process, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, "-addr", addr, "-data", dataDir, "-list", f.BundledFile, "-keys", f.KeysFile, "-token-file", f.TokenFile)
	return start(cmd, "http://"+addr, 20*time.Second)
}

// StartWorkerd runs `wrangler dev` on the bundle in bundleDir with the
// repository's worker/wrangler.jsonc (copied beside the bundle so that its
// "main: ./build/worker.mjs" resolves), local KV and D1 state in stateDir,
// and the fixture's key and token as variables. No network is needed.
func StartWorkerd(root, bundleParent string, f *Fixture, stateDir string) (*Process, error) {
	return StartWrangler(filepath.Join(root, "worker", "node_modules", ".bin", "wrangler"), filepath.Join(root, "worker", "wrangler.jsonc"), bundleParent, f, stateDir, nil)
}

// StartWrangler is StartWorkerd with a given wrangler binary and
// configuration file (the benchmark runs an older checkout's bundle with
// its own configuration), and extra variables for the worker.
func StartWrangler(wrangler, confFile, bundleParent string, f *Fixture, stateDir string, vars map[string]string) (*Process, error) {
	conf, err := os.ReadFile(confFile)
	if err != nil {
		return nil, err
	}
	confPath := filepath.Join(bundleParent, "wrangler.jsonc")
	if err := os.WriteFile(confPath, conf, 0o644); err != nil {
		return nil, err
	}
	keys, err := os.ReadFile(f.KeysFile)
	if err != nil {
		return nil, err
	}
	envFile := filepath.Join(f.Dir, "workerd.env")
	env := fmt.Sprintf("ADMIN_TOKEN=%s\nPUBLIC_KEYS='%s'\n", f.Token, strings.TrimSpace(string(keys)))
	for k, v := range vars {
		env += k + "=" + v + "\n"
	}
	if err := os.WriteFile(envFile, []byte(env), 0o600); err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	inspector, err := FreePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(wrangler, "dev",
		"--config", confPath, "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--inspector-port", fmt.Sprint(inspector), "--persist-to", stateDir,
		"--env-file", envFile, "--show-interactive-dev-session=false", "--log-level", "warn",
		"--test-scheduled") // GET /__scheduled runs the cron handler
	cmd.Dir = bundleParent
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "CI=1", "NO_COLOR=1", "FORCE_COLOR=0",
		"CLOUDFLARE_API_TOKEN=", "WRANGLER_LOG_PATH="+filepath.Join(f.Dir, "wrangler-logs"))
	return start(cmd, fmt.Sprintf("http://127.0.0.1:%d", port), 120*time.Second)
}

// KVKeys lists the keys of the LISTS namespace in the local state of a
// Workers bundle run by StartWrangler (wrangler kv key list --local).
func KVKeys(root, bundleParent, stateDir string) ([]string, error) {
	cmd := exec.Command(filepath.Join(root, "worker", "node_modules", ".bin", "wrangler"), "kv", "key", "list",
		"--binding", "LISTS", "--local", "--persist-to", stateDir, "--config", filepath.Join(bundleParent, "wrangler.jsonc"))
	cmd.Dir = bundleParent
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CI=1", "NO_COLOR=1", "CLOUDFLARE_API_TOKEN=")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wrangler kv key list: %v\n%s", err, out)
	}
	var keys []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(out[bytes.IndexByte(out, '['):], &keys); err != nil {
		return nil, fmt.Errorf("wrangler kv key list: %v\n%s", err, out)
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.Name
	}
	return names, nil
}
