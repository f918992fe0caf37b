package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// A record travels and rests as one blob, so that its metadata and its
// envelope are always replaced together (one file rename, one KV value):
//
//	pwrec1 {"id":...,"version":...,...}\n
//	<envelope bytes, verbatim>
//
// The first line is a magic word and the compact Meta JSON; everything after
// the first newline is the envelope exactly as uploaded.
const recordMagic = "pwrec1 "

// maxMetaLine bounds the first line, so a corrupt blob cannot make Decode
// scan or allocate much before it fails.
const maxMetaLine = 4096

// Encode returns rec as one blob.
func Encode(rec *Record) ([]byte, error) {
	meta, err := json.Marshal(rec.Meta)
	if err != nil {
		return nil, err
	}
	if len(meta) > maxMetaLine-len(recordMagic)-1 {
		return nil, errors.New("storage: record metadata too long")
	}
	out := make([]byte, 0, len(recordMagic)+len(meta)+1+len(rec.Envelope))
	out = append(out, recordMagic...)
	out = append(out, meta...)
	out = append(out, '\n')
	return append(out, rec.Envelope...), nil
}

// Decode parses a blob made by Encode. The returned envelope aliases blob.
func Decode(blob []byte) (*Record, error) {
	if !bytes.HasPrefix(blob, []byte(recordMagic)) {
		return nil, errors.New("storage: not a list record (bad magic)")
	}
	head := blob[:min(len(blob), maxMetaLine)]
	nl := bytes.IndexByte(head, '\n')
	if nl < 0 {
		return nil, errors.New("storage: list record has no metadata line")
	}
	rec := &Record{Envelope: blob[nl+1:]}
	if err := json.Unmarshal(blob[len(recordMagic):nl], &rec.Meta); err != nil {
		return nil, fmt.Errorf("storage: list record metadata: %v", err)
	}
	if rec.Meta.SHA256 == "" || rec.Meta.Version <= 0 || len(rec.Envelope) == 0 {
		return nil, errors.New("storage: list record metadata is incomplete")
	}
	return rec, nil
}
