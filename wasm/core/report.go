package core

import (
	"strconv"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// Report answers an observation (detect.Observation JSON) with its report.
//
// Problems the engine works around come with the report as an error: an
// unusable page URL gives ok=false, a bad_request error and a report with no
// site and no findings; selector matches made with another list version give
// ok=true, a stale_selectors error (the content script should refresh its
// selector set) and a report made without them.
func (c *Core) Report(obs []byte) []byte {
	return guard(func() *Response {
		var o detect.Observation
		if bad := decode("observation", obs, detect.MaxObservation, &o); bad != nil {
			return bad
		}
		return c.report(&o)
	})
}

// ReportFlat is Report on the flat form of an observation (see
// detect.DecodeFlat), which the extension's service worker sends because
// decoding JSON is most of a report's cost inside WebAssembly. The two
// buffers together are capped at detect.MaxObservation bytes. ReportFlat
// keeps text: the caller must not change it afterwards.
func (c *Core) ReportFlat(text, nums []byte) []byte {
	return guard(func() *Response {
		if n := len(text) + len(nums); n > detect.MaxObservation {
			return fail(CodeTooLarge, "the observation is "+strconv.Itoa(n)+" bytes, more than the "+strconv.Itoa(detect.MaxObservation)+"-byte limit")
		}
		o, err := detect.DecodeFlat(text, nums)
		if err != nil {
			return fail(CodeBadRequest, err.Error())
		}
		return c.report(o)
	})
}

// report answers a decoded observation.
func (c *Core) report(o *detect.Observation) *Response {
	s := c.detection()
	if s == nil {
		return fail(CodeNoList, "no list is loaded: call loadList first")
	}
	rep, problem := s.engine.Analyze(o)
	r := &Response{OK: true, Report: rep}
	rep.Partner, r.Provenance = s.merge(rep.Partner, rep.Site)
	if len(s.extras) > 0 {
		// Grants lists may have added grants, or the partner itself.
		for i := range rep.Findings {
			f := &rep.Findings[i]
			f.Grants = detect.GrantsFor(rep.Partner, f.Provider)
			f.Alert = len(f.Grants) > 0
		}
	}
	if problem != nil {
		r.Error = &Error{Code: problem.Code, Message: problem.Message}
		r.OK = problem.Code != detect.ProblemBadRequest
	}
	return r
}
