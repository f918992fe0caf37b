//go:build !js

package server

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

func TestPage(t *testing.T) {
	f := newFixture(t, testToken)
	evil := `Evil <script>alert(1)</script> & "Co"`
	env := signed(t, testList(testNow.Add(-time.Hour), 30*24*time.Hour, evil), testKey)
	if res, body := f.put(t, env); res.StatusCode != 200 {
		t.Fatalf("PUT = %d %s", res.StatusCode, body)
	}
	tests := []struct {
		name     string
		target   string
		contains []string
		absent   []string
	}{
		// List text is escaped, never markup.
		{"escaping", "/", []string{
			"Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Co&#34;",
			`rel="noopener noreferrer"`,
			`href="https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html"`,
			"Read your private messages", "sev-high", "Facebook</strong>", "Access: ended 2018-12 (from 2010)", "Evidence: reported by the press",
			"said it was unaware of the access.", "version ", "(fresh)", "stored list",
		}, []string{"<script>"}},
		// A quote is shown in quotation marks with its speaker and date; a
		// summary is shown as our words, never in quotation marks.
		{"quotes and summaries", "/", []string{
			"<blockquote class=\"quote\">“People had to explicitly sign in to Facebook first.”<footer>— a Facebook spokesperson (Facebook), 2018-12-18",
			"(summary in our words): The partner said it was unaware of the access.",
			"Press report: <a href=",
		}, []string{"“The partner said", "unaware of the access.”"}},
		// Search works on the server.
		{"search by platform", "/?q=facebook", []string{"1 of 1 partners match", "Evil &lt;script"}, nil},
		{"search by permission", "/?q=PRIVATE+messages", []string{"1 of 1 partners match"}, nil},
		{"search without match", "/?q=netflix", []string{"0 of 1 partners match", "No partner matches."}, []string{"Evil &lt;script"}},
		{"search text is escaped", "/?q=%3Cscript%3E", []string{`value="&lt;script&gt;"`, "1 of 1 partners match"}, []string{"<script>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := f.do(t, http.MethodGet, tt.target, nil)
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("GET %s = %d %s", tt.target, res.StatusCode, res.Header.Get("Content-Type"))
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(body, s) {
					t.Errorf("page contains %q", s)
				}
			}
			if strings.Contains(body, "http://") || strings.Contains(body, "<link") || strings.Contains(body, "<script") {
				t.Errorf("page loads external assets or scripts")
			}
		})
	}
}

func TestPageCorrections(t *testing.T) {
	f := newFixture(t, testToken)
	l := testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Spotify")
	l.Corrections = []list.Correction{
		{Date: "2026-11-01", Partner: "spotify", Change: "Older change.", Reason: "First reason.", URL: "https://example.com/first"},
		{Date: "2026-12-02", Change: "Newer <b>change</b>.", Reason: "Second reason.", URL: "https://example.com/second"},
	}
	list.Stamp(l, testNow.Add(-time.Hour), 30*24*time.Hour)
	if res, body := f.put(t, signed(t, l, testKey)); res.StatusCode != 200 {
		t.Fatalf("PUT = %d %s", res.StatusCode, body)
	}
	_, body := f.do(t, http.MethodGet, "/", nil)
	newer := strings.Index(body, "2026-12-02: Newer &lt;b&gt;change&lt;/b&gt;. Why: Second reason.")
	older := strings.Index(body, `2026-11-01 (<a href="#partner-spotify">spotify</a>): Older change. Why: First reason.`)
	if !strings.Contains(body, `<section id="corrections">`) || newer < 0 || older < 0 || newer > older {
		t.Errorf("the corrections log is missing or not newest first (newer at %d, older at %d)", newer, older)
	}
	// Filtering partners does not hide the log.
	if _, body := f.do(t, http.MethodGet, "/?q=nothing-matches", nil); !strings.Contains(body, "Older change.") {
		t.Errorf("a search hides the corrections log")
	}
}

func TestPageStale(t *testing.T) {
	f := newFixture(t, testToken)
	f.h.cfg.Now = func() time.Time { return testNow.AddDate(1, 0, 0) }
	_, body := f.do(t, http.MethodGet, "/", nil)
	if !strings.Contains(body, "stale: past its expiry") || !strings.Contains(body, "bundled list") {
		t.Errorf("the page does not say the bundled list is stale")
	}
}

func TestAccessLogOmitsHeaders(t *testing.T) {
	f := newFixture(t, testToken)
	var buf bytes.Buffer
	logger := log.New(&buf, "", 0)
	h := LogRequests(f.h, logger.Printf)
	for _, auth := range []string{"Bearer " + testToken, "Bearer wrong-token"} {
		req, _ := http.NewRequest(http.MethodPut, "/v1/list?x=1", strings.NewReader("{}"))
		req.Header.Set("Authorization", auth)
		req.Header.Set("Cookie", "session=abc")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	// A token sent in the query by mistake, and a reader's search.
	for _, target := range []string{"/v1/list?token=" + testToken, "/v1/list?access_token=" + testToken, "/?q=my+bank"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPut, target, strings.NewReader("{}")))
	}
	out := buf.String()
	for _, secret := range []string{testToken, "wrong-token", "Bearer", "session=abc", "token=", "my+bank", "x=1"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q: %s", secret, out)
		}
	}
	for _, want := range []string{`PUT "/v1/list?<3 bytes>" 400`, `PUT "/v1/list?<3 bytes>" 401`, `PUT "/v1/list?<34 bytes>" 401`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q: %s", want, out)
		}
	}
}

// TestPageManageLink checks that a grant's platform with a manage-access page
// shows it as a link, and that a platform without one shows none.
func TestPageManageLink(t *testing.T) {
	for _, tt := range []struct {
		name   string
		manage *list.Manage
		want   string
	}{
		{"with a manage page", &list.Manage{URL: "https://www.facebook.com/settings?tab=applications&x=<b>", Source: "https://www.facebook.com/help/", Read: "2026-12-02"},
			`<p class="manage"><a href="https://www.facebook.com/settings?tab=applications&amp;x=%3cb%3e" rel="noopener noreferrer">Manage the apps connected to your Facebook account</a></p>`},
		{"without", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, testToken)
			l := testList(testNow.Add(-time.Hour), 30*24*time.Hour, "Spotify")
			for i := range l.Providers {
				if l.Providers[i].ID == "facebook" {
					l.Providers[i].Manage = tt.manage
				}
			}
			if res, body := f.put(t, signed(t, l, testKey)); res.StatusCode != 200 {
				t.Fatalf("PUT = %d %s", res.StatusCode, body)
			}
			_, body := f.do(t, http.MethodGet, "/", nil)
			if tt.want != "" && !strings.Contains(body, tt.want) {
				t.Errorf("page lacks %q", tt.want)
			}
			if tt.want == "" && strings.Contains(body, `class="manage"`) {
				t.Errorf("page shows a manage link for a platform without one")
			}
		})
	}
}
