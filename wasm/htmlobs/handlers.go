package htmlobs

import (
	"net/url"
	"strings"

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
// browsers strip), percent-decoded.
func javascriptURL(raw string) (string, bool) {
	raw = cleanURL(raw)
	const scheme = "javascript:"
	if len(raw) < len(scheme) || !strings.EqualFold(raw[:len(scheme)], scheme) {
		return "", false
	}
	script := raw[len(scheme):]
	if decoded, err := url.PathUnescape(script); err == nil {
		script = decoded
	}
	return script, true
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
