// The colours live in lib/colors.js: the extension pages' CSS custom
// properties (popup/popup.css :root) are that table, the in-page notice
// (content/notice.js, a classic script that cannot import it) uses only its
// values, and no other file writes a colour of its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLORS, cssVar } from '../../src/lib/colors.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const read = (/** @type {string} */ f) => readFileSync(join(SRC, f), 'utf8');
const HEX = /#[0-9a-fA-F]{3,8}\b/g;

/** @param {string} dir @returns {string[]} files under dir, relative to src/ */
function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [relative(SRC, p)];
  });
}

test('popup.css declares the colours of lib/colors.js, and only those', () => {
  const css = read('popup/popup.css');
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const declared = Object.fromEntries([...root.matchAll(/(--pw-[a-z-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  assert.deepEqual(declared, Object.fromEntries(Object.entries(COLORS).map(([k, v]) => [cssVar(k), v])));
});

test('the style sheets use declared colours only', () => {
  const names = new Set(Object.keys(COLORS).map(cssVar));
  for (const f of files(SRC).filter((f) => f.endsWith('.css'))) {
    const css = read(f).replace(/:root\s*\{[^}]*\}/, '');
    assert.deepEqual(css.match(HEX) ?? [], [], `${f} writes a colour outside lib/colors.js`);
    for (const m of css.matchAll(/var\((--[a-z-]+)\)/g)) assert.ok(names.has(m[1]), `${f}: ${m[1]} is not a colour of lib/colors.js`);
  }
});

test('the scripts write no colour of their own; the notice\'s are the table\'s', () => {
  const values = new Set(Object.values(COLORS));
  for (const f of files(SRC).filter((f) => f.endsWith('.js') && !f.startsWith('core/'))) {
    const found = read(f).match(HEX) ?? [];
    if (f === 'lib/colors.js') continue;
    if (f === 'content/notice.js') {
      assert.ok(found.length > 5, 'the notice has its colours');
      for (const c of found) assert.ok(values.has(c.toLowerCase()), `content/notice.js: ${c} is not a colour of lib/colors.js`);
    } else assert.deepEqual(found, [], `${f} writes a colour outside lib/colors.js`);
  }
});
