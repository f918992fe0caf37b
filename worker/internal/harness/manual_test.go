package harness

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestManualWorkerd(t *testing.T) {
	if os.Getenv("MANUAL") == "" {
		t.Skip()
	}
	root, _ := RepoRoot()
	dir := "/tmp/wdrun"
	f, err := NewFixture(dir, time.Now().Add(-time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := BuildWorkers(root, filepath.Join(dir, "build"), f); err != nil {
		t.Fatal(err)
	}
	p, err := StartWorkerd(root, dir, f, filepath.Join(dir, "state"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	env, _ := f.Envelope(time.Now().Add(-time.Minute), 300)
	os.WriteFile(filepath.Join(dir, "big.json"), env, 0o644)
	up, _ := exec.Command("curl", "-s", "-X", "PUT", "-H", "Authorization: Bearer "+f.Token, "--data-binary", "@"+filepath.Join(dir, "big.json"), p.URL+"/v1/list").CombinedOutput()
	_ = env
	t.Logf("upload: %s", up)
	for i := 0; i < 5; i++ {
		out, _ := exec.Command("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}\n", p.URL+"/v1/list").CombinedOutput()
		t.Logf("%s", out)
	}
	for _, c := range []string{"-c1", "-c8"} {
		for _, path := range []string{"/v1/list", "/v1/status", "/nope"} {
			out, _ := exec.Command("wrk", "-t1", c, "-d4s", "--latency", p.URL+path).CombinedOutput()
			t.Logf("%s %s\n%s", c, path, out)
		}
	}
	t.Logf("%s", p.Output())
}
