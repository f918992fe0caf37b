package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// env is what a command may touch besides files, so that tests run the
// commands as functions with buffers, a fixed clock and a test server.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	client         *http.Client
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // the synopsis after "listctl "
	short   string // one line for the command list
	summary string // the paragraph of the command's usage
	run     func(e *env, fs *flag.FlagSet, args []string) error
	flags   func(fs *flag.FlagSet) // declares the flags; may be nil
}

// commands are listctl's subcommands in the order help lists them.
var commands = []*command{keygenCommand, signCommand, verifyCommand, lintCommand, pushCommand}

// usageError is a mistake in the command line: exit status 2 and the
// command's usage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError.
func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// run runs listctl with args (without the program name) and returns the exit
// status.
func run(e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				printUsage(e.stdout, c, newFlagSet(c))
				return 0
			}
		}
		w := e.stdout
		if len(args) == 0 {
			w = e.stderr
		}
		mainUsage(w)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "listctl: unknown command %q\n\n", args[0])
		mainUsage(e.stderr)
		return 2
	}
	fs := newFlagSet(c)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(e.stdout, c, fs)
			return 0
		}
		fmt.Fprintf(e.stderr, "listctl %s: %v\n", c.name, err)
		printUsage(e.stderr, c, fs)
		return 2
	}
	if err := c.run(e, fs, fs.Args()); err != nil {
		fmt.Fprintf(e.stderr, "listctl %s: %v\n", c.name, err)
		var ue *usageError
		if errors.As(err, &ue) {
			printUsage(e.stderr, c, fs)
			return 2
		}
		return 1
	}
	return 0
}

// lookup finds a command by name.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// newFlagSet returns the command's flag set, silent so that run prints
// errors and usage itself.
func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(fs)
	}
	return fs
}

// printUsage writes a command's usage and flags.
func printUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: listctl %s\n\n%s\n", c.usage, c.summary)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// mainUsage writes the list of commands.
func mainUsage(w io.Writer) {
	fmt.Fprintln(w, "listctl makes, checks and publishes signed PartnerWatch lists.")
	fmt.Fprintln(w, "\nusage:")
	for _, c := range commands {
		fmt.Fprintf(w, "  listctl %s\n", c.usage)
	}
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun 'listctl help COMMAND' for a command's flags.")
}

// oneArg returns the single positional argument, or a usage error naming
// what it should be.
func oneArg(args []string, what string) (string, error) {
	switch len(args) {
	case 0:
		return "", usagef("missing %s", what)
	case 1:
		if strings.HasPrefix(args[0], "-") && args[0] != "-" {
			return "", usagef("flags go before %s; %q came after it or is unknown", what, args[0])
		}
		return args[0], nil
	default:
		return "", usagef("want one %s, got %d arguments (%s); flags go before it", what, len(args), strings.Join(args, " "))
	}
}

// noArgs refuses positional arguments.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}

// flagString returns the value of a string flag.
func flagString(fs *flag.FlagSet, name string) string {
	return fs.Lookup(name).Value.(flag.Getter).Get().(string)
}
