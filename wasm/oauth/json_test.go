package oauth

import (
	"reflect"
	"strings"
	"testing"
)

func TestRequestJSON(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want []string // substrings of the JSON
	}{
		// No scope: the list is empty, never null, and severity is low.
		{"no scope", "https://nid.naver.com/oauth2.0/authorize?response_type=code&client_id=abc",
			[]string{`"scopes":[]`, `"severity":"low"`, `"provider":"naver"`, `"login":true`}},
		// Scopes carry label and severity.
		{"gmail", "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&scope=https://www.googleapis.com/auth/gmail.readonly&redirect_uri=https://a.example.com/cb",
			[]string{`"label":"Read all your Gmail messages and settings"`, `"severity":"high"`, `"redirect_site":"example.com"`}},
		// An install is login false.
		{"add to slack", "https://slack.com/oauth/v2/authorize?client_id=1&scope=chat:write",
			[]string{`"login":false`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, ok := Parse(tc.url)
			if !ok {
				t.Fatalf("Parse refused %q", tc.url)
			}
			b, err := req.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("JSON %s lacks %s", b, w)
				}
			}
			var back Request
			if err := back.UnmarshalJSON(b); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(&back, req) {
				t.Errorf("round trip changed the request:\n got %+v\nwant %+v", back, *req)
			}
		})
	}
}
