// Collects the generic page observation (wasm/detect/observation.go) from the
// live DOM. Classic script, loaded after rules.js, controls.js and
// elements.js and before notice.js and content.js in the same isolated
// world. It gathers the same things on every page and holds no rule logic:
// which of them reveal a widget is the core's call. The static observer
// (wasm/htmlobs) builds the same observation from saved HTML; both run the
// shared case files testdata/contract/observation.json and controls.json.
//
// Work is bounded by the observation's caps, so a page with 50,000 elements
// costs a bounded scan: collections are read up to their cap and texts are
// read from the DOM's text nodes, a bounded amount each (no layout). The
// scan also yields to the page every few milliseconds (SLICE_MS), so that
// even a long one never freezes it.

// eslint-disable-next-line no-unused-vars
const PartnerWatchCollect = (() => {
  const { B, HTML_NS, asciiLower, cut, utf8Length, trimSpace, foldText, visibleText, attrOf, label, labelOf, cleanURL, isEventHandler, JS_SCHEME, javascriptURL, resolve, baseOf, formAction, submitText, linkFilter } =
    PartnerWatchRules;
  const { controlScan } = PartnerWatchControls;
  const { elementsOf, mergeInOrder, rightmostNeeds } = PartnerWatchElements;

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
   * The event-handler and javascript: URL texts of elements, in the order
   * given (document order), as htmlobs.eventHandlers collects them: per
   * element, its attributes in order; handler attributes and an a/area
   * href that is a javascript: URL; trimmed, non-empty, each cut to
   * B.handlerBytes; the first B.handlers only. Elements inside <noscript>
   * or <template> are inert and skipped.
   * @param {Iterable<{localName: string, namespaceURI: string|null, attributes: ArrayLike<{name: string, value: string, namespaceURI: string|null}>, closest?: (s: string) => unknown}>} elements
   * @returns {string[]}
   */
  function handlerTexts(elements) {
    /** @type {string[]} */
    const out = [];
    for (const el of elements) {
      if (out.length >= B.handlers) break;
      if (el.closest && el.closest('noscript,template')) continue;
      const link = (el.localName === 'a' || el.localName === 'area') && el.namespaceURI === HTML_NS;
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

  // The attributes named on..., in document order: one native XPath query
  // instead of a walk over every element. (It is cheaper than a query for
  // the elements that have one, which makes the same walk. It walks the
  // descendant elements: //@* gives the same attributes, but its
  // descendant-or-self::node() visits every text node too, 18 % slower.)
  // Links with a javascript: target are found in the links loop, which
  // reads every link anyway.
  const HANDLER_XPATH = "/descendant::*/@*[starts-with(name(), 'on')]";

  /**
   * The elements of a document with an event-handler attribute that has a
   * text, in document order, at most limit of them. (Attributes named on...
   * that are no event handlers, or blank ones, must not use up the
   * elements read.)
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
      const a = /** @type {Attr|null} */ (snap.snapshotItem(i));
      if (!a || a.nodeType !== 2 || a.namespaceURI || !isEventHandler(a.name.toLowerCase()) || !trimSpace(a.value)) continue;
      const el = a.ownerElement;
      // (An element's attributes come one after another.)
      if (el && out[out.length - 1] !== el) out.push(el);
    }
    return out;
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

  // Script types that hold JavaScript (htmlobs.isJavaScript): not JSON, a
  // template or another data block.
  const JS_TYPES = new Set([
    '', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript',
    'application/ecmascript', 'application/x-javascript', 'text/jscript', 'text/x-javascript',
  ]);

  /** @param {string|null} type a script's type attribute */
  function isJavaScript(type) {
    if (type === null) return true;
    let t = asciiLower(trimSpace(type));
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

  /**
   * Collects one observation, yielding to the page between slices of work.
   * Collections are copied (up to their caps) before the work starts, so a
   * page that changes meanwhile cannot make the scan longer. Each field has
   * its function below, called in this order, which is also the order in
   * which nodes get their refs.
   * @param {Document} doc
   * @param {CollectSet} set
   * @param {Refs} refs
   * @param {{busyMs?: number}} [stats] receives the time spent working
   */
  async function collect(doc, set, refs, stats = {}) {
    const slicer = new Slicer();
    refs.nodes.clear();
    const base = baseOf(doc);
    /** @type {any} */
    const obs = { url: cut(doc.location.href, B.urlBytes), list_version: set.listVersion };
    if (obs.list_version === 0) delete obs.list_version;

    const { scripts, inline } = scriptsOf(doc, base);
    if (scripts.length) obs.scripts = scripts;
    const frames = framesOf(doc, base, refs);
    if (frames.length) obs.frames = frames;

    const scan = controlScan(doc, set.tokens ?? [], base);
    const { links, jsLinks } = await linksOf(doc, base, set, refs, scan, slicer);
    if (links.length) obs.links = links;
    await slicer.check();

    // Event-handler attributes and javascript: links run as scripts too:
    // their texts follow the inline scripts.
    const packed = packHandlers(inline, handlerTexts(mergeInOrder(handlerElements(doc, 4 * B.handlers), jsLinks)));
    if (packed.length) obs.inline = packed;
    await slicer.check();

    const forms = formsOf(doc, obs.url, base, refs);
    if (forms.length) obs.forms = forms;
    const elements = await elementsOf(doc, set, refs, slicer);
    if (elements.length) obs.elements = elements;
    const ctls = scan ? await scan.finish(refs, slicer) : [];
    if (ctls.length) obs.controls = ctls;
    stats.busyMs = slicer.done();
    return obs;
  }

  /**
   * What the list gives a collection: its selectors, and with hosts and
   * linkWords, the data that leaves out links that cannot matter (rules.js,
   * linkFilter); tokens for the controls scan.
   * @typedef {{selectors: string[], listVersion: number, tokens?: string[], hosts?: string[], linkWords?: string[]}} CollectSet
   */

  /**
   * The external scripts' URLs and the inline scripts' texts
   * (htmlobs.element for script), JavaScript only, each up to its cap.
   * @param {Document} doc
   * @param {string} base
   */
  function scriptsOf(doc, base) {
    /** @type {string[]} */
    const scripts = [];
    /** @type {string[]} */
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
    return { scripts, inline };
  }

  /**
   * The frames with a source URL, up to B.frames.
   * @param {Document} doc
   * @param {string} base
   * @param {Refs} refs
   */
  function framesOf(doc, base, refs) {
    const frames = [];
    // (frame elements live in frameset documents: the selector query, which
    // walks the whole page, only when there is one.)
    const iframes = doc.getElementsByTagName('frame').length ? doc.querySelectorAll('iframe,frame') : doc.getElementsByTagName('iframe');
    for (let i = 0; i < iframes.length && frames.length < B.frames; i++) {
      const f = iframes[i];
      const src = f.getAttribute('src');
      // (A blank src is no frame URL, as for scripts and links.)
      if (src === null || !cleanURL(src)) continue;
      const u = resolve(base, src);
      if (u) frames.push({ ref: refs.of(f), src: u });
    }
    return frames;
  }

  /**
   * The links that can matter (the first B.links of the page, read once
   * each), the links whose target is a javascript: URL with a script (in
   * document order, at most 4 × B.handlers, for the handler texts), and
   * each link offered to the controls scan.
   * @param {Document} doc
   * @param {string} base
   * @param {CollectSet} set
   * @param {Refs} refs
   * @param {ReturnType<typeof controlScan>} scan
   * @param {Slicer} slicer
   */
  async function linksOf(doc, base, set, refs, scan, slicer) {
    const links = [];
    /** @type {Element[]} */
    const jsLinks = [];
    const anchors = head(doc.links, B.links);
    const hrefOf = hrefResolver(base);
    const matters = linkFilter(set.hosts, set.linkWords);
    await slicer.check();
    // Texts are read as textContent where that is the visible text (no
    // element inside, short enough for visibleText to read it whole; in an
    // HTML document, where no CDATA section can hide in it): one read
    // instead of a walk of the link's nodes.
    const plainText = doc.contentType === 'text/html';
    for (let i = 0; i < anchors.length; i++) {
      if ((i & 255) === 0) await slicer.check();
      const a = /** @type {HTMLAnchorElement} */ (anchors[i]);
      // Each attribute is read once: the target, the label's, and every
      // value for the controls' check. (getAttribute answers the first of
      // a name; so does this.)
      const names = a.getAttributeNames();
      const values = new Array(names.length);
      /** @type {string|null} */ let attr = null;
      /** @type {string|null} */ let aria = null;
      /** @type {string|null} */ let title = null;
      for (let j = 0; j < names.length; j++) {
        const v = (values[j] = a.getAttribute(names[j]));
        const n = names[j];
        if (n === 'href') attr ??= v;
        else if (n === 'aria-label') aria ??= v;
        else if (n === 'title') title ??= v;
      }
      const nested = a.firstElementChild !== null;
      const tc = a.textContent ?? '';
      // Controls: the cheap check here, where the link is read anyway. (A
      // link that has left the page meanwhile is no control and no link.)
      if (scan && scan.mayNameLink(a, tc, nested, values) && a.isConnected) scan.passed.add(a);
      // The browser has resolved href already; no URL parsing here. Links
      // of every scheme are kept, as the static observer keeps them: app
      // schemes (viber://chat?number=..., whatsapp://send?phone=...) are
      // signals of their own. An empty href is no link.
      attr ??= '';
      if (jsLinks.length < 4 * B.handlers && attr.length >= 11 && JS_SCHEME.test(attr) && trimSpace(javascriptURL(attr) ?? '') && a.isConnected) jsLinks.push(a);
      if (!cleanURL(attr)) continue;
      const raw = hrefOf(a, attr);
      if (!raw) continue;
      const href = raw.length * 3 > B.urlBytes ? cut(raw, B.urlBytes) : raw;
      const text = plainText && !nested && tc.length * 3 <= 2 * B.textBytes ? foldText(tc) : visibleText(a);
      // (htmlobs.linkLabel: else the alt text of the link's first image.)
      const lab = labelOf(aria, title) || (nested ? foldText(a.querySelector('img')?.getAttribute('alt')) : '');
      if (matters && !matters(href, text, lab)) continue;
      if (!a.isConnected) continue;
      /** @type {any} */
      const l = { ref: refs.of(a), href };
      if (text) l.text = text;
      if (lab) l.label = lab;
      links.push(l);
    }
    return { links, jsLinks };
  }

  /**
   * The forms, up to B.forms (htmlobs.form): each one's action; the texts
   * of every submit control, joined while they are at most B.textBytes; the
   * form's aria-label, else the label of its first submit control that has
   * one.
   * @param {Document} doc
   * @param {string} pageURL the observation's URL
   * @param {string} base
   * @param {Refs} refs
   */
  function formsOf(doc, pageURL, base, refs) {
    const forms = [];
    const fs = doc.forms;
    for (let i = 0; i < fs.length && forms.length < B.forms; i++) {
      const f = fs[i];
      /** @type {any} */
      const o = { ref: refs.of(f), action: formAction(f, pageURL, base) };
      let lab = foldText(attrOf(f, 'aria-label'));
      let text = '';
      let bytes = 0;
      const controls = f.querySelectorAll('button,input');
      for (let j = 0; j < controls.length && (!lab || bytes <= B.textBytes); j++) {
        const t = submitText(controls[j]);
        if (t === null) continue;
        if (t && bytes <= B.textBytes) {
          text = bytes ? `${text} ${t}` : t;
          bytes = utf8Length(text);
        }
        if (!lab) lab = label(controls[j]);
      }
      if (text) o.text = cut(text, B.textBytes);
      if (lab) o.label = lab;
      forms.push(o);
    }
    return forms;
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


  return { collect, Refs, hrefResolver, rightmostNeeds, cut, trimSpace, cleanURL, isEventHandler, javascriptURL, handlerTexts, packHandlers, isJavaScript, mergeInOrder, bounds: B, rules: PartnerWatchRules };
})();
