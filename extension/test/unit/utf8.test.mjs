// UTF-8 lengths and cuts: the module copy (lib/utf8.js) against TextEncoder
// and against the content scripts' own copy (content/rules.js, a classic
// script that cannot import it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { collectorSource } from '../../tools/content-scripts.mjs';
import { cutUTF8, utf8Length } from '../../src/lib/utf8.js';

/** The content scripts' rules (PartnerWatchRules), run here. */
const R = vm.runInThisContext(`(() => {\n${collectorSource()}\n})()`).rules;
const encoder = new TextEncoder();

test('utf8Length counts UTF-8 bytes as TextEncoder writes them', () => {
  const cases = [
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud800', 3], // a lone high surrogate: U+FFFD
    ['\udc00a', 4], // a lone low surrogate
    ['\ud800\u4e00', 6], // a high surrogate before a character that is not a low one
    ['\ud800\ud800\udc00', 7],
  ];
  for (const [s, n] of cases) {
    assert.equal(utf8Length(/** @type {string} */ (s)), n, JSON.stringify(s));
    assert.equal(encoder.encode(/** @type {string} */ (s)).length, n, `TextEncoder: ${JSON.stringify(s)}`);
  }
});

test('cutUTF8 never splits a character', () => {
  const cases = [
    // input, max bytes, output
    ['abc', 10, 'abc'],
    ['abcdef', 3, 'abc'],
    ['aé', 2, 'a'], // é is two bytes
    ['a\u{1F600}', 4, 'a'], // the emoji is four bytes, a surrogate pair
    ['a\u{1F600}', 5, 'a\u{1F600}'],
    ['€€€', 7, '€€'],
    ['ab\ud800\u4e00', 5, 'ab\ud800'], // the lone surrogate is three bytes
    ['ab\ud800\u4e00', 7, 'ab\ud800'],
  ];
  for (const [s, max, want] of cases) {
    const got = cutUTF8(/** @type {string} */ (s), /** @type {number} */ (max));
    assert.equal(got, want, JSON.stringify(s));
    assert.ok(utf8Length(got) <= /** @type {number} */ (max));
  }
});

/** A random string of ASCII, two- and three-byte characters, pairs and lone surrogates. */
function randomString(/** @type {() => number} */ rnd) {
  const parts = ['a', 'Z', ' ', 'é', 'ß', '€', '中', '😀', '\u{10FFFF}', '\ud800', '\udfff', '\u07ff', '\u0800'];
  let s = '';
  const n = Math.floor(rnd() * 40);
  for (let i = 0; i < n; i++) s += parts[Math.floor(rnd() * parts.length)];
  return s;
}

test('the module copy and the content scripts\' copy (content/rules.js) agree', () => {
  // A fixed-seed generator: the same strings on every run.
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let k = 0; k < 3000; k++) {
    const s = randomString(rnd);
    const len = utf8Length(s);
    assert.equal(R.utf8Length(s), len, JSON.stringify(s));
    assert.equal(len, encoder.encode(s).length, JSON.stringify(s));
    for (const max of [0, 1, 2, 3, 4, 5, 7, 11, len - 1, len]) {
      if (max < 0) continue;
      const got = cutUTF8(s, max);
      assert.equal(R.cut(s, max), got, `${JSON.stringify(s)} cut to ${max}`);
      assert.ok(utf8Length(got) <= max, `${JSON.stringify(s)} cut to ${max}`);
      // The longest prefix that fits: one more character would not.
      if (got.length < s.length) {
        const next = s.codePointAt(got.length) ?? 0;
        const more = s.slice(0, got.length + (next > 0xffff ? 2 : 1));
        assert.ok(utf8Length(more) > max, `${JSON.stringify(s)} cut to ${max} stops early`);
      }
    }
  }
});
