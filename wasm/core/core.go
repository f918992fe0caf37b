package core

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// CoreVersion names this build of the core in VersionInfo.
const CoreVersion = "partnerwatch-core/0.1.0"

// Error codes. Those of list verification (too_large, bad_envelope,
// unknown_key, bad_signature, bad_payload, invalid_list, rollback,
// not_yet_valid) are list's codes, passed through unchanged.
const (
	CodeBadRequest     = "bad_request"
	CodeTooLarge       = list.CodeTooLarge
	CodeNoList         = "no_list"
	CodeStaleSelectors = detect.ProblemStaleSelectors
	CodeInternal       = "internal"
	CodeBadSnapshot    = "bad_snapshot"
)

// Core holds the loaded list and its compiled engine. The zero value is
// ready to use and has no list; methods are safe for concurrent use. A list
// replaces the loaded one only when it loaded completely, so a failed load
// keeps the last good list.
type Core struct {
	state atomic.Pointer[state]
	// mu serialises the writers of state (loads and drops), so that one
	// writer's copy of the grants lists never loses another's.
	mu sync.Mutex
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

// state is the loaded detection list and grants lists: never modified,
// replaced whole. engine is nil while only grants lists are loaded.
type state struct {
	engine *detect.Engine
	info   ListInfo
	// extras are the grants lists in the order they were first loaded.
	extras []extra
}

// extra is one grants list (LoadRequest.Extra): its id and compiled engine,
// of which only the partner lookup is used.
type extra struct {
	id     string
	engine *detect.Engine
}

// withEngine stores a new detection list, keeping the grants lists.
func (c *Core) withEngine(e *detect.Engine, info ListInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &state{engine: e, info: info}
	if old := c.state.Load(); old != nil {
		s.extras = old.extras
	}
	c.state.Store(s)
}

// detection answers the state when a detection list is loaded, else nil.
func (c *Core) detection() *state {
	if s := c.state.Load(); s != nil && s.engine != nil {
		return s
	}
	return nil
}

// New returns a Core with no list loaded.
func New() *Core { return &Core{} }

func (c *Core) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// LoadTrusted loads a list that needs no signature check, such as the
// default list compiled into the native scanner. The list is compiled but
// neither verified nor validated: only in-process lists may come this way.
func (c *Core) LoadTrusted(l *list.List) (*ListInfo, error) {
	e, err := detect.Compile(l)
	if err != nil {
		return nil, err
	}
	info := newListInfo(e, c.now())
	c.withEngine(e, info)
	return &info, nil
}

// newListInfo describes a compiled list; KeyID and SHA256 are the caller's.
func newListInfo(e *detect.Engine, now time.Time) ListInfo {
	l := e.List()
	var manage map[string]string
	for i := range l.Providers {
		if m := l.Providers[i].Manage; m != nil {
			if manage == nil {
				manage = make(map[string]string)
			}
			manage[l.Providers[i].ID] = m.URL
		}
	}
	return ListInfo{
		Manage:    manage,
		ID:        l.ID,
		Version:   l.Version,
		IssuedAt:  l.IssuedAt,
		ExpiresAt: l.ExpiresAt,
		Stale:     stale(l, now),
		Providers: len(l.Providers),
		Partners:  len(l.Partners),
		Selectors: e.Selectors(),
		Tokens:    e.Tokens(),
		Hosts:     e.Hosts(),
		LinkWords: e.LinkWords(),
	}
}

// stale reports whether a list with an expiry has passed it.
func stale(l *list.List, now time.Time) bool { return l.ExpiresAt != "" && l.Stale(now) }

// Version answers with the build's names and the loaded list's version.
func (c *Core) Version() []byte {
	return guard(func() *Response {
		v := &VersionInfo{Core: CoreVersion, Go: runtime.Version()}
		if s := c.detection(); s != nil {
			v.ListVersion = s.info.Version
		}
		return &Response{OK: true, Version: v}
	})
}
