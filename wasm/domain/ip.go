package domain

import (
	"strconv"
	"strings"
)

// IsIP repor// IsIP reports whether host is an IPv4 or IPv6 literal. IPv4 must be in
// dotted-decimal form ("127.0.0.1", not "0x7f.1"); IPv6 may be bracketed
// ("[::1]"); a zone ("fe80::1%eth0") or a port does not count.
func IsIP(host string) bool {
	if len(host) >= 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
		if !strings.Contains(host, ":") {
			return false
		}
	}
	// Quick rejection of names: an IPv4 literal ends in a digit, an IPv6 one
	// holds a colon.
	if host == "" {
		return false
	}
	if strings.Contains(host, ":") {
		_, ok := parseIPv6Pieces(host)
		return ok
	}
	return isDigit(host[len(host)-1]) && isDottedIPv4(host)
}

// isDottedIPv4 reports whether s is four decimal numbers from 0 to 255
// separated by dots, without leading zeros.
func isDottedIPv4(s string) bool {
	parts := 0
	for s != "" {
		i := strings.IndexByte(s, '.')
		part := s
		if i >= 0 {
			part, s = s[:i], s[i+1:]
			if s == "" {
				return false
			}
		} else {
			s = ""
		}
		if part == "" || len(part) > 3 || len(part) > 1 && part[0] == '0' || !allDigits(part, 10) {
			return false
		}
		if len(part) == 3 && part > "255" {
			return false
		}
		parts++
	}
	return parts == 4
}

// parseIPv6 returns the canonical form of an IPv6 address written without
// brackets. input is what the caller passed, for error messages.
func parseIPv6(input, s string) (string, error) {
	if strings.Contains(s, "%") {
		return "", errorf(input, "IPv6 zone identifiers are not allowed in hosts")
	}
	pieces, ok := parseIPv6Pieces(s)
	if !ok {
		return "", errorf(input, "invalid IPv6 address")
	}
	return formatIPv6(pieces), nil
}

// parseIPv6Pieces is the IPv6 parser of the WHATWG URL standard: eight
// hexadecimal pieces, "::" for a run of zero pieces, and optionally a dotted
// IPv4 address in place of the last two.
func parseIPv6Pieces(s string) ([8]uint16, bool) {
	var addr [8]uint16
	piece, compress, p := 0, -1, 0
	if strings.HasPrefix(s, ":") {
		if !strings.HasPrefix(s, "::") {
			return addr, false
		}
		p, piece, compress = 2, 1, 1
	}
	for p < len(s) {
		if piece == 8 {
			return addr, false
		}
		if s[p] == ':' {
			if compress != -1 {
				return addr, false
			}
			p++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && p < len(s) && isHex(s[p]) {
			value = value<<4 | int(unhex(s[p]))
			p++
			length++
		}
		if p < len(s) && s[p] == '.' {
			// An embedded IPv4 address fills the last two pieces.
			if length == 0 || piece > 6 {
				return addr, false
			}
			p -= length
			seen := 0
			for p < len(s) {
				if seen > 0 {
					if s[p] != '.' || seen == 4 {
						return addr, false
					}
					p++
				}
				if p == len(s) || !isDigit(s[p]) {
					return addr, false
				}
				v := -1
				for p < len(s) && isDigit(s[p]) {
					d := int(s[p] - '0')
					switch v {
					case -1:
						v = d
					case 0:
						return addr, false // leading zero
					default:
						v = v*10 + d
					}
					if v > 255 {
						return addr, false
					}
					p++
				}
				addr[piece] = addr[piece]<<8 | uint16(v)
				seen++
				if seen == 2 || seen == 4 {
					piece++
				}
			}
			if seen != 4 {
				return addr, false
			}
			break
		}
		if p < len(s) {
			if s[p] != ':' {
				return addr, false
			}
			p++
			if p == len(s) {
				return addr, false
			}
		}
		addr[piece] = uint16(value)
		piece++
	}
	if compress != -1 {
		// Move the pieces after "::" to the end.
		swaps := piece - compress
		for i := 7; i != 0 && swaps > 0; i, swaps = i-1, swaps-1 {
			addr[i], addr[compress+swaps-1] = addr[compress+swaps-1], addr[i]
		}
	} else if piece != 8 {
		return addr, false
	}
	return addr, true
}

// formatIPv6 writes an address the way the WHATWG URL standard serialises it
// (and RFC 5952 recommends): lowercase hexadecimal without leading zeros, the
// first longest run of two or more zero pieces written as "::".
func formatIPv6(addr [8]uint16) string {
	compress, best := -1, 1
	for i := 0; i < 8; {
		j := i
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-i > best {
			compress, best = i, j-i
		}
		i = j + 1
	}
	b := make([]byte, 0, 39)
	for i := 0; i < 8; i++ {
		if i == compress {
			if i == 0 {
				b = append(b, ':')
			}
			b = append(b, ':')
			i += best - 1
			continue
		}
		b = strconv.AppendUint(b, uint64(addr[i]), 16)
		if i < 7 {
			b = append(b, ':')
		}
	}
	return string(b)
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
	var v uint64
	for i := 0; i < len(p); i++ {
		v = v*uint64(base) + uint64(unhex(p[i]))
		if v > 1<<32-1 {
			return 0, false
		}
	}
	return v, true
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
