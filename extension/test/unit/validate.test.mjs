// Validators: types, byte bounds, unknown fields.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arr, bool, int, map, obj, oneOf, str } from '../../src/lib/validate.js';

test('validators accept and refuse', () => {
  const o = obj({ a: str(4), n: int(0, 10), b: bool, k: oneOf(['x', 'y']) }, ['b']);
  const cases = [
    // strings
    { v: str(3), in: 'abc', ok: true },
    { v: str(3), in: 'abcd', ok: false },
    { v: str(3), in: 'é€', ok: false }, // 5 bytes
    { v: str(3), in: 3, ok: false },
    // integers
    { v: int(0, 10), in: 10, ok: true },
    { v: int(0, 10), in: 11, ok: false },
    { v: int(0, 10), in: 1.5, ok: false },
    { v: int(0, 10), in: '1', ok: false },
    // enums and booleans
    { v: oneOf(['a']), in: 'a', ok: true },
    { v: oneOf(['a']), in: 'b', ok: false },
    { v: bool, in: false, ok: true },
    { v: bool, in: 0, ok: false },
    // arrays
    { v: arr(int(0, 9), 2), in: [1, 2], ok: true },
    { v: arr(int(0, 9), 2), in: [1, 2, 3], ok: false },
    { v: arr(int(0, 9), 2), in: [1, 'x'], ok: false },
    { v: arr(int(0, 9), 2), in: { length: 1 }, ok: false },
    // maps
    { v: map(str(3), str(3), 1), in: { a: 'b' }, ok: true },
    { v: map(str(3), str(3), 1), in: { a: 'b', c: 'd' }, ok: false },
    { v: map(str(3), str(3), 1), in: { abcd: 'b' }, ok: false },
    // objects
    { v: o, in: { a: 'x', n: 1, k: 'x' }, ok: true },
    { v: o, in: { a: 'x', n: 1, k: 'x', b: true }, ok: true },
    { v: o, in: { a: 'x', n: 1 }, ok: false }, // k missing
    { v: o, in: { a: 'x', n: 1, k: 'x', extra: 1 }, ok: false },
    { v: o, in: [], ok: false },
    { v: o, in: null, ok: false },
    { v: o, in: Object.create({ a: 'x' }), ok: false },
  ];
  for (const [i, c] of cases.entries()) {
    const err = c.v(c.in, 'm');
    assert.equal(err === null, c.ok, `case ${i}: ${JSON.stringify(c.in)} → ${err}`);
    if (!c.ok) assert.match(/** @type {string} */ (err), /^m/, `case ${i} names the path`);
  }
});

test('a refusal names the exact place of the first bad value, however deep', () => {
  const link = obj({ ref: int(0, 99), href: str(8), attrs: map(str(4), str(4), 3) }, ['attrs']);
  const page = obj({ links: arr(link, 10), frames: arr(arr(int(0, 9), 3), 3) }, ['frames']);
  const good = () => ({ links: [{ ref: 1, href: 'a' }, { ref: 2, href: 'b', attrs: { id: 'x' } }, { ref: 3, href: 'c' }] });
  const cases = [
    { name: 'a string too long', edit: (/** @type {any} */ p) => (p.links[2].href = 'abcdefghi'), want: 'p.links[2].href is longer than 8 bytes' },
    { name: 'a wrong type', edit: (/** @type {any} */ p) => (p.links[1].ref = 'x'), want: 'p.links[1].ref must be an integer' },
    { name: 'a missing field', edit: (/** @type {any} */ p) => delete p.links[0].href, want: 'p.links[0].href is required' },
    { name: 'an unknown field', edit: (/** @type {any} */ p) => (p.links[2].title = 't'), want: 'p.links[2].title is not allowed' },
    { name: 'a map value', edit: (/** @type {any} */ p) => (p.links[1].attrs.id = 'toolong'), want: 'p.links[1].attrs.id is longer than 4 bytes' },
    { name: 'a map key', edit: (/** @type {any} */ p) => (p.links[1].attrs.toolong = 'x'), want: 'p.links[1].attrs key is longer than 4 bytes' },
    { name: 'nested arrays', edit: (/** @type {any} */ p) => (p.frames = [[1], [2, 10]]), want: 'p.frames[1][1] must be between 0 and 9' },
    { name: 'the first of two bad values', edit: (/** @type {any} */ p) => ((p.links[0].ref = -1), (p.links[2].ref = -1)), want: 'p.links[0].ref must be between 0 and 99' },
  ];
  assert.equal(page(good(), 'p'), null);
  for (const c of cases) {
    const p = good();
    c.edit(p);
    assert.equal(page(p, 'p'), c.want, c.name);
  }
});

test('a string is measured in UTF-8 bytes at the bound, also past the short-string shortcut', () => {
  // 3 code units of 3 bytes each: 9 bytes, over 8 although 3 × 3 > 8 only just.
  assert.match(/** @type {string} */ (str(8)('€€€', 's')), /longer than 8 bytes/);
  assert.equal(str(9)('€€€', 's'), null);
  // Surrogate pairs: 2 units, 4 bytes each pair.
  assert.equal(str(8)('😀😀', 's'), null);
  assert.match(/** @type {string} */ (str(7)('😀😀', 's')), /longer than 7 bytes/);
  assert.equal(str(3)('abc', 's'), null);
});
