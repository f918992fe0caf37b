// The observation's elements (wasm/detect/observation.go, Element): the
// elements that the list's selectors match and the candidate buttons, each
// with its attributes, text and label, as htmlobs.finishElements lists
// them. Classic script, loaded after rules.js and controls.js and before
// collect.js in the same isolated world; collect.js calls elementsOf. Also
// the merging of element lists in document order, which the handler texts
// use too.

// eslint-disable-next-line no-unused-vars
const PartnerWatchElements = (() => {
  const { B, HTML_NS, cut, utf8Length, foldText, visibleText, attrOf, keyword, label } = PartnerWatchRules;

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

  /**
   * mergeInOrder for two disjoint lists of which the first is usually short
   * (the matched elements among candidate buttons): each of its elements
   * finds its place by binary search, so that the comparisons, which can
   * walk long sibling lists on a large page, number about
   * a.length × log2(b.length) rather than a.length + b.length.
   * @param {Element[]} a
   * @param {Element[]} b
   * @returns {Element[]}
   */
  function mergeFew(a, b) {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    if (a.length * Math.log2(b.length + 1) >= a.length + b.length) return mergeInOrder(a, b);
    /** @type {Element[]} */
    const out = [];
    let from = 0;
    for (const x of a) {
      let lo = from;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x.compareDocumentPosition(b[mid]) & 4 /* b[mid] FOLLOWS x */) hi = mid;
        else lo = mid + 1;
      }
      for (let i = from; i < lo; i++) out.push(b[i]);
      out.push(x);
      from = lo;
    }
    for (let i = from; i < b.length; i++) out.push(b[i]);
    return out;
  }

  /** Selector sets already checked, per list version. */
  const selectorCache = { version: -1, valid: /** @type {number[]} */ ([]), needs: /** @type {(Needs|null)[]} */ ([]) };

  /**
   * What an element must have to match a selector, read from the
   * selector's rightmost compound ('div.x > iframe#chat[title="a"]': type
   * "iframe", id "chat"); null when the selector is one this reading does
   * not cover (a list, parentheses, escapes, namespaces). A page without
   * such an element has no match, and the query over the whole page is
   * skipped.
   * @typedef {{tag: string|null, id: string|null}} Needs
   * @param {string} selector
   * @returns {Needs|null}
   */
  function rightmostNeeds(selector) {
    const s = selector
      .trim()
      .replace(/"[^"\\]*"|'[^'\\]*'/g, '')
      .replace(/\[[^\]"'\\]*\]/g, '[]');
    if (/[,()\\|"'\]]/.test(s.replace(/\[\]/g, ''))) return null;
    const compound = s.split(/\s*[\s>+~]\s*/).pop() ?? '';
    // As written: getElementsByTagName folds case for HTML elements only,
    // as type selectors do.
    const tag = /^([a-zA-Z][a-zA-Z0-9-]*)(?=$|[.#[:])/.exec(compound)?.[1] ?? null;
    const id = /#([A-Za-z_-][A-Za-z0-9_-]*)(?=$|[.#[:])/.exec(compound)?.[1] ?? null;
    return tag || id ? { tag, id } : null;
  }

  /**
   * Whether a document may have an element a selector matches, by what
   * rightmostNeeds read (ids only outside quirks mode, where selectors
   * match ids without regard to case and getElementById does not).
   * @param {Document} doc
   * @param {Needs|null} needs
   * @param {Map<string, boolean>} hasType whether the page has an element of a type, by type
   */
  function mayMatch(doc, needs, hasType) {
    if (!needs) return true;
    if (needs.id && doc.compatMode === 'CSS1Compat' && doc.getElementById(needs.id) === null) return false;
    if (!needs.tag) return true;
    let has = hasType.get(needs.tag);
    // (item(0) stops at the first one; length would count them all.)
    if (has === undefined) hasType.set(needs.tag, (has = doc.getElementsByTagName(needs.tag).item(0) !== null));
    return has;
  }

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
    selectorCache.needs = selectors.map(rightmostNeeds);
    return selectorCache;
  }

  /**
   * An element's attributes, the first B.attrs of them, each name and value
   * bounded in UTF-8 bytes as the service worker checks them (an attribute
   * or a custom element's name may be non-ASCII). Read by name, which
   * creates no Attr node. (Two attributes can share a name only when a
   * script sets them through namespaces; the name's first value is kept.)
   * @param {Element} el
   */
  function attrsOf(el) {
    /** @type {Record<string, string>} */
    const out = {};
    const names = el.getAttributeNames();
    for (let i = 0; i < names.length && i < B.attrs; i++) out[cut(names[i], B.attrNameBytes)] = cut(/** @type {string} */ (el.getAttribute(names[i])), B.attrBytes);
    return out;
  }

  /**
   * The elements (htmlobs.finishElements): those the list's selectors match
   * (taken in selector order, at most B.matched), then candidate buttons
   * among the first B.buttonsScanned with a short text or a label, listed
   * in document order.
   * @param {Document} doc
   * @param {{selectors: string[], listVersion: number}} set
   * @param {{of(el: Element): number}} refs the scan's refs (collect.js, Refs)
   * @param {{check(): Promise<void>}} slicer the scan's time slicing (collect.js, Slicer)
   */
  async function elementsOf(doc, set, refs, slicer) {
    const elements = [];
    const taken = new Set();
    // One query per selector rather than one for the joined set: each is
    // fast on its own (browsers have fast paths for ids, classes and tags),
    // the scan can yield between them, and each query says directly which
    // selector an element matches.
    const sel = usable(set.selectors, set.listVersion);
    /** @type {Map<Element, number[]>} */
    const matchedBy = new Map();
    /** @type {Map<string, boolean>} */
    const hasType = new Map();
    for (const idx of sel.valid) {
      if (!mayMatch(doc, sel.needs[idx], hasType)) continue;
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
    /** @type {Element[]} */
    const matched = [];
    for (const el of matchedBy.keys()) {
      if (!el.isConnected) continue;
      matched.push(el);
      taken.add(el);
    }
    if (matched.length > 1) matched.sort((a, b) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
    // (role=button exactly: a case-insensitive [role=button i] makes this
    // query four times slower on a large page.)
    const buttons = doc.querySelectorAll('button,[role=button],input[type=submit],input[type=button]');
    await slicer.check();
    /** @type {Map<Element, [string, string]>} */
    const candidates = new Map();
    for (let i = 0; i < buttons.length && i < B.buttonsScanned && matched.length + candidates.size < B.elements; i++) {
      if ((i & 127) === 0) await slicer.check();
      const b = buttons[i];
      if (taken.has(b) || !b.isConnected) continue;
      const text = elementText(b);
      const lab = label(b);
      if ((!text && !lab) || utf8Length(text) > B.shortText) continue;
      candidates.set(b, [text, lab]);
    }
    const ordered = mergeFew(matched, [...candidates.keys()]);
    for (let i = 0; i < ordered.length; i++) {
      if ((i & 63) === 0) await slicer.check();
      const el = ordered[i];
      const tl = candidates.get(el);
      elements.push(tl ? element(el, refs, [], tl[0], tl[1]) : element(el, refs, /** @type {number[]} */ (matchedBy.get(el)), elementText(el), label(el)));
    }
    return elements;
  }

  /**
   * An element's text (htmlobs.elementText): an input button's value, else
   * its visible text.
   * @param {Element} el
   */
  function elementText(el) {
    if (el.localName === 'input' && el.namespaceURI === HTML_NS) {
      const t = keyword(el, 'type');
      if (t === 'submit' || t === 'button') return foldText(attrOf(el, 'value'));
    }
    return visibleText(el);
  }

  /**
   * @param {Element} el
   * @param {{of(el: Element): number}} refs
   * @param {number[]} matches
   * @param {string} text its elementText
   * @param {string} lab its label
   */
  function element(el, refs, matches, text, lab) {
    /** @type {any} */
    const e = { ref: refs.of(el), tag: cut(el.localName, 64) };
    const attrs = attrsOf(el);
    if (Object.keys(attrs).length) e.attrs = attrs;
    if (text) e.text = text;
    if (lab) e.label = lab;
    if (matches.length) e.matches = matches;
    return e;
  }

  return { elementsOf, mergeInOrder, rightmostNeeds };
})();
