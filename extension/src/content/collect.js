// Collects the generic page observation (wasm/detect/observation.go) from the
// live DOM. Classic script, loaded before notice.js and content.js in the
// same isolated world. It gathers the same things on every page and holds no
// rule logic: which of them reveal a widget is the core's call.
//
// Work is bounded by the observation's caps, so a page with 50,000 elements
// costs a bounded scan: collections are read up to their cap and texts are
// read with textContent (no layout). The scan also yields to the page every
// few milliseconds (SLICE_MS), so that even a long one never freezes it.

// eslint-disable-next-line no-unused-vars
const PartnerWatchCollect = (() => {
  const B = {
    scripts: 1000,
    inline: 64,
    inlineBytes: 16 << 10,
    frames: 500,
    links: 10000,
    forms: 500,
    elements: 2000,
    matched: 1500, // of elements: the rest is kept for candidate buttons
    buttonsScanned: 5000,
    textBytes: 200,
    urlBytes: 4096,
    attrs: 32,
    attrBytes: 256,
    shortText: 80, // a candidate button's text longer than this is not a login button
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

  /** Longest stretch of work before the scan yields to the page. */
  const SLICE_MS = 12;

  /** Yields to the event loop (scheduler.yield where there is one). */
  const yieldToPage = () => {
    const sch = /** @type {any} */ (globalThis).scheduler;
    if (sch && typeof sch.yield === 'function') return sch.yield();
    return new Promise((r) => setTimeout(r, 0));
  };

  /**
   * Time slicing for one scan: check() yields when the current slice is
   * used up; busy is the time spent working, without the pauses.
   */
  class Slicer {
    constructor() {
      this.start = performance.now();
      this.busy = 0;
    }
    async check() {
      const now = performance.now();
      if (now - this.start < SLICE_MS) return;
      this.busy += now - this.start;
      await yieldToPage();
      this.start = performance.now();
    }
    done() {
      this.busy += performance.now() - this.start;
      return this.busy;
    }
  }

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
      const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
      if (bytes + w > n) break;
      bytes += w;
      if (w === 4) i++;
    }
    return s.slice(0, i);
  }

  /** Folds white space and cuts to the text bound. @param {string|null|undefined} s */
  function fold(s) {
    if (!s) return '';
    const t = s.length > 4 * B.textBytes ? s.slice(0, 4 * B.textBytes) : s;
    return cut(t.replace(/\s+/g, ' ').trim(), B.textBytes);
  }

  /** UTF-8 length of a string (a lone surrogate counts 3, as in cut). @param {string} s */
  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
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

  /** Whether a UTF-16 unit is Go white space. @param {number} c */
  function isGoSpace(c) {
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
   * The event-handler and javascript: URL texts of elements, in the order
   * given (document order), as htmlobs.eventHandlers collects them: per
   * element, its attributes in order; handler attributes and an a/area
   * href that is a javascript: URL; trimmed, non-empty, each cut to
   * B.handlerBytes; the first B.handlers only. Elements inside <noscript>
   * or <template> are inert and skipped.
   * @param {Iterable<{localName: string, attributes: ArrayLike<{name: string, value: string, namespaceURI: string|null}>, closest?: (s: string) => unknown}>} elements
   * @returns {string[]}
   */
  function handlerTexts(elements) {
    /** @type {string[]} */
    const out = [];
    for (const el of elements) {
      if (out.length >= B.handlers) break;
      if (el.closest && el.closest('noscript,template')) continue;
      const link = el.localName === 'a' || el.localName === 'area';
      const list = el.attributes;
      for (let i = 0; i < list.length && out.length < B.handlers; i++) {
        const a = list[i];
        if (a.namespaceURI) continue;
        const name = a.name.toLowerCase();
        let text = null;
        if (isEventHandler(name)) text = a.value;
        else if (link && name === 'href') text = javascriptURL(a.value);
        if (text === null) continue;
        text = trimSpace(text);
        if (text) out.push(cut(text, B.handlerBytes));
      }
    }
    return out;
  }

  /**
   * Appends handler texts to the inline texts (htmlobs.packHandlers): joined
   * with "\n" into entries of at most B.inlineBytes; when the inline scripts
   * and these entries together exceed B.inline, the last inline scripts give
   * way. Answers the new inline array.
   * @param {string[]} inline
   * @param {string[]} handlers
   * @returns {string[]}
   */
  function packHandlers(inline, handlers) {
    /** @type {string[]} */
    const entries = [];
    let parts = [];
    let bytes = 0;
    for (const h of handlers) {
      const n = utf8Length(h);
      if (bytes > 0 && bytes + 1 + n > B.inlineBytes) {
        entries.push(parts.join('\n'));
        parts = [];
        bytes = 0;
      }
      bytes += (bytes > 0 ? 1 : 0) + n;
      parts.push(h);
    }
    if (bytes > 0) entries.push(parts.join('\n'));
    if (entries.length === 0) return inline;
    const keep = B.inline - entries.length;
    return [...(inline.length > keep ? inline.slice(0, keep) : inline), ...entries];
  }

  // The elements with an attribute named on..., in document order: one
  // native XPath query instead of a walk over every element. (Links with a
  // javascript: target are found in the links loop, which reads every link
  // anyway.)
  const HANDLER_XPATH = "//*[@*[starts-with(name(), 'on')]]";

  /**
   * The elements of a document with an attribute named on..., in document
   * order, at most limit of them.
   * @param {Document} doc
   * @param {number} limit
   * @returns {Element[]}
   */
  function handlerElements(doc, limit) {
    /** @type {Element[]} */
    const out = [];
    let snap;
    try {
      snap = doc.evaluate(HANDLER_XPATH, doc, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
    } catch {
      return out; // no XPath here: no handler attributes
    }
    for (let i = 0; i < snap.snapshotLength && out.length < limit; i++) {
      const n = snap.snapshotItem(i);
      if (n && n.nodeType === 1) out.push(/** @type {Element} */ (n));
    }
    return out;
  }

  /**
   * Merges two lists of elements, each in document order, into one in
   * document order, each element once.
   * @param {Element[]} a
   * @param {Element[]} b
   * @returns {Element[]}
   */
  function mergeInOrder(a, b) {
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    /** @type {Element[]} */
    const out = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) {
        out.push(a[i++]);
        j++;
      } else if (a[i].compareDocumentPosition(b[j]) & 4 /* FOLLOWING */) out.push(a[i++]);
      else out.push(b[j++]);
    }
    return out.concat(a.slice(i), b.slice(j));
  }

  /** @param {Element} el */
  function label(el) {
    return fold(el.getAttribute('aria-label') || el.getAttribute('title') || '');
  }

  /**
   * Refs: one integer per node, stable across scans of the same document;
   * the map from ref to node is rebuilt on each scan so that it holds only
   * nodes of the latest observation.
   */
  class Refs {
    constructor() {
      /** @type {WeakMap<Node, number>} */
      this.ids = new WeakMap();
      /** @type {Map<number, Element>} */
      this.nodes = new Map();
      this.next = 1;
    }
    /** @param {Element} el */
    of(el) {
      let id = this.ids.get(el);
      if (id === undefined) {
        id = this.next++;
        this.ids.set(el, id);
      }
      this.nodes.set(id, el);
      return id;
    }
    /** @param {number} ref */
    node(ref) {
      return this.nodes.get(ref) ?? null;
    }
  }

  /** Selector sets already checked, per list version. */
  const selectorCache = { version: -1, valid: /** @type {number[]} */ ([]) };

  /**
   * The indexes of the selectors this browser can parse, per list version.
   * @param {string[]} selectors
   * @param {number} version
   */
  function usable(selectors, version) {
    if (selectorCache.version === version) return selectorCache;
    const probe = document.createDocumentFragment();
    const valid = [];
    for (let i = 0; i < selectors.length; i++) {
      try {
        probe.querySelector(selectors[i]);
        valid.push(i);
      } catch {
        // not supported here
      }
    }
    selectorCache.version = version;
    selectorCache.valid = valid;
    return selectorCache;
  }

  /** @param {Element} el */
  function attrsOf(el) {
    /** @type {Record<string, string>} */
    const out = {};
    const list = el.attributes;
    for (let i = 0; i < list.length && i < B.attrs; i++) {
      // Bounded in UTF-8 bytes, as the service worker checks them (an
      // attribute or a custom element's name may be non-ASCII).
      const name = cut(list[i].name, 128);
      out[name] = cut(list[i].value, B.attrBytes);
    }
    return out;
  }

  // Script types that hold JavaScript (htmlobs.isJavaScript): not JSON, a
  // template or another data block.
  const JS_TYPES = new Set([
    '', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript',
    'application/ecmascript', 'application/x-javascript', 'text/jscript', 'text/x-javascript',
  ]);

  /** @param {string|null} type a script's type attribute */
  function isJavaScript(type) {
    if (type === null) return true;
    let t = trimSpace(type).toLowerCase();
    const semi = t.indexOf(';');
    if (semi >= 0) t = trimSpace(t.slice(0, semi));
    return JS_TYPES.has(t);
  }

  /** Characters that stand as they are in a serialised http(s) URL's path, query and fragment (no quote, no brackets, no white space, no backslash). */
  const SERIAL = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?#%]*$/;
  /** Dot segments, plain or percent-encoded, which the URL parser removes. */
  const DOTS = /(?:^|\/)(?:\.|%2e){1,2}(?=[/?#]|$)/i;
  /** An absolute http(s) URL with a lower-case host name (no port, no user) and a path. */
  const ABSOLUTE = /^https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)\//;

  /**
   * The resolver of link targets for one scan: what a link's href attribute
   * resolves to, as a.href gives it. Reading a.href parses and serialises a
   * URL for every link, the largest single cost of a collection on a large
   * page; the common shapes that are already serialised (an absolute http(s)
   * URL, or a path, query or fragment relative to an http(s) base) are
   * joined here as strings, and anything else is left to the browser.
   * extension/test/unit/hrefs.test.mjs holds the two to the same results.
   * @param {string} base the document's base URL, as the browser serialises it
   * @returns {(a: {href: string}, attr: string) => string}
   */
  function hrefResolver(base) {
    const b = /^(https?:\/\/[^/?#]*)([^?#]*)(\?[^#]*)?/.exec(base);
    if (!b) return (a) => a.href;
    const origin = b[1];
    const dir = origin + b[2].slice(0, b[2].lastIndexOf('/') + 1);
    const noQuery = origin + b[2];
    const noFragment = noQuery + (b[3] ?? '');
    return (a, attr) => {
      if (!SERIAL.test(attr) || DOTS.test(attr)) return a.href;
      if (!attr) return noFragment;
      switch (attr.charCodeAt(0)) {
        case 35: // #
          return noFragment + attr;
        case 63: // ?
          return noQuery + attr;
        case 47: // /
          return attr.charCodeAt(1) === 47 ? a.href : origin + attr;
      }
      const abs = ABSOLUTE.exec(attr);
      if (abs) {
        // Hosts that the parser rewrites: IPv4 numbers (a last label of
        // digits or 0x-hex) and punycode it checks.
        const host = abs[1];
        const last = host.slice(host.lastIndexOf('.') + 1);
        return /^(?:\d+|0x[0-9a-f]*)$/.test(last) || host.includes('xn--') ? a.href : attr;
      }
      // A path relative to the base's directory; a first segment with a
      // colon is a scheme (mailto:, viber:, an upper-case HTTP:).
      return /^[^/?#]*:/.test(attr) ? a.href : dir + attr;
    };
  }

  /** @param {string} base @param {string|null} value */
  function resolve(base, value) {
    try {
      return cut(new URL(value ?? '', base).href, B.urlBytes);
    } catch {
      return '';
    }
  }

  /**
   * Collects one observation, yielding to the page between slices of work.
   * Collections are copied (up to their caps) before the work starts, so a
   * page that changes meanwhile cannot make the scan longer.
   * @param {Document} doc
   * @param {{selectors: string[], listVersion: number, tokens?: string[]}} set
   * @param {Refs} refs
   * @param {{busyMs?: number}} [stats] receives the time spent working
   */
  async function collect(doc, set, refs, stats = {}) {
    const slicer = new Slicer();
    refs.nodes.clear();
    const base = doc.baseURI;
    /** @type {any} */
    const obs = { url: cut(doc.location.href, B.urlBytes), list_version: set.listVersion };
    if (obs.list_version === 0) delete obs.list_version;

    const scripts = [];
    const inline = [];
    const all = doc.scripts;
    for (let i = 0; i < all.length && (scripts.length < B.scripts || inline.length < B.inline); i++) {
      const s = all[i];
      if (!isJavaScript(s.getAttribute('type'))) continue;
      const src = s.getAttribute('src');
      if (src !== null) {
        // (An empty src is neither an external script nor an inline one.)
        if (scripts.length < B.scripts && cleanURL(src)) {
          const u = resolve(base, src);
          if (u) scripts.push(u);
        }
      } else if (inline.length < B.inline) {
        const text = trimSpace(s.text);
        if (text) inline.push(cut(text.length > B.inlineBytes ? text.slice(0, B.inlineBytes) : text, B.inlineBytes));
      }
    }
    if (scripts.length) obs.scripts = scripts;

    const frames = [];
    const iframes = doc.getElementsByTagName('iframe');
    for (let i = 0; i < iframes.length && frames.length < B.frames; i++) {
      const f = iframes[i];
      const src = f.getAttribute('src');
      if (!src) continue;
      const u = resolve(base, src);
      if (u) frames.push({ ref: refs.of(f), src: u });
    }
    if (frames.length) obs.frames = frames;

    const links = [];
    /** Links whose target is a javascript: URL, in document order (at most 4 × B.handlers). @type {Element[]} */
    const jsLinks = [];
    const scan = controlScan(doc, set.tokens ?? []);
    const anchors = head(doc.links, B.links);
    const hrefOf = hrefResolver(base);
    await slicer.check();
    for (let i = 0; i < anchors.length; i++) {
      if ((i & 255) === 0) await slicer.check();
      const a = /** @type {HTMLAnchorElement} */ (anchors[i]);
      if (!a.isConnected) continue;
      const tc = a.textContent ?? '';
      // Controls: the cheap check here, where the text is read anyway.
      if (scan && scan.mayName(a, tc)) scan.passed.add(a);
      // The browser has resolved href already; no URL parsing here. Links
      // of every scheme are kept, as the static observer keeps them: app
      // schemes (viber://chat?number=..., whatsapp://send?phone=...) are
      // signals of their own. An empty href is no link.
      const attr = a.getAttribute('href') ?? '';
      if (jsLinks.length < 4 * B.handlers && attr.length >= 11 && JS_SCHEME.test(attr) && javascriptURL(attr) !== null) jsLinks.push(a);
      if (!cleanURL(attr)) continue;
      const raw = hrefOf(a, attr);
      if (!raw) continue;
      const href = raw.length * 3 > B.urlBytes ? cut(raw, B.urlBytes) : raw;
      /** @type {any} */
      const l = { ref: refs.of(a), href };
      const text = fold(tc);
      if (text) l.text = text;
      // (htmlobs.linkLabel: else the alt text of the link's first image.)
      const lab = label(a) || fold(a.querySelector('img')?.getAttribute('alt'));
      if (lab) l.label = lab;
      links.push(l);
    }
    if (links.length) obs.links = links;
    await slicer.check();

    // Event-handler attributes and javascript: links run as scripts too:
    // their texts follow the inline scripts.
    const packed = packHandlers(inline, handlerTexts(mergeInOrder(handlerElements(doc, 4 * B.handlers), jsLinks)));
    if (packed.length) obs.inline = packed;
    await slicer.check();

    const forms = [];
    const fs = doc.forms;
    for (let i = 0; i < fs.length && forms.length < B.forms; i++) {
      const f = fs[i];
      /** @type {any} */
      const o = { ref: refs.of(f), action: resolve(base, f.getAttribute('action') || '') };
      const submits = f.querySelectorAll('button:not([type]),button[type=submit],input[type=submit],input[type=image]');
      const texts = [];
      let lab = f.getAttribute('aria-label') || '';
      for (let j = 0; j < submits.length && j < 8; j++) {
        const b = submits[j];
        texts.push(b instanceof HTMLInputElement ? b.value || b.alt : b.textContent);
        if (!lab) lab = b.getAttribute('aria-label') || '';
      }
      const text = fold(texts.join(' '));
      if (text) o.text = text;
      if (lab) o.label = fold(lab);
      forms.push(o);
    }
    if (forms.length) obs.forms = forms;

    const elements = [];
    const taken = new Set();
    // One query per selector rather than one for the joined set: each is
    // fast on its own (browsers have fast paths for ids, classes and tags),
    // the scan can yield between them, and each query says directly which
    // selector an element matches.
    const sel = usable(set.selectors, set.listVersion);
    /** @type {Map<Element, number[]>} */
    const matchedBy = new Map();
    for (const idx of sel.valid) {
      await slicer.check();
      let found;
      try {
        found = doc.querySelectorAll(set.selectors[idx]);
      } catch {
        continue; // checked when the set was built
      }
      for (let i = 0; i < found.length; i++) {
        const el = found[i];
        const m = matchedBy.get(el);
        if (m) {
          if (m.length < B.matchesPerElement) m.push(idx);
        } else if (matchedBy.size < B.matched) matchedBy.set(el, [idx]);
      }
    }
    for (const [el, m] of matchedBy) {
      if ((elements.length & 63) === 0) await slicer.check();
      if (!el.isConnected) continue;
      elements.push(element(el, refs, m));
      taken.add(el);
    }
    const buttons = doc.querySelectorAll('button,[role=button],input[type=submit],input[type=button]');
    await slicer.check();
    for (let i = 0; i < buttons.length && i < B.buttonsScanned && elements.length < B.elements; i++) {
      if ((i & 127) === 0) await slicer.check();
      const b = buttons[i];
      if (taken.has(b) || !b.isConnected) continue;
      const raw = b instanceof HTMLInputElement ? b.value : b.textContent;
      const text = raw ? raw.replace(/\s+/g, ' ').trim() : '';
      if ((!text && !b.getAttribute('aria-label')) || text.length > B.shortText) continue;
      elements.push(element(b, refs, []));
    }
    if (elements.length) obs.elements = elements;
    const ctls = scan ? await scan.finish(refs, slicer) : [];
    if (ctls.length) obs.controls = ctls;
    stats.busyMs = slicer.done();
    return obs;
  }

  /**
   * The first n items of a live collection, as an array.
   * @template T
   * @param {{length: number, [i: number]: T}} live
   * @param {number} n
   * @returns {T[]}
   */
  function head(live, n) {
    const out = new Array(Math.min(live.length, n));
    for (let i = 0; i < out.length; i++) out[i] = live[i];
    return out;
  }

  /**
   * @param {Element} el
   * @param {Refs} refs
   * @param {number[]} matches
   */
  function element(el, refs, matches) {
    /** @type {any} */
    const e = { ref: refs.of(el), tag: cut(el.localName, 64) };
    const attrs = attrsOf(el);
    if (Object.keys(attrs).length) e.attrs = attrs;
    const text = fold(el instanceof HTMLInputElement ? el.value : el.textContent);
    if (text) e.text = text;
    const lab = label(el);
    if (lab) e.label = lab;
    if (matches.length) e.matches = matches;
    return e;
  }


  // ---- controls (detect.Control) ------------------------------------------
  // Computed exactly as wasm/htmlobs/controls.go computes them; both run the
  // shared case file testdata/contract/controls.json.

  /** Runs of Go white space, with U+200B for folding (htmlobs.fold). */
  const FOLD_RE = new RegExp(`[${GO_SPACE}\\u200b]+`, 'g');
  const SQUASH_RE = new RegExp(`[${GO_SPACE}]+`, 'g');

  /** htmlobs.fold: runs of white space (and U+200B) as one space, trimmed. @param {string} s */
  function goFold(s) {
    return s.replace(FOLD_RE, ' ').trim();
  }

  /** Elements whose boundaries separate words in rendered text (htmlobs.blocks). */
  const BLOCKS = new Set([
    'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
    'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol',
    'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul', 'option',
  ]);
  const INERT = new Set(['script', 'style', 'template', 'noscript']);

  /**
   * htmlobs.visibleText: text nodes outside inert elements, block
   * boundaries as spaces, read up to 400 UTF-8 bytes, folded, cut.
   * @param {Node} node
   */
  function visibleText(node) {
    let out = '';
    let bytes = 0;
    /** @param {Node|null} c */
    const visit = (c) => {
      for (; c && bytes <= 2 * B.textBytes; c = c.nextSibling) {
        if (c.nodeType === 3) {
          const d = /** @type {Text} */ (c).data;
          out += d;
          bytes += utf8Length(d);
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
    visit(node.firstChild);
    return cut(goFold(out), B.textBytes);
  }

  /** @param {Element} el @param {string} name */
  const attrOf = (el, name) => el.getAttribute(name) ?? '';

  /** htmlobs.isControl. @param {Element} el */
  function isControl(el) {
    const tag = el.localName;
    if (tag === 'a' || (tag === 'area' && el.hasAttribute('href'))) return true;
    if (tag === 'button') return true;
    if (tag === 'input' && ['submit', 'image', 'button', 'radio'].includes(attrOf(el, 'type').toLowerCase())) return true;
    if (el.hasAttribute('onclick')) return true;
    const role = trimSpace(attrOf(el, 'role')).toLowerCase();
    return role === 'button' || role === 'link';
  }

  /** htmlobs.controlNodes. @param {Element} el */
  function controlNodes(el) {
    const nodes = [el];
    /** @param {Element|null} c */
    const visit = (c) => {
      for (; c && nodes.length <= B.controlNodes; c = c.nextElementSibling) {
        if (INERT.has(c.localName)) continue;
        nodes.push(c);
        visit(c.firstElementChild);
      }
    };
    visit(el.firstElementChild);
    return nodes.slice(0, B.controlNodes + 1);
  }

  /** htmlobs.controlLabel. @param {Element[]} nodes */
  function controlLabel(nodes) {
    for (const n of nodes) {
      for (const k of ['aria-label', 'title', 'alt']) {
        const l = goFold(attrOf(n, k));
        if (l) return cut(l, B.textBytes);
      }
    }
    return '';
  }

  /** htmlobs.readAttr. @param {Element} n @param {Attr} a */
  function readAttr(n, a) {
    const name = a.name;
    if (name === 'xlink:href') return n.localName === 'use';
    if (name === 'href') return n.localName === 'use' && n.namespaceURI === 'http://www.w3.org/2000/svg';
    if (a.namespaceURI) return false;
    return name === 'class' || name === 'id' || name === 'name' || name === 'value' || name === 'src' || name.startsWith('data-');
  }

  /**
   * htmlobs.controlAttrs: the joined attribute words, and the values they
   * were joined from.
   * @param {Element[]} nodes
   * @param {Element|null} form
   * @returns {[string, string[]]}
   */
  function controlAttrs(nodes, form) {
    const parts = [];
    for (const n of nodes) {
      // By name, as htmlobs sorts them (parsers differ on source order).
      const read = Array.from(n.attributes).filter((a) => a.value && readAttr(n, a));
      read.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const a of read) parts.push(cut(a.value, B.attrBytes));
    }
    if (form) {
      let hidden = 0;
      const inputs = form.getElementsByTagName('input');
      for (let i = 0; i < inputs.length && hidden < 8; i++) {
        const inp = inputs[i];
        if (attrOf(inp, 'type').toLowerCase() !== 'hidden') continue;
        hidden++;
        for (const k of ['name', 'value']) {
          const v = attrOf(inp, k);
          if (v) parts.push(cut(v, B.attrBytes));
        }
      }
    }
    return [cut(goFold(parts.join(' ')), B.controlAttrBytes), parts];
  }

  /** Where groups stop: no element, body or html. @param {Element|null} n */
  const isRoot = (n) => !n || n.localName === 'body' || n.localName === 'html';

  /** htmlobs.significant. @param {Element} c */
  function significant(c) {
    const name = c.localName;
    if (INERT.has(name) || name === 'br') return false;
    return name !== 'input' || attrOf(c, 'type').toLowerCase() !== 'hidden';
  }

  /** htmlobs.group. @param {Element} el */
  function groupOf(el) {
    let g = el.parentElement;
    for (let step = 0; step < 3 && g && !isRoot(g) && !isRoot(g.parentElement); step++) {
      let count = 0;
      for (let c = g.firstElementChild; c; c = c.nextElementSibling) if (significant(c)) count++;
      if (count !== 1) break;
      g = g.parentElement;
    }
    return g;
  }

  /** htmlobs.context. @param {Element} g */
  function contextOf(g) {
    const parts = [];
    for (const n of [g, g.parentElement]) {
      if (!n) continue;
      for (const k of ['class', 'id']) {
        const v = attrOf(n, k);
        if (v) parts.push(cut(v, B.attrBytes));
      }
    }
    for (let c = g.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) parts.push(/** @type {Text} */ (c).data);
    for (let s = g.previousElementSibling; s; s = s.previousElementSibling) {
      if (INERT.has(s.localName)) continue;
      const t = visibleText(s);
      if (utf8Length(t) <= B.contextText) parts.push(t);
      break;
    }
    return cut(goFold(parts.join(' ')), B.textBytes);
  }

  /**
   * Whether one of the features (Href, Text, Label, Handler and each
   * attribute value of Attrs), lower-cased without white space, contains a
   * token (htmlobs.namesToken).
   * @param {string[]} features
   * @param {string[]} tokens
   */
  function namesToken(features, tokens) {
    for (const f of features) {
      if (!f) continue;
      const sq = f.toLowerCase().replace(SQUASH_RE, '');
      for (const t of tokens) if (sq.includes(t)) return true;
    }
    return false;
  }

  /**
   * The control an element is, when it names a token (htmlobs.control);
   * null otherwise.
   * @param {Element} el
   * @param {string} pageURL
   * @param {string} base
   * @param {string[]} tokens
   * @param {Refs} refs
   */
  function control(el, pageURL, base, tokens, refs) {
    const tag = el.localName;
    /** @type {any} */
    const c = { tag: cut(tag, 64) };
    let text = '';
    let href = '';
    let handler = '';
    let submit = false;
    /** @type {Element|null} */
    let radioLabel = null;
    if (tag === 'a' || tag === 'area') {
      const raw = attrOf(el, 'href');
      const script = javascriptURL(raw);
      if (script !== null) handler = script;
      else if (cleanURL(raw)) href = resolveGo(base, raw);
      text = visibleText(el);
    } else if (tag === 'input') {
      const t = attrOf(el, 'type').toLowerCase();
      if (t === 'submit' || t === 'button') {
        text = cut(goFold(attrOf(el, 'value')), B.textBytes);
        submit = t === 'submit';
      } else if (t === 'image') {
        text = cut(goFold(attrOf(el, 'alt')), B.textBytes);
        submit = true;
      } else if (t === 'radio') {
        radioLabel = el.parentElement?.closest('label') ?? null;
        const id = attrOf(el, 'id');
        if (!radioLabel && id) radioLabel = el.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`);
        if (radioLabel) text = visibleText(radioLabel);
      }
    } else {
      text = visibleText(el);
      if (tag === 'button') {
        const t = attrOf(el, 'type').toLowerCase();
        submit = t === '' || t === 'submit';
      }
    }
    if (!handler && el.hasAttribute('onclick')) handler = attrOf(el, 'onclick');
    handler = cut(trimSpace(handler), B.controlHandler);
    let form = null;
    if (submit) {
      form = el.parentElement?.closest('form') ?? null;
      if (form) {
        const action = attrOf(form, 'action');
        href = trimSpace(action) ? resolveGo(base, action) || pageURL : pageURL;
      }
    }
    const nodes = controlNodes(el);
    if (radioLabel) {
      // A radio's label stands for it: its icons and classes too.
      for (const d of controlNodes(radioLabel).slice(1)) if (d !== el && nodes.length <= B.controlNodes) nodes.push(d);
    }
    const label = controlLabel(nodes);
    const [attrs, parts] = controlAttrs(nodes, form);
    if (!namesToken([afterHost(href), text, label, handler, ...parts], tokens)) return null;
    c.ref = refs.of(el);
    if (href) c.href = href;
    if (text) c.text = text;
    if (label) c.label = label;
    if (attrs) c.attrs = attrs;
    if (handler) c.handler = handler;
    const g = groupOf(el);
    c.group = g ? refs.of(g) : 0;
    const ctx = g ? contextOf(g) : '';
    if (ctx) c.context = ctx;
    return c;
  }

  /**
   * resolve, as Go's url.URL.String prints the result: an empty fragment
   * ("page#") has no "#".
   * @param {string} base
   * @param {string} raw
   */
  function resolveGo(base, raw) {
    const u = resolve(base, raw);
    return u.endsWith('#') && !u.slice(0, -1).includes('#') ? u.slice(0, -1) : u;
  }

  /**
   * Whether a control may name a token: a cheap superset of the exact
   * features that htmlobs.namesToken reads, tested piece by piece without
   * building one string (on a large page the scan's cost is these DOM reads
   * and strings): its whole text, every attribute value of it and of the
   * descendants the exact features read (the raw target: the base URL is
   * checked once per scan), and for a button or input its form's action and
   * hidden inputs, and its labels.
   * @param {Element} el
   * @param {(s: string|null) => boolean} has tests one piece
   * @param {string|null} [text] its textContent, when the caller has it
   */
  function mayNameToken(el, has, text = el.textContent) {
    if (has(text)) return true;
    if (el.firstElementChild) {
      for (const n of controlNodes(el)) if (anyAttr(n, has)) return true;
    } else if (anyAttr(el, has)) return true;
    const tag = el.localName;
    if (tag !== 'button' && tag !== 'input') return false;
    const f = el.parentElement?.closest('form');
    if (f) {
      if (has(f.getAttribute('action'))) return true;
      const inputs = f.getElementsByTagName('input');
      for (let i = 0, hidden = 0; i < inputs.length && hidden < 8; i++) {
        if (attrOf(inputs[i], 'type').toLowerCase() !== 'hidden') continue;
        hidden++;
        if (has(inputs[i].getAttribute('name')) || has(inputs[i].getAttribute('value'))) return true;
      }
    }
    if (tag === 'input') {
      const l = el.parentElement?.closest('label') ?? (el.id ? el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
      if (l) {
        if (has(l.textContent)) return true;
        for (const n of controlNodes(l)) if (anyAttr(n, has)) return true;
      }
    }
    return false;
  }

  /** Whether one of an element's attribute values passes has. @param {Element} n @param {(s: string|null) => boolean} has */
  function anyAttr(n, has) {
    const names = n.getAttributeNames();
    for (let i = 0; i < names.length; i++) if (has(n.getAttribute(names[i]))) return true;
    return false;
  }

  /**
   * A test of one piece for any token, case-insensitively, with the piece's
   * white space removed (as the exact check removes it: "Linked In" names
   * linkedin).
   * @param {string[]} tokens
   * @returns {(s: string|null) => boolean}
   */
  function tokenTest(tokens) {
    const re = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'i');
    return (s) => !!s && re.test(s.replace(SQUASH_RE, ''));
  }

  /**
   * A URL without its scheme and host (htmlobs.afterHost): a site's own host
   * names no control.
   * @param {string} u
   */
  function afterHost(u) {
    const i = u.indexOf('://');
    if (i < 0) return u;
    const rest = u.slice(i + 3);
    const j = rest.search(/[/?#]/);
    return j < 0 ? '' : rest.slice(j);
  }

  /**
   * The controls scan of one observation (null without tokens): the links
   * loop of collect offers each link with the text it read (mayName);
   * finish looks at the other candidates (links without href, buttons,
   * inputs, elements with onclick or role), each source up to
   * B.controlsScanned, puts what passed in document order and keeps the
   * first B.controls that name a token exactly, as htmlobs does.
   * @param {Document} doc
   * @param {string[]} tokens
   */
  function controlScan(doc, tokens) {
    if (!tokens.length) return null;
    const pageURL = cut(doc.location.href, B.urlBytes);
    const base = doc.baseURI;
    const has = tokenTest(tokens);
    // A relative target is resolved against the base URL: when that names a
    // token, every control takes the exact check.
    const baseNames = has(afterHost(base)) || has(afterHost(pageURL));
    /** @type {Set<Element>} */
    const passed = new Set();
    return {
      passed,
      /** @param {Element} el @param {string} text */
      mayName: (el, text) => baseNames || mayNameToken(el, has, text),
      /** @param {Refs} refs @param {Slicer} slicer */
      async finish(refs, slicer) {
        /** @type {[ArrayLike<Element>, (el: Element) => boolean][]} */
        const sources = [
          [doc.querySelectorAll('a:not([href])'), () => true],
          [doc.getElementsByTagName('button'), () => true],
          // By tag and then by type in isControl (as htmlobs compares it): a
          // query with case-insensitive type selectors walks the whole page.
          [doc.getElementsByTagName('input'), isControl],
          // Links, buttons and inputs were looked at above.
          [doc.querySelectorAll('[onclick],[role]'), (el) => !['a', 'button', 'input'].includes(el.localName) && !(el.localName === 'area' && el.hasAttribute('href')) && isControl(el)],
        ];
        for (const [source, isCandidate] of sources) {
          for (let i = 0, n = 0; i < source.length && n < B.controlsScanned; i++) {
            if ((i & 255) === 0) await slicer.check();
            const el = source[i];
            if (!isCandidate(el)) continue;
            n++;
            if (baseNames || mayNameToken(el, has)) passed.add(el);
          }
        }
        const ordered = [...passed].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
        const out = [];
        for (let i = 0; i < ordered.length && out.length < B.controls; i++) {
          if ((i & 63) === 0) await slicer.check();
          const c = control(ordered[i], pageURL, base, tokens, refs);
          if (c) out.push(c);
        }
        return out;
      },
    };
  }



  return { collect, Refs, hrefResolver, cut, fold, trimSpace, cleanURL, isEventHandler, javascriptURL, handlerTexts, packHandlers, isJavaScript, mergeInOrder, bounds: B };
})();
