//go:build !js

package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// result is one wrk run.
type result struct {
	rps      float64
	p50, p99 string
	errors   string
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
	return parseWrk(out)
}

// parseWrk reads requests per second, the 50th and 99th percentiles and
// any errors from wrk's --latency report.
func parseWrk(out string) (result, error) {
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

// ratio formats x/base.
func ratio(x, base float64) string {
	if base == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3g×", x/base)
}

// serve runs h on a loopback port and returns its URL and a stop function.
func serve(h http.Handler) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h}
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
