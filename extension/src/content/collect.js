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
      const name = list[i].name.slice(0, 128);
      out[name] = cut(list[i].value, B.attrBytes);
    }
    return out;
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
   * @param {{selectors: string[], listVersion: number}} set
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
      const src = s.getAttribute('src');
      if (src) {
        if (scripts.length < B.scripts) {
          const u = resolve(base, src);
          if (u) scripts.push(u);
        }
      } else if (inline.length < B.inline) {
        const type = (s.getAttribute('type') || '').toLowerCase();
        if (type && !/(javascript|ecmascript|module)/.test(type)) continue;
        const text = s.text;
        if (text && text.trim()) inline.push(cut(text.length > B.inlineBytes ? text.slice(0, B.inlineBytes) : text, B.inlineBytes));
      }
    }
    if (scripts.length) obs.scripts = scripts;
    if (inline.length) obs.inline = inline;

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
    const anchors = head(doc.links, B.links);
    await slicer.check();
    for (let i = 0; i < anchors.length; i++) {
      if ((i & 255) === 0) await slicer.check();
      const a = /** @type {HTMLAnchorElement} */ (anchors[i]);
      if (!a.isConnected) continue;
      // The browser has resolved href already; no URL parsing here.
      const raw = a.href;
      if (!raw) continue;
      const href = raw.length * 3 > B.urlBytes ? cut(raw, B.urlBytes) : raw;
      /** @type {any} */
      const l = { ref: refs.of(a), href };
      const text = fold(a.textContent);
      if (text) l.text = text;
      const lab = label(a);
      if (lab) l.label = lab;
      links.push(l);
    }
    if (links.length) obs.links = links;
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
        if (m) m.push(idx);
        else if (matchedBy.size < B.matched) matchedBy.set(el, [idx]);
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
    const e = { ref: refs.of(el), tag: el.localName.slice(0, 64) };
    const attrs = attrsOf(el);
    if (Object.keys(attrs).length) e.attrs = attrs;
    const text = fold(el instanceof HTMLInputElement ? el.value : el.textContent);
    if (text) e.text = text;
    const lab = label(el);
    if (lab) e.label = lab;
    if (matches.length) e.matches = matches;
    return e;
  }

  return { collect, Refs, cut, fold };
})();
