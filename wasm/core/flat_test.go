package core

import (
	"encoding/binary"
	"testing"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// flatURL is the flat form of an observation with only a URL: its length
// in nums, and zeros for every other field (see detect.DecodeFlat).
func flatURL(url string) (text, nums []byte) {
	// url, top_url, list_version (two), scripts, inline, frames, links,
	// forms, elements, controls, requests.
	nums = binary.LittleEndian.AppendUint32(nil, uint32(len(url)))
	for range 11 {
		nums = binary.LittleEndian.AppendUint32(nums, 0)
	}
	return []byte(url), nums
}

// TestReportFlat checks ReportFlat's answers around the engine: the size
// cap, malformed input, no list, and a report like Report's.
func TestReportFlat(t *testing.T) {
	c, _ := loaded(t)
	text, nums := flatURL("https://www.spotify.com/")
	for _, tc := range []struct {
		name       string
		core       *Core
		text, nums []byte
		wantCode   string
		wantOK     bool
	}{
		{"a report", c, text, nums, "", true},
		{"too large", c, make([]byte, detect.MaxObservation), nums, CodeTooLarge, false},
		{"malformed", c, text, nums[:8], CodeBadRequest, false},
		{"no list", New(), text, nums, CodeNoList, false},
		{"bad URL", c, []byte("no url"), append(binary.LittleEndian.AppendUint32(nil, 6), nums[4:]...), CodeBadRequest, false},
	} {
		r := parse(t, tc.core.ReportFlat(append([]byte(nil), tc.text...), tc.nums))
		if r.OK != tc.wantOK || code(r) != tc.wantCode {
			t.Errorf("%s: ok=%v code=%q (%+v), want ok=%v code=%q", tc.name, r.OK, code(r), r.Error, tc.wantOK, tc.wantCode)
		}
	}
	want := c.Report([]byte(`{"url":"https://www.spotify.com/"}`))
	if got := c.ReportFlat(text, nums); string(got) != string(want) {
		t.Errorf("ReportFlat and Report differ:\n%s\n%s", got, want)
	}
}
