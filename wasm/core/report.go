package core

import "github.com/partnerwatch/partnerwatch/wasm/detect"

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
		s := c.state.Load()
		if s == nil {
			return fail(CodeNoList, "no list is loaded: call loadList first")
		}
		rep, problem := s.engine.Analyze(&o)
		r := &Response{OK: true, Report: rep}
		if problem != nil {
			r.Error = &Error{Code: problem.Code, Message: problem.Message}
			r.OK = problem.Code != detect.ProblemBadURL
		}
		return r
	})
}
