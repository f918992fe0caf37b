package main

import (
	"crypto/ed25519"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

// defaultValidity is how long a signed list stays fresh.
const defaultValidity = 720 * time.Hour

var signCommand = &command{
	name:  "sign",
	usage: "sign -key KEYFILE -in DIR_OR_PAYLOAD_JSON [-out FILE] [-validity 720h] [-id ID] [-at RFC3339]",
	short: "stamp, validate and sign a list",
	summary: `Stamp, validate and sign a list. -in is a source folder (like
wasm/list/defaultlist) or a payload JSON file. The version becomes the issue
time in Unix seconds. The envelope is written atomically to -out, or to
standard output without -out.`,
	flags: func(fs *flag.FlagSet) {
		fs.String("key", "", "private key `FILE` from keygen (required)")
		fs.String("in", "", "source `DIR` or payload JSON file (required)")
		fs.String("out", "", "envelope `FILE` to write; standard output if empty or -")
		fs.Duration("validity", defaultValidity, "how long the list stays fresh after issue")
		fs.String("id", "", "list `ID` to set instead of the source's")
		fs.String("at", "", "issue `TIME` (RFC 3339) instead of now")
	},
	run: runSign,
}

func runSign(e *env, fs *flag.FlagSet, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	keyFile, in, out := flagString(fs, "key"), flagString(fs, "in"), flagString(fs, "out")
	validity := fs.Lookup("validity").Value.(flag.Getter).Get().(time.Duration)
	switch {
	case keyFile == "":
		return usagef("missing -key KEYFILE")
	case in == "":
		return usagef("missing -in DIR_OR_PAYLOAD_JSON")
	case validity <= 0:
		return usagef("-validity %s is not positive", validity)
	case validity > list.MaxValidity:
		return usagef("-validity %s is longer than the %s clients accept", validity, list.MaxValidity)
	}
	issued := e.now()
	if at := flagString(fs, "at"); at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return usagef("-at %q is not an RFC 3339 time such as 2026-01-02T15:04:05Z", at)
		}
		issued = t
		// A list issued ahead of the clients' clocks is refused until then
		// (and, within the skew, holds newer lists off): never sign one.
		if limit := e.now().Add(list.DefaultMaxSkew); issued.After(limit) {
			return usagef("-at %s is more than %s after this machine's clock (%s): clients would refuse the list until then", at, list.DefaultMaxSkew, e.now().UTC().Format(time.RFC3339))
		}
	}

	keyData, err := readSmall(keyFile)
	if err != nil {
		return err
	}
	priv, keyID, err := list.ParsePrivateKey(keyData)
	if err != nil {
		return fmt.Errorf("%s: %v", keyFile, err)
	}
	src, err := readInput(in)
	if err != nil {
		return err
	}
	if src.envelope {
		return fmt.Errorf("%s is already a signed envelope; sign its source folder or payload instead", in)
	}
	l := src.list
	if id := flagString(fs, "id"); id != "" {
		l.ID = id
	}
	list.Stamp(l, issued, validity)
	if problems := l.Problems(); len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			b.WriteString("\n  " + describe(p, src))
		}
		return fmt.Errorf("%s: the list has %d problem(s), nothing signed:%s", in, len(problems), b.String())
	}
	payload, err := list.Encode(l)
	if err != nil {
		return fmt.Errorf("encoding the list: %w", err)
	}
	envelope, err := list.Sign(payload, priv)
	if err != nil {
		return err
	}
	// Check the result the way a client will before anyone sees it.
	pub := priv.Public().(ed25519.PublicKey)
	v, err := list.Verify(envelope, map[string]ed25519.PublicKey{keyID: pub}, list.VerifyOptions{Now: issued})
	if err != nil {
		return fmt.Errorf("the signed list does not verify (a bug): %v", err)
	}
	dest := out
	if out == "" || out == "-" {
		dest = "standard output"
		if _, err := e.stdout.Write(envelope); err != nil {
			return err
		}
	} else if err := writeAtomic(out, envelope, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "signed %s version %d (%d providers, %d partners), expires %s, key %s, %d bytes, sha256 %s -> %s\n",
		l.ID, l.Version, len(l.Providers), len(l.Partners), l.ExpiresAt, keyID, len(envelope), v.SHA256, dest)
	return nil
}
