package list

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxSlugBytes caps the length of IDs.
const maxSlugBytes = 64

// slug checks an ID: 1 to 64 characters from a-z, 0-9, "-" and "_",
// starting and ending with a letter or digit. It reports whether s is one.
func (v *validator) slug(p *path, s string) bool {
	if !isSlug(s) {
		if s == "" {
			v.add(p, "missing; want a lowercase slug such as \"read-messages\"")
		} else {
			v.addf(p, "%q is not a lowercase slug (a-z, 0-9, '-', '_', at most %d characters, starting and ending with a letter or digit)", s, maxSlugBytes)
		}
		return false
	}
	return true
}

// isSlug reports whether s is a slug (see validator.slug).
func isSlug(s string) bool {
	if s == "" || len(s) > maxSlugBytes {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '-' || c == '_') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return true
}

// name checks a short non-empty display string.
func (v *validator) name(p *path, s string) {
	v.text(p, s, MaxNameBytes)
}

// text checks a non-empty string of at most max bytes of valid UTF-8 that is
// not only white space.
func (v *validator) text(p *path, s string, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		v.add(p, "missing or blank")
	case len(s) > max:
		v.addf(p, "%d bytes, more than %d", len(s), max)
	case !utf8.ValidString(s):
		v.add(p, "not valid UTF-8")
	}
}

// optionalText checks a string that may be empty.
func (v *validator) optionalText(p *path, s string, max int) {
	if s != "" {
		v.text(p, s, max)
	}
}

// partialDate checks a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date.
func (v *validator) partialDate(p *path, s string) bool {
	if !isPartialDate(s) {
		v.addf(p, "%q is not a date YYYY, YYYY-MM or YYYY-MM-DD", s)
		return false
	}
	return true
}

// isPartialDate reports whether s is a real date written YYYY, YYYY-MM or
// YYYY-MM-DD. It reads the digits itself rather than calling time.Parse,
// which dominated validation time; TestIsPartialDateMatchesTime cross-checks
// it against time.Parse.
func isPartialDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	year, ok := digits(s[0:4])
	if !ok {
		return false
	}
	if len(s) == 4 {
		return true
	}
	month, ok := digits(s[5:7])
	if s[4] != '-' || !ok || month < 1 || month > 12 {
		return false
	}
	if len(s) == 7 {
		return true
	}
	day, ok := digits(s[8:10])
	return s[7] == '-' && ok && day >= 1 && day <= daysIn(month, year)
}

// digits reads a run of ASCII digits as a number.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// daysIn returns the number of days of a month in the Gregorian calendar.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fullDate checks a "YYYY-MM-DD" date.
func (v *validator) fullDate(p *path, s string) {
	if len(s) != 10 || !isPartialDate(s) {
		v.addf(p, "%q is not a date YYYY-MM-DD", s)
	}
}

// httpsURL checks an absolute https URL with a host.
func (v *validator) httpsURL(p *path, s string) {
	switch {
	case s == "":
		v.add(p, "missing; want an https URL")
	case len(s) > MaxURLBytes:
		v.addf(p, "%d bytes, more than %d", len(s), MaxURLBytes)
	case !isHTTPSURL(s):
		v.addf(p, "%q is not an https URL", s)
	}
}

// isHTTPSURL reports whether s is an absolute https URL with a host and no
// user info or white space. Most source URLs are plain ("https://host/path")
// and pass a quick byte scan; the rest go through net/url, the slow
// reference that FuzzHTTPSURL cross-checks the scan against.
func isHTTPSURL(s string) bool {
	if quickHTTPSURL(s) {
		return true
	}
	return referenceHTTPSURL(s)
}

// quickHTTPSURL accepts "https://" followed by a lowercase host name with an
// optional port and then, optionally, "/", "?" or "#" and printable
// characters with well-formed percent escapes. It returns false when unsure.
func quickHTTPSURL(s string) bool {
	const scheme = "https://"
	if len(s) <= len(scheme) || s[:len(scheme)] != scheme {
		return false
	}
	rest := s[len(scheme):]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	host, tail := rest[:end], rest[end:]
	if name, port, found := strings.Cut(host, ":"); found {
		if _, ok := digits(port); !ok || port == "" || len(port) > 5 {
			return false
		}
		host = name
	}
	if !isHostName(host) {
		return false
	}
	for i := 0; i < len(tail); i++ {
		c := tail[i]
		switch {
		case c <= ' ' || c == 0x7f || c >= 0x80:
			return false
		case c == '%':
			if i+2 >= len(tail) || !isHex(tail[i+1]) || !isHex(tail[i+2]) {
				return false
			}
		}
	}
	return true
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// referenceHTTPSURL is the net/url reading of isHTTPSURL.
func referenceHTTPSURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && !strings.ContainsAny(s, " \t\r\n")
}

