package domain

import (
	"net/netip"
	"strconv"
	"strings"
)

// IsIP reports whether host is an IPv4 or IPv6 literal. Bracketed IPv6
// ("[::1]") counts; a zone ("fe80::1%eth0") or a port does not.
func IsIP(host string) bool {
	if len(host) >= 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
		if !strings.Contains(host, ":") {
			return false
		}
	}
	// Quick rejection of names: an IPv4 literal ends in a digit, an IPv6 one
	// holds a colon.
	if host == "" || (!isDigit(host[len(host)-1]) && !strings.Contains(host, ":")) {
		return false
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Zone() == ""
}

// parseIPv6 returns the RFC 5952 form of an IPv6 address written without
// brackets. input is what the caller passed, for error messages.
func parseIPv6(input, s string) (string, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return "", errorf(input, "invalid IPv6 address")
	}
	if a.Zone() != "" {
		return "", errorf(input, "IPv6 zone identifiers are not allowed in hosts")
	}
	return a.String(), nil
}

// endsInNumber reports whether the last label of a lowercase ASCII name is a
// number, which makes browsers read the whole name as an IPv4 address (the
// WHATWG URL standard, "ends in a number checker").
func endsInNumber(name string) bool {
	last := name[strings.LastIndexByte(name, '.')+1:]
	if last == "" {
		return false
	}
	if allDigits(last, 10) {
		return true
	}
	// "0x" alone is the hexadecimal number 0.
	return last == "0x" || strings.HasPrefix(last, "0x") && allDigits(last[2:], 16)
}

// parseIPv4 reads a name that ends in a number as an IPv4 address the way the
// WHATWG URL standard does: one to four parts, each decimal, octal (leading
// 0) or hexadecimal (leading 0x), the last one filling the remaining bytes
// ("127.1" is 127.0.0.1). It returns the dotted-decimal form.
func parseIPv4(name string) (string, bool) {
	parts := strings.Split(name, ".")
	if len(parts) > 4 {
		return "", false
	}
	var addr uint64
	for i, p := range parts {
		v, ok := parseIPv4Part(p)
		if !ok {
			return "", false
		}
		if i < len(parts)-1 {
			if v > 255 {
				return "", false
			}
			addr = addr<<8 | v
			continue
		}
		rest := uint(5 - len(parts)) // bytes the last part fills
		if v >= 1<<(8*rest) {
			return "", false
		}
		addr = addr<<(8*rest) | v
	}
	b := make([]byte, 0, 15)
	for i := 3; i >= 0; i-- {
		b = strconv.AppendUint(b, addr>>(8*i)&0xff, 10)
		if i > 0 {
			b = append(b, '.')
		}
	}
	return string(b), true
}

// parseIPv4Part reads one part of an IPv4 address.
func parseIPv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case strings.HasPrefix(p, "0x"):
		base, p = 16, p[2:]
		if p == "" {
			return 0, true
		}
	case len(p) > 1 && p[0] == '0':
		base, p = 8, p[1:]
	}
	if p == "" || !allDigits(p, base) {
		return 0, false
	}
	v, err := strconv.ParseUint(p, base, 32)
	return v, err == nil
}

// allDigits reports whether s is non-empty and all digits in base 8, 10 or 16
// (lowercase).
func allDigits(s string, base int) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '7':
		case c == '8' || c == '9':
			if base == 8 {
				return false
			}
		case 'a' <= c && c <= 'f':
			if base != 16 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
