package cfstore

import (
	"fmt"
	"syscall/js"
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
}

// ensureSchema runs the schema statements as one batch.
func ensureSchema(db js.Value) error {
	stmts := make([]any, len(schema))
	for i, q := range schema {
		st, err := call(db, "prepare", q)
		if err != nil {
			return fmt.Errorf("cfstore: D1 prepare: %v", err)
		}
		stmts[i] = st
	}
	p, err := call(db, "batch", js.ValueOf(stmts))
	if err == nil {
		_, err = await(p)
	}
	if err != nil {
		return fmt.Errorf("cfstore: D1 schema: %v", err)
	}
	return nil
}

// prepare binds args to query.
func prepare(db js.Value, query string, args ...any) (js.Value, error) {
	st, err := call(db, "prepare", query)
	if err != nil {
		return js.Value{}, fmt.Errorf("cfstore: D1 prepare: %v", err)
	}
	for i, a := range args {
		if n, ok := a.(int64); ok {
			args[i] = float64(n) // exact below 2^53: versions and milliseconds
		}
	}
	st, err = call(st, "bind", args...)
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
	p, err := call(st, "run")
	var res js.Value
	if err == nil {
		res, err = await(p)
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

// first runs a query and returns its first row.
func first(db js.Value, query string, args ...any) (js.Value, error) {
	st, err := prepare(db, query, args...)
	if err != nil {
		return js.Value{}, err
	}
	p, err := call(st, "first")
	var row js.Value
	if err == nil {
		row, err = await(p)
	}
	if err != nil {
		return js.Value{}, fmt.Errorf("cfstore: D1 query: %v", err)
	}
	if row.IsNull() || row.IsUndefined() {
		return js.Value{}, fmt.Errorf("cfstore: D1 query returned no row")
	}
	return row, nil
}