// hostPattern checks a URL pattern host: an exact lowercase host name, or
// "*." followed by one with at least two labels.
func (v *validator) hostPattern(p *path, s string) {
	host := s
	wildcard := strings.HasPrefix(s, "*.")
	if wildcard {
		host = s[2:]
	}
	switch {
	case len(s) > MaxPatternPartBytes:
		v.addf(p, "%d bytes, more than %d", len(s), MaxPatternPartBytes)
	case !isHostName(host):
		v.addf(p, "%q is not a lowercase host name or \"*.\" followed by one", s)
	case wildcard && !strings.Contains(host, "."):
		v.addf(p, "%q matches a whole top-level domain; name at least two labels after \"*.\"", s)
	case !isNormalHost(host):
		v.addf(p, "%q is not in normal form (lowercase, punycode for non-ASCII labels)", s)
	}
}

// maxSchemeBytes is the longest app scheme a URL pattern may name.
const maxSchemeBytes = 32

// appScheme checks the scheme of an app-link pattern: a lowercase URL scheme
// (a letter, then letters, digits, "+", "-" or ".") other than http and
// https, which an empty scheme already means.
func (v *validator) appScheme(p *path, s string) {
	switch {
	case len(s) > maxSchemeBytes:
		v.addf(p, "%d bytes, more than %d", len(s), maxSchemeBytes)
	case s == "http" || s == "https":
		v.addf(p, "%q is what an empty scheme means; leave it out", s)
	case !isAppScheme(s):
		v.addf(p, "%q is not a lowercase URL scheme (a letter, then letters, digits, \"+\", \"-\" or \".\")", s)
	}
}

// isAppScheme reports whether s is a lowercase URL scheme: a-z first, then
// a-z, 0-9, "+", "-" and ".".
func isAppScheme(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// isHostName reports whether s is a lowercase DNS host name: labels of a-z,
// 0-9, "-" and "_", not starting or ending with "-", joined by dots, with no
// empty label and no trailing dot.
func isHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for len(s) > 0 {
		label := s
		if i := strings.IndexByte(s, '.'); i >= 0 {
			label, s = s[:i], s[i+1:]
			if s == "" {
				return false // a trailing dot
			}
		} else {
			s = ""
		}
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// pathPattern checks a URL pattern path: empty, or starting with "/".
func (v *validator) pathPattern(p *path, s string) {
	switch {
	case s == "":
	case len(s) > MaxPatternPartBytes:
		v.addf(p, "%d bytes, more than %d", len(s), MaxPatternPartBytes)
	case s[0] != '/':
		v.addf(p, "%q does not start with \"/\"", s)
	case strings.ContainsAny(s, " \t\r\n?#"):
		v.addf(p, "%q contains white space, \"?\" or \"#\"; put query parameters in query", s)
	}
}

// queryEntry checks a "key" or "key=value" entry of a URL pattern.
func (v *validator) queryEntry(p *path, s string) {
	key, _, _ := strings.Cut(s, "=")
	switch {
	case s == "":
		v.add(p, "empty query entry; want \"key\" or \"key=value\"")
	case key == "":
		v.addf(p, "%q has no key; want \"key\" or \"key=value\"", s)
	case len(s) > MaxPatternPartBytes:
		v.addf(p, "%d bytes, more than %d", len(s), MaxPatternPartBytes)
	}
}

// selector checks a CSS selector cheaply: non-empty, at most
// MaxSelectorBytes, no braces or semicolons outside strings, balanced
// brackets and parentheses, closed quotes. The engine parses it fully.
func (v *validator) selector(p *path, s string) {
	switch {
	case strings.TrimSpace(s) == "":
		v.add(p, "empty selector")
	case len(s) > MaxSelectorBytes:
		v.addf(p, "%d bytes, more than %d", len(s), MaxSelectorBytes)
	default:
		if reason := selectorSyntax(s); reason != "" {
			v.addf(p, "%q: %s", s, reason)
		}
	}
}

// selectorSyntax returns why s is not a plausible selector, or "".
func selectorSyntax(s string) string {
	var stack []byte
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' {
			i++ // the next byte is escaped
			if i >= len(s) {
				return "ends with a lone backslash"
			}
			continue
		}
		if quote != 0 {
			if c == quote {
				quote = 0
			} else if c == '\n' {
				return "line break inside a quoted string"
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '[', '(':
			stack = append(stack, c)
		case ']', ')':
			open := byte('[')
			if c == ')' {
				open = '('
			}
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return "unbalanced " + string(c)
			}
			stack = stack[:len(stack)-1]
		case '{', '}', ';':
			return "contains " + string(c) + " outside a string"
		}
	}
	if quote != 0 {
		return "unclosed quote"
	}
	if len(stack) > 0 {
		return "unclosed " + string(stack[len(stack)-1])
	}
	return ""
}
