// The controls scan of the observation (detect.Control), computed exactly
// as wasm/htmlobs/controls.go computes them; both run the shared case file
// testdata/contract/controls.json. Classic content script, loaded after
// rules.js and before elements.js and collect.js, which calls controlScan.

// eslint-disable-next-line no-unused-vars
const PartnerWatchControls = (() => {
  const { B, INERT, SQUASH_RE, NON_ASCII, cut, utf8Length, trimSpace, fold, visibleText, attrOf, keyword, cleanURL, javascriptURL, resolve, formAction, isSubmitButton, linkFold } =
    PartnerWatchRules;

  /** Input types that make a control (htmlobs.isControl). */
  const CONTROL_TYPES = ['submit', 'image', 'button', 'radio'];

  /**
   * htmlobs.isControl. Attributes are looked up in the list of names first:
   * most inputs on a large page have none of those asked about, and one
   * read of the names costs less than a read of each.
   * @param {Element} el
   */
  function isControl(el) {
    const tag = el.localName;
    if (tag === 'a' || tag === 'button') return true;
    const names = el.getAttributeNames();
    if (tag === 'area' && names.includes('href')) return true;
    if (tag === 'input' && names.includes('type') && CONTROL_TYPES.includes(keyword(el, 'type'))) return true;
    if (names.includes('onclick')) return true;
    if (!names.includes('role')) return false;
    const role = trimSpace(keyword(el, 'role'));
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
        const l = fold(attrOf(n, k));
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
        if (keyword(inp, 'type') !== 'hidden') continue;
        hidden++;
        for (const k of ['name', 'value']) {
          const v = attrOf(inp, k);
          if (v) parts.push(cut(v, B.attrBytes));
        }
      }
    }
    return [cut(fold(parts.join(' ')), B.controlAttrBytes), parts];
  }

  /** Where groups stop: no element, body or html. @param {Element|null} n */
  const isRoot = (n) => !n || n.localName === 'body' || n.localName === 'html';

  /** htmlobs.significant. @param {Element} c */
  function significant(c) {
    const name = c.localName;
    if (INERT.has(name) || name === 'br') return false;
    return name !== 'input' || keyword(c, 'type') !== 'hidden';
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
    return cut(fold(parts.join(' ')), B.textBytes);
  }

  /**
   * Whether one of the features (Href, Text, Label, Handler and each
   * attribute value of Attrs), lower-cased and folded as link texts are
   * (linkFold) without white space, contains a token (htmlobs.namesToken).
   * @param {string[]} features
   * @param {string[]} tokens
   */
  function namesToken(features, tokens) {
    for (const f of features) {
      if (!f) continue;
      const sq = linkFold(f).replace(SQUASH_RE, '');
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
      else if (cleanURL(raw)) href = resolve(base, raw);
      text = visibleText(el);
    } else if (tag === 'input') {
      const t = keyword(el, 'type');
      if (t === 'submit' || t === 'button') {
        text = cut(fold(attrOf(el, 'value')), B.textBytes);
        submit = t === 'submit';
      } else if (t === 'image') {
        text = cut(fold(attrOf(el, 'alt')), B.textBytes);
        submit = true;
      } else if (t === 'radio') {
        radioLabel = el.parentElement?.closest('label') ?? null;
        const id = attrOf(el, 'id');
        if (!radioLabel && id) radioLabel = el.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`);
        if (radioLabel) text = visibleText(radioLabel);
      }
    } else {
      text = visibleText(el);
      submit = isSubmitButton(el);
    }
    if (!handler && el.hasAttribute('onclick')) handler = attrOf(el, 'onclick');
    handler = cut(trimSpace(handler), B.controlHandler);
    let form = null;
    if (submit) {
      form = el.parentElement?.closest('form') ?? null;
      if (form) href = formAction(form, pageURL, base);
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
   * @param {boolean} [nested] whether an element is inside it, when the caller has read that
   * @param {(string|null)[]|null} [values] its attribute values, when the caller has them
   */
  function mayNameToken(el, has, text = el.textContent, nested = el.firstElementChild !== null, values = null) {
    if (has(text)) return true;
    if (nested) {
      for (const n of controlNodes(el)) if (anyAttr(n, has)) return true;
    } else if (values ? values.some(has) : anyAttr(el, has)) return true;
    const tag = el.localName;
    if (tag !== 'button' && tag !== 'input') return false;
    const f = el.parentElement?.closest('form');
    if (f) {
      if (has(f.getAttribute('action'))) return true;
      const inputs = f.getElementsByTagName('input');
      for (let i = 0, hidden = 0; i < inputs.length && hidden < 8; i++) {
        if (keyword(inputs[i], 'type') !== 'hidden') continue;
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
   * A test of one piece for any token, with the piece's white space removed
   * (as the exact check removes it: "Linked In" names linkedin): a superset
   * of namesToken's test. A case-insensitive regular expression answers
   * for ASCII; it differs from toLowerCase beyond ASCII (a Kelvin sign is
   * a k to toLowerCase, not to the i flag), so a piece that the expression
   * does not match and that is not ASCII takes the exact fold.
   * @param {string[]} tokens
   * @returns {(s: string|null) => boolean}
   */
  function tokenTest(tokens) {
    const alternatives = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
    const re = new RegExp(alternatives, 'i');
    const exact = new RegExp(alternatives);
    return (s) => {
      if (!s) return false;
      const sq = s.replace(SQUASH_RE, '');
      return re.test(sq) || (NON_ASCII.test(sq) && exact.test(linkFold(sq)));
    };
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
   * loop of collect offers each link with what it read (mayNameLink);
   * finish looks at the other candidates (links without href, buttons,
   * inputs, elements with onclick or role), each source up to
   * B.controlsScanned, puts what passed in document order and keeps the
   * first B.controls that name a token exactly, as htmlobs does.
   * @param {Document} doc
   * @param {string[]} tokens
   * @param {string} base the document's base URL (rules.js baseOf)
   */
  function controlScan(doc, tokens, base) {
    if (!tokens.length) return null;
    const pageURL = cut(doc.location.href, B.urlBytes);
    const has = tokenTest(tokens);
    // A relative target is resolved against the base URL: when that names a
    // token, every control takes the exact check.
    const baseNames = has(afterHost(base)) || has(afterHost(pageURL));
    /** @type {Set<Element>} */
    const passed = new Set();
    return {
      passed,
      /**
       * mayNameToken for a link, from what the links loop read.
       * @param {Element} el
       * @param {string} text its textContent
       * @param {boolean} nested whether an element is inside it
       * @param {(string|null)[]} values its attribute values
       */
      mayNameLink: (el, text, nested, values) => baseNames || mayNameToken(el, has, text, nested, values),
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

  return { controlScan, isControl, afterHost };
})();
