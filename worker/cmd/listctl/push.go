package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// tokenEnv names the environment variable push reads the admin token from
// when -token-file is not given.
const tokenEnv = "PARTNERWATCH_ADMIN_TOKEN"

// maxAnswerBytes caps how much of the worker's answer push reads.
const maxAnswerBytes = 1 << 20

var pushCommand = &command{
	name:  "push",
	usage: "push -url WORKER_URL [-token-file FILE] FILE",
	short: "upload a signed list to a list worker",
	summary: `Upload a signed list to a list worker: PUT WORKER_URL/v1/list with the admin
token as a bearer token, read from -token-file or from $` + tokenEnv + `.
Prints the worker's JSON answer. The token is never printed. Plain http is
refused except to localhost.`,
	flags: func(fs *flag.FlagSet) {
		fs.String("url", "", "base `URL` of the worker, such as https://list.example.org (required)")
		fs.String("token-file", "", "`FILE` holding the admin token (default: $"+tokenEnv+")")
	},
	run: runPush,
}

func runPush(e *env, fs *flag.FlagSet, args []string) error {
	file, err := oneArg(args, "FILE (the signed list)")
	if err != nil {
		return err
	}
	base := flagString(fs, "url")
	if base == "" {
		return usagef("missing -url WORKER_URL")
	}
	endpoint, err := listEndpoint(base)
	if err != nil {
		return usagef("-url: %v", err)
	}
	token, err := readToken(e, flagString(fs, "token-file"))
	if err != nil {
		return err
	}
	envelope, err := readSmall(file)
	if err != nil {
		return err
	}
	if _, ok := envelopePayload(envelope); !ok {
		return fmt.Errorf("%s is not a signed envelope; sign the list first (listctl sign)", file)
	}

	req, err := http.NewRequestWithContext(context.Background(), http.MethodPut, endpoint, bytes.NewReader(envelope))
	if err != nil {
		return fmt.Errorf("building the request: %v", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	// A redirect is reported, not followed: following it would resend the
	// token to a URL that listEndpoint never checked (plain http included).
	client := *e.client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("PUT %s: %v", endpoint, unwrapURLError(err))
	}
	defer res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode >= 300 && res.StatusCode <= 399 && loc != "" {
		return fmt.Errorf("PUT %s: the worker answered %s, redirecting to %s; push to the worker's own URL", endpoint, res.Status, loc)
	}
	answer, err := io.ReadAll(io.LimitReader(res.Body, maxAnswerBytes))
	if err != nil {
		return fmt.Errorf("PUT %s: reading the answer: %v", endpoint, err)
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("PUT %s: the worker answered %s: %s", endpoint, res.Status, workerError(answer))
	}
	e.stdout.Write(answer)
	if len(answer) > 0 && answer[len(answer)-1] != '\n' {
		fmt.Fprintln(e.stdout)
	}
	return nil
}

// listEndpoint checks the worker's base URL and returns its /v1/list URL.
func listEndpoint(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", base)
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("%q is not an http or https URL with a host", base)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q has user info, a query or a fragment; give the worker's base URL", base)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("%q is plain http, which would send the admin token in the clear; use https", base)
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/v1/list"
	return u.String(), nil
}

// isLoopback reports whether host is localhost or a loopback address.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// readToken reads the admin token from file or, without one, from the
// environment.
func readToken(e *env, file string) (string, error) {
	var token string
	if file != "" {
		data, err := readSmall(file)
		if err != nil {
			return "", fmt.Errorf("token file: %v", err)
		}
		token = strings.TrimSpace(string(data))
		if token == "" {
			return "", fmt.Errorf("token file %s is empty", file)
		}
	} else {
		token = strings.TrimSpace(e.getenv(tokenEnv))
		if token == "" {
			return "", usagef("no admin token: give -token-file FILE or set $%s", tokenEnv)
		}
	}
	if strings.ContainsAny(token, "\r\n\t ") {
		return "", fmt.Errorf("the admin token contains white space")
	}
	return token, nil
}

// workerError extracts the message of the worker's JSON error answer
// {"error":{"code","message","path"}}, or quotes the answer.
func workerError(answer []byte) string {
	var body struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Path    string `json:"path"`
		} `json:"error"`
	}
	if err := json.Unmarshal(answer, &body); err == nil && body.Error != nil {
		s := body.Error.Code + ": "
		if body.Error.Path != "" {
			s += body.Error.Path + ": "
		}
		return s + body.Error.Message
	}
	s := strings.TrimSpace(string(answer))
	if len(s) > 500 {
		s = s[:500] + "..."
	}
	if s == "" {
		return "(empty answer)"
	}
	return s
}

// unwrapURLError drops the *url.Error wrapper, whose text repeats the
// method and URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
