package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

var keygenCommand = &command{
	name:  "keygen",
	usage: "keygen -out PREFIX",
	short: "create a signing key pair",
	summary: `Create an Ed25519 signing key pair: PREFIX.key.json (the private key, mode
0600; keep it offline) and PREFIX.pub.json (the public key that clients and
the worker pin). Existing files are never overwritten.`,
	flags: func(fs *flag.FlagSet) {
		fs.String("out", "", "path `PREFIX` of the two key files (required)")
	},
	run: runKeygen,
}

func runKeygen(e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	prefix := flagString(fs, "out")
	if prefix == "" {
		return usagef("missing -out PREFIX")
	}
	privName, pubName := prefix+".key.json", prefix+".pub.json"
	for _, name := range []string{privName, pubName} {
		if _, err := os.Lstat(name); err == nil {
			return fmt.Errorf("%s already exists; keygen never overwrites a key (remove it or choose another -out)", name)
		}
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generating a key: %w", err)
	}
	privData, err := list.MarshalPrivateKey(priv)
	if err != nil {
		return err
	}
	pubData, err := list.MarshalPublicKey(pub)
	if err != nil {
		return err
	}
	if err := createExclusive(privName, privData, 0o600); err != nil {
		return err
	}
	if err := createExclusive(pubName, pubData, 0o644); err != nil {
		os.Remove(privName)
		return err
	}
	fmt.Fprintf(e.stdout, "key ID %s\nprivate key: %s (keep it secret and offline)\npublic key:  %s (pin it in clients and the worker)\n", list.KeyID(pub), privName, pubName)
	return nil
}

// createExclusive creates name with data, failing if it exists.
func createExclusive(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; keygen never overwrites a key", name)
	}
	if err != nil {
		return describeFileError(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
