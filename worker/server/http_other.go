//go:build !js

package server

import (
	"net"
	"net/http"
	"strconv"
	"time"
)

// ServeHTTP makes the handler an http.Handler for the native server and
// the tests.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res := h.Serve(&Request{
		Ctx:           r.Context(),
		Method:        r.Method,
		Path:          r.URL.Path,
		RawQuery:      r.URL.RawQuery,
		Header:        r.Header,
		Client:        clientIP(r.RemoteAddr),
		ContentLength: r.ContentLength,
		Body:          r.Body,
	})
	hd := w.Header()
	for k, v := range res.Header {
		hd.Set(k, v)
	}
	w.WriteHeader(res.Status)
	if r.Method != http.MethodHead && len(res.Body) > 0 {
		w.Write(res.Body)
	}
}

// clientIP is the host part of a remote address. Behind a reverse proxy all
// clients share the proxy's address, which is then what is limited.
func clientIP(remoteAddr string) string {
	if host, _, err := net.SplitHostPort(remoteAddr); err == nil {
		return host
	}
	return remoteAddr
}

// LogRequests logs one line per request: client address, method, path,
// status, bytes sent and duration. It logs no header and no query string:
// neither the Authorization header, nor a token a client put in the URL by
// mistake (?token=...), nor cookies or a reader's searches ever reach the
// log. A query is logged as its length only.
func LogRequests(next http.Handler, logf func(format string, args ...any)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		target := r.URL.EscapedPath()
		if q := r.URL.RawQuery; q != "" {
			target += "?<" + strconv.Itoa(len(q)) + " bytes>"
		}
		logf("%s %s %q %d %dB %s", r.RemoteAddr, r.Method, target, rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
	})
}

// statusRecorder remembers the status and counts the body bytes.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
