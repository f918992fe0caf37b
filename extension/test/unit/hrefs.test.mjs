// collect.js joins the common shapes of link targets as strings instead of
// reading a.href (hrefResolver). These tests hold it to the URL parser: for
// every base and href, the fast path gives what the WHATWG URL parser gives
// (node's URL here, Chromium's a.href in test/e2e/contract.test.mjs), and
// the shapes it does not know go to the browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { collectorSource } from '../../tools/content-scripts.mjs';
import { BASES, HREFS } from '../helpers/hrefs.mjs';

const C = vm.runInThisContext(`(() => {\n${collectorSource()}\n})()`);

const FALLBACK = '\u0000browser';

/**
 * The resolver's answer, or FALLBACK when it asked the browser.
 * @param {string} base @param {string} attr
 */
function fast(base, attr) {
  return C.hrefResolver(base)({ href: FALLBACK }, attr);
}

/** @param {string} base @param {string} attr */
function parsed(base, attr) {
  try {
    return new URL(attr, base).href;
  } catch {
    return attr; // a.href of an unparseable target is the attribute itself
  }
}

test('hrefResolver gives what the URL parser gives, for every base and shape', () => {
  let joined = 0;
  for (const base of BASES) {
    for (const attr of HREFS) {
      const got = fast(base, attr);
      if (got === FALLBACK) continue;
      joined++;
      assert.equal(got, parsed(base, attr), `base ${base}, href ${JSON.stringify(attr)}`);
    }
  }
  // The fast path must carry the common shapes, or it saves nothing.
  assert.ok(joined >= 60, `only ${joined} joined as strings`);
});

test('hrefResolver joins the common shapes and leaves the rest to the browser', () => {
  const base = 'https://www.example.com/shop/item.html?id=3#top';
  const cases = [
    ['#c12', 'https://www.example.com/shop/item.html?id=3#c12'],
    ['?q=1', 'https://www.example.com/shop/item.html?q=1'],
    ['/signin/facebook', 'https://www.example.com/signin/facebook'],
    ['auth/google', 'https://www.example.com/shop/auth/google'],
    ['https://wa.me/15551234567', 'https://wa.me/15551234567'],
    ['//cdn.example.com/x', FALLBACK],
    ['https://example.com', FALLBACK],
    ['../up', FALLBACK],
    ['mailto:a@example.com', FALLBACK],
    ['HTTPS://EXAMPLE.COM/', FALLBACK],
    ['/a b', FALLBACK],
  ];
  for (const [attr, want] of cases) assert.equal(fast(base, attr), want, attr);
  // A base that is not http(s): always the browser.
  assert.equal(fast('about:blank', '#x'), FALLBACK);
  assert.equal(fast('file:///home/me/page.html', '/x'), FALLBACK);
});

test('hrefResolver agrees with the URL parser on generated hrefs', () => {
  // A fixed pseudo-random sequence over the characters that matter to URL
  // parsing, so that a failure can be reproduced.
  const ALPHABET = ['a', 'Z', '0', '/', '.', '%', '2', 'e', ':', '?', '#', '@', '-', '_', '~', "'", ' ', '\\', 'ü', 'x', 'n', 'h', 't', 'p', 's'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const prefixes = ['', '/', '//', '#', '?', 'https://', 'http://example.com/', 'https://a.b/'];
  let joined = 0;
  for (let i = 0; i < 20000; i++) {
    let attr = prefixes[next() % prefixes.length];
    const n = next() % 12;
    for (let k = 0; k < n; k++) attr += ALPHABET[next() % ALPHABET.length];
    for (const base of BASES.slice(0, 4)) {
      const got = fast(base, attr);
      if (got === FALLBACK) continue;
      joined++;
      assert.equal(got, parsed(base, attr), `base ${base}, href ${JSON.stringify(attr)}`);
    }
  }
  assert.ok(joined > 10000, `only ${joined} joined`);
});
