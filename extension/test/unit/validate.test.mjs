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
