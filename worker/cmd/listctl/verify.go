package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/partnerwatch/partnerwatch/wasm/list"
)

var verifyCommand = &command{
	name:  "verify",
	usage: "verify -keys KEYSFILE [-min-version N] [-list-id ID] FILE",
	short: "verify a signed list as the extension does and describe it",
	summary: `Verify a signed list the way the extension does (size, envelope, signature
by a pinned key, payload, rules, list id, version stamp, rollback, clock)
and describe it.`,
	flags: func(fs *flag.FlagSet) {
		fs.String("keys", "", "pinned public keys `FILE`: one key object or an array (required)")
		fs.Int64("min-version", 0, "refuse a list whose version is not greater than `N`")
		fs.String("list-id", "", "refuse a list whose id is not `ID`")
	},
	run: runVerify,
}

func runVerify(e *env, fs *flag.FlagSet, args []string) error {
	file, err := oneArg(args, "FILE (the signed list)")
	if err != nil {
		return err
	}
	keysFile := flagString(fs, "keys")
	if keysFile == "" {
		return usagef("missing -keys KEYSFILE")
	}
	minVersion, _ := strconv.ParseInt(fs.Lookup("min-version").Value.String(), 10, 64)
	if minVersion < 0 {
		return usagef("-min-version %d is negative", minVersion)
	}
	keyData, err := readSmall(keysFile)
	if err != nil {
		return err
	}
	keys, err := list.ParsePublicKeys(keyData)
	if err != nil {
		return fmt.Errorf("%s: %v", keysFile, err)
	}
	envelope, err := readSmall(file)
	if err != nil {
		return err
	}
	now := e.now()
	v, err := list.Verify(envelope, keys, list.VerifyOptions{Now: now, MinVersion: minVersion, ListID: flagString(fs, "list-id")})
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	l := v.List
	fmt.Fprintf(e.stdout, "id:        %s\nversion:   %d\nissued:    %s\nexpires:   %s\nkey id:    %s\nsha256:    %s\nstale:     %t\nproviders: %d\npartners:  %d\n",
		l.ID, l.Version, l.IssuedAt, l.ExpiresAt, v.KeyID, v.SHA256, l.Stale(now), len(l.Providers), len(l.Partners))
	return nil
}
