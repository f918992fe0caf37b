package cfstore

import (
	"fmt"
	"syscall/js"

	"github.com/partnerwatch/partnerwatch/worker/internal/cfjs"
)

// schema creates the single version row on first use, so a fresh D1
// database needs no migration step.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS list_head (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		version INTEGER NOT NULL,
		sha256 TEXT NOT NULL,
		lease_version INTEGER,
		lease_until INTEGER
	)`,
	`INSERT OR IGNORE INTO list_head (id, version, sha256) VALUES (1, 0, '')`,
	// Envelopes that are no longer served, and since when (Unix ms).
	`CREATE TABLE IF NOT EXISTS superseded (
		sha256 TEXT PRIMARY KEY,
		since INTEGER NOT NULL
	)`,
}

// ensureSchema runs the schema statements as one batch.
func ensureSchema(db js.Value) error {
	stmts := make([]any, len(schema))
	for i, q := range schema {
		st, err := cfjs.Call(db, "prepare", q)
		if err != nil {
			return fmt.Errorf("cfstore: D1 prepare: %v", err)
		}
		stmts[i] = st
	}
	p, err := cfjs.Call(db, "batch", js.ValueOf(stmts))
	if err == nil {
		_, err = cfjs.Await(p)
	}
	if err != nil {
		return fmt.Errorf("cfstore: D1 schema: %v", err)
	}
	return nil
}

// prepare binds args to query.
func prepare(db js.Value, query string, args ...any) (js.Value, error) {
	st, err := cfjs.Call(db, "prepare", query)
	if err != nil {
		return js.Value{}, fmt.Errorf("cfstore: D1 prepare: %v", err)
	}
	for i, a := range args {
		if n, ok := a.(int64); ok {
			args[i] = float64(n) // exact below 2^53: versions and milliseconds
		}
	}
	st, err = cfjs.Call(st, "bind", args...)
	if err != nil {
		return js.Value{}, fmt.Errorf("cfstore: D1 bind: %v", err)
	}
	return st, nil
}

// exec runs a statement and returns the number of rows it changed.
func exec(db js.Value, query string, args ...any) (int, error) {
	st, err := prepare(db, query, args...)
	if err != nil {
		return 0, err
	}
	p, err := cfjs.Call(st, "run")
	var res js.Value
	if err == nil {
		res, err = cfjs.Await(p)
	}
	if err != nil {
		return 0, fmt.Errorf("cfstore: D1 run: %v", err)
	}
	changes := res.Get("meta").Get("changes")
	if changes.Type() != js.TypeNumber {
		return 0, fmt.Errorf("cfstore: D1 result has no change count")
	}
	return changes.Int(), nil
}

// all runs a query and returns its rows.
func all(db js.Value, query string, args ...any) ([]js.Value, error) {
	st, err := prepare(db, query, args...)
	if err != nil {
		return nil, err
	}
	res, err := cfjs.CallAwait(st, "all")
	if err != nil {
		return nil, fmt.Errorf("cfstore: D1 query: %v", err)
	}
	rows := res.Get("results")
	out := make([]js.Value, rows.Length())
	for i := range out {
		out[i] = rows.Index(i)
	}
	return out, nil
}

// first runs a query and returns its first row.
func first(db js.Value, query string, args ...any) (js.Value, error) {
	st, err := prepare(db, query, args...)
	if err != nil {
		return js.Value{}, err
	}
	p, err := cfjs.Call(st, "first")
	var row js.Value
	if err == nil {
		row, err = cfjs.Await(p)
	}
	if err != nil {
		return js.Value{}, fmt.Errorf("cfstore: D1 query: %v", err)
	}
	if row.IsNull() || row.IsUndefined() {
		return js.Value{}, fmt.Errorf("cfstore: D1 query returned no row")
	}
	return row, nil
}
