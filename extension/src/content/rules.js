// The collection rules that the content scripts share (classic script,
// loaded first): the observation's bounds, UTF-8 cuts, the one white-space
// rule, visible texts and labels, URL attributes and forms. Each mirrors
// wasm/htmlobs, and both collectors run the shared case files
// testdata/contract/observation.json and controls.json, so that a rule
// changed on one side only fails the tests.

// eslint-disable-next-line no-unused-vars
const PartnerWatchRules = (() => {
  const B = {
    scripts: 1000,
    inline: 64,
    inlineBytes: 16 << 10,
    frames: 500,
    links: 10000,
    forms: 500,
    elements: 2000,
    matched: 1500, // of elements: the rest is kept for candidate buttons (MaxMatchedElements)
    buttonsScanned: 5000, // candidate buttons looked at (htmlobs.MaxButtonsScanned)
    textBytes: 200,
    urlBytes: 4096,
    attrs: 32,
    attrBytes: 256,
    attrNameBytes: 128,
    shortText: 80, // UTF-8 bytes: a candidate button's text longer than this is not a login button (htmlobs.MaxButtonText)
    handlers: 64, // event-handler and javascript: URL texts (detect.MaxHandlers)
    handlerBytes: 2 << 10, // bytes kept of each (detect.MaxHandlerBytes)
    matchesPerElement: 1000, // selector indexes kept per element (detect.MaxMatches)
    controls: 300, // detect.MaxControls
    controlAttrBytes: 512, // detect.MaxControlAttrBytes
    controlHandler: 256, // detect.MaxControlHandler
    controlNodes: 16, // detect.MaxControlNodes
    contextText: 80, // detect.MaxContextText
    controlsScanned: 20000, // live only: candidates looked at per source (links without href, buttons, inputs, [onclick]/[role]); links: B.links
  };

  /**
   * Whether the UTF-16 units at i and i+1 are a surrogate pair (4 UTF-8
   * bytes); a lone surrogate is 3, as TextEncoder writes it. These two rules
   * have a module copy for extension code (lib/utf8.js): a unit test holds
   * them together.
   * @param {string} s @param {number} i
   */
  const pairAt = (s, i) => (s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;

  /**
   * Cuts a string to at most n UTF-8 bytes without splitting a character.
   * @param {string} s
   * @param {number} n
   */
  function cut(s, n) {
    if (s.length * 3 <= n) return s;
    let bytes = 0;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const w = c < 0x80 ? 1 : c < 0x800 ? 2 : pairAt(s, i) ? 4 : 3;
      if (bytes + w > n) break;
      bytes += w;
      if (w === 4) i++;
    }
    return s.slice(0, i);
  }

  /** UTF-8 length of a string (a lone surrogate counts 3, as in cut). @param {string} s */
  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (pairAt(s, i)) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  /**
   * White space as Go's unicode.IsSpace says, which strings.TrimSpace and
   * htmlobs use on the static side: unlike JavaScript's \s it has U+0085
   * and lacks U+FEFF. One character class for every rule below.
   */
  const GO_SPACE = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  const GO_SPACE_CHAR = new RegExp(`^[${GO_SPACE}]$`);

  /** Whether a UTF-16 unit is Go white space (below U+0085: \t to \r and space). @param {number} c */
  function isGoSpace(c) {
    if (c < 0x85) return c === 32 || (c >= 9 && c <= 13);
    return GO_SPACE_CHAR.test(String.fromCharCode(c));
  }

  /** strings.TrimSpace, in linear time on any input. @param {string} s */
  function trimSpace(s) {
    let i = 0;
    let j = s.length;
    while (i < j && isGoSpace(s.charCodeAt(i))) i++;
    while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
    return i === 0 && j === s.length ? s : s.slice(i, j);
  }

  /**
   * What browsers strip from URL attributes (htmlobs.cleanURL): leading and
   * trailing white space, and tabs and newlines anywhere.
   * @param {string} s
   */
  function cleanURL(s) {
    return trimSpace(s).replace(/[\t\n\r]/g, '');
  }

  /**
   * Whether an attribute name names an event handler: "on" followed by
   * letters (htmlobs.isEventHandler; HTML attribute names are lower case).
   * @param {string} name
   */
  function isEventHandler(name) {
    return /^on[a-z]+$/.test(name);
  }

  /**
   * Percent-decodes as Go's url.PathUnescape does: null when a "%" is not
   * followed by two hex digits; bytes that are not UTF-8 become U+FFFD.
   * @param {string} s
   * @returns {string|null}
   */
  function pathUnescape(s) {
    if (!s.includes('%')) return s;
    if (/%(?![0-9a-fA-F]{2})/.test(s)) return null;
    const bytes = [];
    const enc = new TextEncoder();
    for (let i = 0; i < s.length; ) {
      if (s[i] === '%') {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      const cp = /** @type {number} */ (s.codePointAt(i));
      const ch = String.fromCodePoint(cp);
      for (const b of enc.encode(ch)) bytes.push(b);
      i += ch.length;
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  /** A quick test for a javascript: URL, before the exact one (tabs and newlines may split the scheme). */
  const JS_SCHEME = /j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:/i;

  /**
   * The script of a javascript: URL as the browser runs it
   * (htmlobs.javascriptURL): after the scheme, matched case-insensitively
   * once white space is stripped, percent-decoded (raw when that fails).
   * null when the URL is not a javascript: URL.
   * @param {string} raw
   * @returns {string|null}
   */
  function javascriptURL(raw) {
    const u = cleanURL(raw);
    if (u.length < 11 || u.slice(0, 11).toLowerCase() !== 'javascript:') return null;
    const script = u.slice(11);
    return pathUnescape(script) ?? script;
  }

  /**
   * Runs of white space, with U+200B, for folding (htmlobs.fold): the one
   * white-space rule of every collected text. It is Go's unicode.IsSpace:
   * unlike JavaScript's \s it has U+0085 and lacks U+FEFF.
   */
  const FOLD_RE = new RegExp(`[${GO_SPACE}\\u200b]+`, 'g');
  /** Runs of white space, for squashing (htmlobs.namesToken). */
  const SQUASH_RE = new RegExp(`[${GO_SPACE}]+`, 'g');

  /**
   * htmlobs.fold: runs of white space (and U+200B) as one space, trimmed
   * (of that space only: String.prototype.trim would take U+FEFF too).
   * @param {string} s
   */
  function fold(s) {
    const t = s.replace(FOLD_RE, ' ');
    const i = t.charCodeAt(0) === 32 ? 1 : 0;
    const j = t.length > i && t.charCodeAt(t.length - 1) === 32 ? t.length - 1 : t.length;
    return i === 0 && j === t.length ? t : t.slice(i, j);
  }

  /** fold, then cut to the text bound. @param {string|null|undefined} s */
  function foldText(s) {
    return s ? cut(fold(s), B.textBytes) : '';
  }

  /** Characters the link fold changes after toLowerCase (detect.LinkFold). */
  const LINK_FOLD = /[\u03c2\u0307]/;
  const LINK_FOLD_ALL = /[\u03c2\u0307]/g;

  /**
   * detect.LinkFold of a lower-cased text: a link's text or label as the
   * link words are looked for in it. JavaScript's toLowerCase differs from
   * Go's in İ (i and a combining dot) and a final Σ (ς); the fold drops
   * the dot and makes ς σ, so both lower cases fold alike
   * (testdata/contract/rules.json, linkFold).
   * @param {string} s
   */
  function linkFold(s) {
    const l = s.toLowerCase();
    return LINK_FOLD.test(l) ? l.replace(LINK_FOLD_ALL, (c) => (c === '\u0307' ? '' : '\u03c3')) : l;
  }

  /** An absolute http(s) URL whose host is plain lower-case letters, digits, dots and hyphens (no user; a port). */
  const PLAIN_HOST = /^https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::\d*)?(?:[/?#]|$)/;

  /**
   * The links that can matter to a report, by the list's data
   * (core ListInfo.hosts and link_words): a link is kept when its URL is
   * not a plain http(s) URL (app schemes and odd hosts: the core reads
   * them), when its host is under one of the hosts, or when its text or
   * label holds one of the words. The others cannot add to a report
   * (wasm/cmd/widgetscan TestLinkFilterKeepsReports), so they are not
   * sent; every decision about the links that are stays in the core. The
   * same rule in Go is detect.LinkFilter; both run the shared table
   * testdata/contract/rules.json (linkFilter). Null (keep every link)
   * without both arrays.
   * @param {unknown} hosts
   * @param {unknown} words
   * @returns {((href: string, text: string, label: string) => boolean) | null}
   */
  function linkFilter(hosts, words) {
    if (!Array.isArray(hosts) || !Array.isArray(words)) return null;
    const under = new Set(hosts.map((h) => (String(h).startsWith('*.') ? String(h).slice(2) : String(h))));
    const re = words.length ? new RegExp(words.map((w) => String(w).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')) : null;
    /** Whether a host is under one of the hosts, by host: a page links to few. @type {Map<string, boolean>} */
    const known = new Map();
    /** @param {string} host */
    const isUnder = (host) => {
      for (let h = host; ; ) {
        if (under.has(h)) return true;
        const i = h.indexOf('.');
        if (i < 0) return false;
        h = h.slice(i + 1);
      }
    };
    return (href, text, label) => {
      const m = PLAIN_HOST.exec(href);
      if (!m) return true;
      let hostKept = known.get(m[1]);
      if (hostKept === undefined) known.set(m[1], (hostKept = isUnder(m[1])));
      if (hostKept) return true;
      return re !== null && ((text !== '' && re.test(linkFold(text))) || (label !== '' && re.test(linkFold(label))));
    };
  }

  /** Elements whose boundaries separate words in rendered text (htmlobs.blocks). */
  const BLOCKS = new Set([
    'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
    'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol',
    'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul', 'option',
  ]);
  /** Elements whose content is never text a user sees (htmlobs.inert). */
  const INERT = new Set(['script', 'style', 'template', 'noscript']);

  /**
   * htmlobs.visibleText: the text nodes outside inert elements, block
   * boundaries as spaces, read while at most 2 × B.textBytes UTF-8 bytes
   * have been read (checked before each node), folded, cut to B.textBytes.
   * @param {Node} node
   */
  function visibleText(node) {
    const first = node.firstChild;
    if (!first) return '';
    // The common case: one text node.
    if (first.nodeType === 3 && !first.nextSibling) return foldText(/** @type {Text} */ (first).data);
    let out = '';
    let bytes = 0;
    const limit = 2 * B.textBytes;
    /** @param {Node|null} c */
    const visit = (c) => {
      for (; c && bytes <= limit; c = c.nextSibling) {
        if (c.nodeType === 3) {
          const d = /** @type {Text} */ (c).data;
          out += d;
          // A text longer than the limit in UTF-16 units is longer in bytes.
          bytes += d.length > limit ? d.length : utf8Length(d);
        } else if (c.nodeType === 1) {
          const name = /** @type {Element} */ (c).localName;
          if (INERT.has(name)) continue;
          const block = BLOCKS.has(name);
          if (block) {
            out += ' ';
            bytes++;
          }
          visit(c.firstChild);
          if (block) {
            out += ' ';
            bytes++;
          }
        }
      }
    };
    visit(first);
    return foldText(out);
  }

  /** An attribute's value or "". @param {Element} el @param {string} name */
  const attrOf = (el, name) => el.getAttribute(name) ?? '';

  /** htmlobs.label: the aria-label, else the title, each folded; cut. @param {Element} el */
  function label(el) {
    return labelOf(el.getAttribute('aria-label'), el.getAttribute('title'));
  }

  /**
   * label, of an aria-label and a title already read (null: none).
   * @param {string|null} aria
   * @param {string|null} title
   */
  function labelOf(aria, title) {
    return foldText(aria) || foldText(title);
  }

  /**
   * A URL attribute resolved against a base URL, cut to B.urlBytes; "" when
   * it does not parse.
   * @param {string} base
   * @param {string|null} value
   */
  function resolve(base, value) {
    try {
      return cut((base ? new URL(value ?? '', base) : new URL(value ?? '')).href, B.urlBytes);
    } catch {
      return '';
    }
  }

  /**
   * The document's base URL, "" when it has none (htmlobs.findBase):
   * Chromium leaves a document whose <base href> does not parse without a
   * base URL (baseURI says about:blank), and then resolves absolute
   * targets only.
   * @param {Document} doc
   */
  function baseOf(doc) {
    const b = doc.baseURI;
    if (b !== 'about:blank' || doc.URL === 'about:blank') return b;
    // A <base href="about:blank">, or one that does not parse.
    const el = doc.querySelector('base[href]');
    try {
      new URL(cleanURL(el?.getAttribute('href') ?? ''), doc.URL);
      return b;
    } catch {
      return '';
    }
  }

  /**
   * Where a form submits (htmlobs.formAction): its action attribute
   * resolved against the base URL, or the page's URL when the attribute is
   * missing or blank (browsers take the document's URL for an empty
   * action).
   * @param {Element} form
   * @param {string} pageURL the page's URL, cut to B.urlBytes
   * @param {string} base
   */
  function formAction(form, pageURL, base) {
    const action = form.getAttribute('action');
    return (action !== null && cleanURL(action) && resolve(base, action)) || pageURL;
  }

  /**
   * A string with its ASCII letters in lower case, and only those: how
   * browsers compare keyword values such as a type or a role (toLowerCase
   * would make a Kelvin sign a k, and İ an i with a dot).
   * @param {string} s
   */
  function asciiLower(s) {
    return NON_ASCII.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase();
  }
  const NON_ASCII = /[^\x00-\x7f]/;

  /**
   * A keyword attribute's value in lower case as browsers compare it
   * (htmlobs.keyword): ASCII letters only.
   * @param {Element} el
   * @param {string} name
   */
  function keyword(el, name) {
    return asciiLower(attrOf(el, name));
  }

  /**
   * Whether an element is a button that submits its form
   * (htmlobs.isSubmitButton): as browsers read the type attribute, any type
   * but reset and button.
   * @param {Element} el
   */
  function isSubmitButton(el) {
    if (el.localName !== 'button' || el.namespaceURI !== HTML_NS) return false;
    const t = keyword(el, 'type');
    return t !== 'reset' && t !== 'button';
  }

  const HTML_NS = 'http://www.w3.org/1999/xhtml';

  /**
   * The text of a submit control (htmlobs.submitText): a submit button's
   * visible text, a submit input's value, an image input's alt text; null
   * when the element is no submit control.
   * @param {Element} el
   * @returns {string|null}
   */
  function submitText(el) {
    if (isSubmitButton(el)) return visibleText(el);
    if (el.localName !== 'input' || el.namespaceURI !== HTML_NS) return null;
    const t = keyword(el, 'type');
    if (t === 'submit') return foldText(attrOf(el, 'value'));
    if (t === 'image') return foldText(attrOf(el, 'alt'));
    return null;
  }

  return {
    B, HTML_NS, BLOCKS, INERT, SQUASH_RE, cut, utf8Length, isGoSpace, trimSpace, fold, foldText, visibleText, attrOf, label, labelOf,
    cleanURL, isEventHandler, pathUnescape, JS_SCHEME, javascriptURL, resolve, baseOf, formAction, isSubmitButton, submitText,
    linkFold, linkFilter, asciiLower, keyword, NON_ASCII,
  };
})();
