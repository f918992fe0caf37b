package core

import (
	"crypto/ed25519"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/snapshot"
)

// A service worker is stopped after seconds of idleness and its core with
// it; every start loaded the list again: decoding the envelope's JSON and
// compiling the rules, most of a restart's time inside WebAssembly, whose
// code runs cold then. A snapshot is the loaded detection list as bytes
// (its compiled engine, list included, and what its verification found),
// which the extension keeps beside the envelope and hands back on the next
// start (LoadRequest.Snapshot): the core reads it in place of the decode
// and the compile.
//
// Trust: a snapshot is never checked the way an envelope is, so the core
// takes one only as the verified_before shortcut's sibling: the caller
// vouches, by hashes it keeps where pages cannot write (session storage in
// the extension), that this build made these bytes from this envelope,
// verified in full with these keys. The core checks what verified_before
// checks (a pinned key signed it; its id, stamp, rollback and clock, by
// list.CheckAccepted) and that the snapshot is of the envelope the request
// names (its SHA-256). The snapshot package refuses bytes of another
// build's types; a build that changed what a field means without changing
// its type is kept apart by the caller: the extension's session storage,
// and with it every record that vouches for a snapshot, is cleared when
// the extension is updated.

// listImage is what a snapshot holds: the engine, and the list info the
// load that compiled it answered (with what its verification found: the
// key that signed it, the envelope's SHA-256), whose Stale alone is worked
// out again at each load.
type listImage struct {
	Info   ListInfo
	Engine *detect.Engine
}

// MaxSnapshot bounds the snapshot the core takes: several times the
// default list's (about 2 MB).
const MaxSnapshot = 32 << 20

// Snapshot returns the snapshot of the loaded detection list, nil when
// none is loaded (or it cannot be written, which a test rules out).
func (c *Core) Snapshot() []byte {
	s := c.detection()
	if s == nil {
		return nil
	}
	b, err := snapshot.Append(nil, &listImage{Info: s.info, Engine: s.engine})
	if err != nil {
		return nil
	}
	return b
}

// loadSnapshot loads the list of a snapshot (see the top of this file);
// opts are the request's, keys its pinned keys.
func (c *Core) loadSnapshot(b []byte, keys map[string]ed25519.PublicKey, opts list.VerifyOptions) *Response {
	if len(b) > MaxSnapshot {
		return &Response{Error: &Error{Code: CodeBadSnapshot, Message: "the snapshot is larger than the limit", Path: "snapshot"}}
	}
	var img listImage
	if err := snapshot.Decode(b, &img); err != nil {
		return &Response{Error: &Error{Code: CodeBadSnapshot, Message: err.Error(), Path: "snapshot"}}
	}
	switch {
	case img.Engine == nil || img.Engine.List() == nil:
		return &Response{Error: &Error{Code: CodeBadSnapshot, Message: "the snapshot holds no list", Path: "snapshot"}}
	case img.Info.SHA256 != opts.SHA256:
		return &Response{Error: &Error{Code: CodeBadSnapshot, Message: "the snapshot is of another envelope than sha256 names", Path: "snapshot"}}
	}
	if _, ok := keys[img.Info.KeyID]; !ok {
		return &Response{Error: &Error{Code: list.CodeUnknownKey, Message: "the list is signed by no pinned key"}}
	}
	if err := list.CheckAccepted(img.Engine.List(), opts); err != nil {
		return listFailure(err)
	}
	info := img.Info
	info.Stale = stale(img.Engine.List(), opts.Now)
	c.withEngine(img.Engine, info)
	return &Response{OK: true, List: &info}
}
