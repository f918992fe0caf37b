package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// maxInputBytes caps the files listctl reads.
const maxInputBytes = list.MaxEnvelopeBytes

// readSmall reads a file of at most maxInputBytes, with messages that name
// it.
func readSmall(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, describeFileError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, maxInputBytes)
	}
	return data, nil
}

// describeFileError rewords the common file errors.
func describeFileError(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", pe.Path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", pe.Path)
	}
	return err
}

// input is what sign and lint read: a source folder, a payload file or an
// envelope.
type input struct {
	list     *list.List
	folder   bool // read with defaultlist.LoadDir
	envelope bool // the payload of a signed envelope, signature not checked
}

// readInput reads a source folder or a JSON file. A file is an envelope when
// it decodes strictly as one, and a payload otherwise.
func readInput(name string) (*input, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, describeFileError(err)
	}
	if info.IsDir() {
		l, err := defaultlist.LoadDir(name)
		if err != nil {
			return nil, err
		}
		return &input{list: l, folder: true}, nil
	}
	data, err := readSmall(name)
	if err != nil {
		return nil, err
	}
	if payload, ok := envelopePayload(data); ok {
		l, err := list.Decode(payload)
		if err != nil {
			return nil, fmt.Errorf("%s: the envelope's payload is not a list: %v", name, err)
		}
		return &input{list: l, envelope: true}, nil
	}
	l, err := list.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a list payload or a signed envelope: %v", name, err)
	}
	return &input{list: l}, nil
}

// envelopePayload returns the payload of data if data is an envelope. It
// does not check signatures.
func envelopePayload(data []byte) ([]byte, bool) {
	if !bytes.Contains(data, []byte(`"signatures"`)) {
		return nil, false
	}
	return list.UnverifiedPayload(data)
}

// writeAtomic writes data to name through a temporary file in the same
// folder and a rename, so that a reader never sees half a list.
func writeAtomic(name string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return describeFileError(err)
	}
	tmpName := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmpName, name); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
