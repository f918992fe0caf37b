// The content script's collection rules that do not need a DOM: event-handler
// and javascript: URL texts, their packing into inline texts, script types
// and white space, each mirroring the static observer (wasm/htmlobs,
// handlers.go and htmlobs.go), so that a page gives the same observation
// live and from its saved HTML. The small rules run the tables of
// testdata/contract/rules.json, which wasm/htmlobs runs too; the whole
// observation is held to testdata/contract/observation.json in Chromium
// (test/e2e/contract.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { collectorSource } from '../../tools/content-scripts.mjs';
import * as bounds from '../../src/lib/bounds.js';

/** collect.js is a classic content script: run it here and take its one global. */
const C = vm.runInThisContext(`(() => {\n${collectorSource()}\n})()`);

/** The small rules as tables, which wasm/htmlobs runs too (TestContractRules). */
const RULES = JSON.parse(readFileSync(new URL('../../../testdata/contract/rules.json', import.meta.url), 'utf8'));

/**
 * A stand-in for a DOM element: a local name, attributes in source order
 * ([name, value] or [name, value, namespace]) and, optionally, an inert
 * ancestor (<noscript> or <template>).
 * @param {string} localName
 * @param {[string, string, string?][]} attrs
 * @param {string} [inertAncestor]
 */
function el(localName, attrs, inertAncestor) {
  return {
    localName,
    namespaceURI: 'http://www.w3.org/1999/xhtml',
    attributes: attrs.map(([name, value, ns]) => ({ name, value, namespaceURI: ns ?? null })),
    closest: (/** @type {string} */ sel) => (inertAncestor && sel.split(',').includes(inertAncestor) ? {} : null),
  };
}

// ---- the bounds are the contract's -----------------------------------------

test('collect.js uses the observation bounds of bounds.js', () => {
  const B = C.bounds;
  assert.deepEqual(
    [B.scripts, B.inline, B.inlineBytes, B.frames, B.links, B.forms, B.elements, B.textBytes, B.urlBytes, B.attrs, B.attrBytes, B.attrNameBytes, B.handlers, B.handlerBytes,
      B.controls, B.controlAttrBytes, B.controlHandler, B.controlNodes, B.contextText, B.matchesPerElement,
      B.shortText, B.matched, B.buttonsScanned, B.controlsScanned],
    [bounds.MaxScripts, bounds.MaxInline, bounds.MaxInlineBytes, bounds.MaxFrames, bounds.MaxLinks, bounds.MaxForms, bounds.MaxElements, bounds.MaxTextBytes, bounds.MaxURLBytes, bounds.MaxAttrs, bounds.MaxAttrBytes, bounds.MaxAttrNameBytes, bounds.MaxHandlers, bounds.MaxHandlerBytes,
      bounds.MaxControls, bounds.MaxControlAttrBytes, bounds.MaxControlHandler, bounds.MaxControlNodes, bounds.MaxContextText, bounds.MaxMatches,
      bounds.MaxButtonText, bounds.MaxMatchedElements, bounds.MaxButtonsScanned, bounds.MaxControlsScanned],
  );
});

// ---- attribute names --------------------------------------------------------

test('isEventHandler: the shared table (testdata/contract/rules.json)', () => {
  assert.ok(RULES.isEventHandler.length > 0);
  for (const [name, want] of RULES.isEventHandler) assert.equal(C.isEventHandler(name), want, name);
});

// ---- javascript: URLs -------------------------------------------------------

test('javascriptURL: the shared table (testdata/contract/rules.json)', () => {
  assert.ok(RULES.javascriptURL.length > 0);
  for (const [raw, want] of RULES.javascriptURL) assert.equal(C.javascriptURL(raw), want, JSON.stringify(raw));
});

// ---- white space, URL attributes, script types, cuts ---------------------------

