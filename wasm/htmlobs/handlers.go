package htmlobs

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnerwatch/partnerwatch/wasm/detect"
)

// eventHandlers collects the texts of n's event-handler attributes
// (onclick="FB.login(...)") and, for a link, of a javascript: target
// (href="javascript:AppleID.auth.signIn()"), which run as scripts as much
// as an inline <script> does. It keeps the first detect.MaxHandlers texts of
// the page, each cut to detect.MaxHandlerBytes.
func (o *observer) eventHandlers(n *html.Node) {
	for _, a := range n.Attr {
		if len(o.handlers) >= detect.MaxHandlers {
			return
		}
		if a.Namespace != "" {
			continue
		}
		text := ""
		switch {
		case isEventHandler(a.Key):
			text = a.Val
		case a.Key == "href" && n.Namespace == "" && (n.DataAtom == atom.A || n.DataAtom == atom.Area):
			text, _ = javascriptURL(a.Val)
		}
		if text = strings.TrimSpace(text); text != "" {
			o.handlers = append(o.handlers, detect.Cut(text, detect.MaxHandlerBytes))
		}
	}
}

// isEventHandler reports whether an attribute name (lower case, as the
// parser gives it) names an event handler: "on" followed by letters.
func isEventHandler(key string) bool {
	if len(key) < 3 || !strings.HasPrefix(key, "on") {
		return false
	}
	for i := 2; i < len(key); i++ {
		if c := key[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// javascriptURL returns the script of a javascript: URL as the browser runs
// it: after the scheme (matched case-insensitively, after the white space
// browsers strip), percent-decoded and read as UTF-8.
func javascriptURL(raw string) (string, bool) {
	raw = cleanURL(raw)
	const scheme = "javascript:"
	if len(raw) < len(scheme) || !strings.EqualFold(raw[:len(scheme)], scheme) {
		return "", false
	}
	script := raw[len(scheme):]
	if decoded, err := url.PathUnescape(script); err == nil {
		script = decodeUTF8(decoded)
	}
	return script, true
}

// decodeUTF8 decodes bytes as browsers decode UTF-8 (the WHATWG Encoding
// standard's decoder, which TextDecoder implements): each maximal invalid
// sequence becomes one U+FFFD.
func decodeUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	needed, seen := 0, 0
	var cp rune
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if needed == 0 {
			switch {
			case c <= 0x7F:
				b.WriteByte(c)
			case c >= 0xC2 && c <= 0xDF:
				needed, cp = 1, rune(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				if c == 0xE0 {
					lower = 0xA0
				} else if c == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(c&0x0F)
			case c >= 0xF0 && c <= 0xF4:
				if c == 0xF0 {
					lower = 0x90
				} else if c == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(c&0x07)
			default:
				b.WriteRune(utf8.RuneError)
			}
			continue
		}
		if c < lower || c > upper {
			needed, seen, cp = 0, 0, 0
			lower, upper = 0x80, 0xBF
			b.WriteRune(utf8.RuneError)
			i-- // read c again
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(c&0x3F)
		if seen++; seen == needed {
			b.WriteRune(cp)
			needed, seen, cp = 0, 0, 0
		}
	}
	if needed != 0 {
		b.WriteRune(utf8.RuneError)
	}
	return b.String()
}

// packHandlers appends the handler texts to the observation's inline texts,
// joined with "\n" into entries of at most detect.MaxInlineBytes. When the
// inline scripts and the handler entries together exceed detect.MaxInline,
// the last inline scripts give way.
func (o *observer) packHandlers() {
	var entries []string
	var b strings.Builder
	for _, h := range o.handlers {
		if b.Len() > 0 && b.Len()+1+len(h) > detect.MaxInlineBytes {
			entries = append(entries, b.String())
			b.Reset()
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(h)
	}
	if b.Len() > 0 {
		entries = append(entries, b.String())
	}
	if len(entries) == 0 {
		return
	}
	obs := o.obs
	if keep := detect.MaxInline - len(entries); len(obs.Inline) > keep {
		obs.Inline = obs.Inline[:keep]
	}
	obs.Inline = append(obs.Inline, entries...)
}