test('fold, trimSpace, cleanURL, isJavaScript, cut, asciiLower and linkFold: the shared tables (testdata/contract/rules.json)', () => {
  const R = C.rules;
  for (const [name, fn] of /** @type {[string, (...a: any[]) => any][]} */ ([
    ['fold', R.fold],
    ['trimSpace', R.trimSpace],
    ['cleanURL', R.cleanURL],
    ['isJavaScript', C.isJavaScript],
    ['cut', R.cut],
    ['asciiLower', R.asciiLower],
    ['linkFold', R.linkFold],
  ])) {
    const table = RULES[name];
    assert.ok(table.length > 0, name);
    for (const row of table) {
      const want = row[row.length - 1];
      const args = row.slice(0, -1);
      assert.equal(fn(...args), want, `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
    }
  }
});

// ---- the link filter ---------------------------------------------------------

test('linkFilter: the shared table (testdata/contract/rules.json), which detect.LinkFilter runs too', () => {
  const { hosts, words, cases } = RULES.linkFilter;
  assert.ok(cases.length > 0);
  const keep = C.rules.linkFilter(hosts, words);
  assert.ok(keep);
  for (const [href, text, label, want] of cases) assert.equal(keep(href, text, label), want, JSON.stringify([href, text, label]));
  // Without both arrays there is no filter: every link is sent.
  assert.equal(C.rules.linkFilter(hosts, undefined), null);
  assert.equal(C.rules.linkFilter(undefined, words), null);
  // No words: hosts alone.
  const hostsOnly = C.rules.linkFilter(['m.me'], []);
  assert.equal(hostsOnly?.('https://m.me/page', '', ''), true);
  assert.equal(hostsOnly?.('https://www.example.org/', 'facebook', ''), false);
});

test('rightmostNeeds: the type and id a selector\'s matches must have, or null when the reading does not cover the selector', () => {
  const cases = [
    ['iframe#chatra__iframe', { tag: 'iframe', id: 'chatra__iframe' }],
    ['#drift-widget', { tag: null, id: 'drift-widget' }],
    ['div.widget-visible > iframe[title="chat widget"]', { tag: 'iframe', id: null }],
    ['div#a > span.x', { tag: 'span', id: null }],
    ['div.x#b:first-child', { tag: 'div', id: 'b' }],
    ['iframe[name="a, b (c) #d"]', { tag: 'iframe', id: null }],
    ['div[x="]"]', { tag: 'div', id: null }],
    ['input[type=image][src*="/a b/"]', { tag: 'input', id: null }],
    ['shop-login-button', { tag: 'shop-login-button', id: null }],
    ['svg foreignObject', { tag: 'foreignObject', id: null }],
    ['DIV.X', { tag: 'DIV', id: null }],
    ['div ~ span.x', { tag: 'span', id: null }],
    ['#café', null],
    ['.x', null],
    ['[data-a]', null],
    ['div *', null],
    ['div, span', null],
    ['a:not([href])', null],
    ['#a:not(.b)', null],
    ['fb\\:login-button', null],
    ['#\\31 23', null],
    ['svg|a', null],
  ];
  for (const [sel, want] of cases) assert.deepEqual(C.rightmostNeeds(sel), want, sel);
});

// ---- collecting handler texts -----------------------------------------------

test('handlerTexts: which attributes count, in document order', () => {
  const cases = [
    {
      name: 'handlers and javascript: links, per element in attribute order',
      els: [
        el('button', [['class', 'fb'], ['onclick', ' FB.login(cb) '], ['onmouseover', 'hover()']]),
        el('a', [['href', 'javascript:AppleID.auth.signIn()'], ['onclick', 'track()']]),
        el('div', [['onload', 'init()']]),
      ],
      want: ['FB.login(cb)', 'hover()', 'AppleID.auth.signIn()', 'track()', 'init()'],
    },
    {
      name: 'a javascript: href counts on a and area only',
      els: [el('area', [['href', 'javascript:x()']]), el('link', [['href', 'javascript:y()']]), el('div', [['href', 'javascript:z()']])],
      want: ['x()'],
    },
    {
      name: 'ordinary links give nothing',
      els: [el('a', [['href', 'https://www.facebook.com/']]), el('a', [['href', 'viber://chat?number=%2B1']])],
      want: [],
    },
    {
      name: 'empty and blank texts are skipped',
      els: [el('button', [['onclick', ''], ['onfocus', ' \n\t ']]), el('a', [['href', 'javascript:']]), el('a', [['href', 'javascript:void(0)']])],
      want: ['void(0)'],
    },
    {
      name: 'namespaced attributes are skipped',
      els: [el('svg', [['onload', 'a()', 'http://www.w3.org/1999/xlink']]), el('svg', [['onload', 'b()']])],
      want: ['b()'],
    },
    {
      name: 'elements inside noscript and template are inert',
      els: [el('button', [['onclick', 'a()']], 'noscript'), el('button', [['onclick', 'b()']], 'template'), el('button', [['onclick', 'c()']])],
      want: ['c()'],
    },
    {
      name: 'attribute names in any case (SVG keeps the case)',
      els: [el('rect', [['onClick', 'x()']])],
      want: ['x()'],
    },
  ];
  for (const c of cases) assert.deepEqual(C.handlerTexts(c.els), c.want, c.name);
});

test('handlerTexts: the first MaxHandlers texts, each cut to MaxHandlerBytes on a character boundary', () => {
  const many = Array.from({ length: 100 }, (_, i) => el('button', [['onclick', `h${i}()`]]));
  const got = C.handlerTexts(many);
  assert.equal(got.length, bounds.MaxHandlers);
  assert.equal(got[0], 'h0()');
  assert.equal(got.at(-1), `h${bounds.MaxHandlers - 1}()`);

  // Two handlers on the 64th element: only the first is kept.
  const edge = [...many.slice(0, 63), el('button', [['onclick', 'last()'], ['onfocus', 'over()']])];
  assert.deepEqual(C.handlerTexts(edge).slice(-1), ['last()']);

  const long = C.handlerTexts([el('button', [['onclick', `${'a'.repeat(2047)}€tail`]])]);
  assert.equal(long[0], 'a'.repeat(2047), 'the euro sign (3 bytes) does not fit in the last byte');
  const exact = C.handlerTexts([el('button', [['onclick', 'b'.repeat(3000)]])]);
  assert.equal(exact[0].length, bounds.MaxHandlerBytes);
});

// ---- packing into inline ----------------------------------------------------

test('packHandlers: joined with newlines into entries of at most MaxInlineBytes, after the inline scripts', () => {
  const h = (/** @type {number} */ n, /** @type {string} */ c) => c.repeat(n);
  const cases = [
    { name: 'no handlers: inline unchanged', inline: ['s1'], handlers: [], want: ['s1'] },
    { name: 'one entry after the scripts', inline: ['s1', 's2'], handlers: ['a()', 'b()'], want: ['s1', 's2', 'a()\nb()'] },
    { name: 'no scripts', inline: [], handlers: ['a()'], want: ['a()'] },
    {
      name: 'eight texts of 2048 bytes fill one entry but the newlines push the last out',
      inline: [],
      handlers: Array.from({ length: 8 }, (_, i) => h(2048, String(i))),
      want: [Array.from({ length: 7 }, (_, i) => h(2048, String(i))).join('\n'), h(2048, '7')],
    },
    {
      name: 'an entry is filled to exactly MaxInlineBytes',
      inline: [],
      handlers: [h(10000, 'a'), h(bounds.MaxInlineBytes - 10001, 'b'), 'c'],
      want: [`${h(10000, 'a')}\n${h(bounds.MaxInlineBytes - 10001, 'b')}`, 'c'],
    },
    {
      name: 'bytes, not UTF-16 units, count',
      inline: [],
      handlers: [h(8191, 'é'), 'x'], // 16,382 bytes, + "\n" + "x" = 16,384
      want: [`${h(8191, 'é')}\nx`],
    },
    {
      name: 'the last inline scripts give way when the total is over MaxInline',
      inline: Array.from({ length: 64 }, (_, i) => `s${i}`),
      handlers: Array.from({ length: 9 }, () => h(2048, 'z')),
      want: [...Array.from({ length: 62 }, (_, i) => `s${i}`), Array.from({ length: 7 }, () => h(2048, 'z')).join('\n'), `${h(2048, 'z')}\n${h(2048, 'z')}`],
    },
  ];
  for (const c of cases) {
    const got = C.packHandlers(c.inline, c.handlers);
    assert.deepEqual(got, c.want, c.name);
    assert.ok(got.length <= bounds.MaxInline, c.name);
  }
});

// ---- script types and white space -------------------------------------------

test('isJavaScript: the static observer\'s list of JavaScript types', () => {
  const cases = [
    [null, true],
    ['', true],
    ['  text/javascript ', true],
    ['TEXT/JavaScript; charset=utf-8', true],
    ['module', true],
    ['text/jscript', true],
    ['application/ld+json', false],
    ['text/template', false],
    ['text/babel', false],
    ['text/javascript-template', false],
  ];
  for (const [type, want] of cases) assert.equal(C.isJavaScript(type), want, JSON.stringify(type));
});

test('trimSpace: Go\'s white space, in linear time', () => {
  assert.equal(C.trimSpace(' \t\n\u0085\u00a0\u3000x y\u2028 '), 'x y');
  assert.equal(C.trimSpace('\ufeffx'), '\ufeffx', 'U+FEFF is not white space to Go');
  assert.equal(C.cleanURL(' java\tscript:\r\n '), 'javascript:');
  // A hostile text: a million spaces before one letter (a backtracking
  // regular expression would take minutes here).
  const big = `${' '.repeat(1_000_000)}a${' '.repeat(1_000_000)}b`;
  assert.equal(C.trimSpace(big), big.slice(1_000_000));
});

test('trimSpace trims exactly the Unicode White_Space characters (Go\'s unicode.IsSpace), every UTF-16 unit', () => {
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    assert.equal(C.trimSpace(`${ch}x${ch}`) === 'x', /\p{White_Space}/u.test(ch), `U+${c.toString(16).padStart(4, '0')}`);
  }
});

test('mergeInOrder: two lists in document order become one, each element once', () => {
  /** Stand-ins ordered by a position, as compareDocumentPosition orders nodes. */
  const at = (/** @type {number} */ pos) => ({ pos, compareDocumentPosition: (/** @type {any} */ o) => (o.pos > pos ? 4 : 2) });
  const e = [0, 1, 2, 3, 4, 5].map(at);
  const cases = [
    { name: 'interleaved', a: [e[0], e[2], e[4]], b: [e[1], e[3]], want: [0, 1, 2, 3, 4] },
    { name: 'shared elements once', a: [e[1], e[2]], b: [e[2], e[5]], want: [1, 2, 5] },
    { name: 'one list empty', a: [], b: [e[3]], want: [3] },
    { name: 'all of b first', a: [e[4], e[5]], b: [e[0], e[1]], want: [0, 1, 4, 5] },
  ];
  for (const c of cases) assert.deepEqual(C.mergeInOrder(c.a, c.b).map((/** @type {any} */ x) => x.pos), c.want, c.name);
});
