// Every locale has every message of the English catalogue, no other, with the
// same placeholders; the list's permission labels have a message in every
// locale, and the English one is the list's own label.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/paths.mjs';
import { inSentence, permissionLabel, permissionMessage } from '../../src/lib/labels.js';

const dir = join(root, 'extension', 'src', '_locales');
const locales = readdirSync(dir).sort();
/** @param {string} l @returns {Record<string, any>} */
const catalogue = (l) => JSON.parse(readFileSync(join(dir, l, 'messages.json'), 'utf8'));
const en = catalogue('en');
const permissions = JSON.parse(readFileSync(join(root, 'wasm', 'list', 'defaultlist', 'permissions.json'), 'utf8'));

/** The placeholder names a message's text uses, lower-cased and sorted. @param {string} text */
const used = (text) => [...new Set([...text.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1].toLowerCase()))].sort();

test('the extension ships English, German, French, Spanish and Japanese', () => {
  assert.deepEqual(locales, ['de', 'en', 'es', 'fr', 'ja']);
});

for (const l of locales) {
  test(`${l}: every message of English, no other, non-empty, with the same placeholders`, () => {
    const c = catalogue(l);
    assert.deepEqual(Object.keys(en).filter((k) => !(k in c)), [], 'missing messages');
    assert.deepEqual(Object.keys(c).filter((k) => !(k in en)), [], 'extra messages');
    for (const [k, m] of Object.entries(c)) {
      assert.equal(typeof m.message, 'string', k);
      assert.ok(m.message.trim(), `${k} is empty`);
      assert.ok(/^[A-Za-z0-9_@]+$/.test(k), `${k} is a valid message name`);
      assert.deepEqual(m.placeholders ?? {}, en[k].placeholders ?? {}, `${k}: placeholders as in English`);
      assert.deepEqual(used(m.message), Object.keys(m.placeholders ?? {}).sort(), `${k}: the text uses each placeholder, and only those`);
      assert.ok(!/\$\d/.test(m.message.replace(/\$[A-Za-z0-9_]+\$/g, '')), `${k}: no bare $1 in the text`);
    }
    assert.ok(c.extDescription.message.length <= 132, `${l}: the store description is at most 132 characters`);
    assert.ok(['lower', 'keep'].includes(c.labelCase.message), 'labelCase is lower or keep');
  });
}

test('every permission of the default list has a label in every locale; English is the list\'s own label', () => {
  for (const p of permissions) {
    const name = permissionMessage(p.id);
    assert.equal(en[name]?.message, p.label, `${name} in English is the list's label`);
    for (const l of locales) assert.ok(catalogue(l)[name]?.message, `${l} has ${name}`);
  }
  const perms = Object.keys(en).filter((k) => k.startsWith('perm_'));
  assert.deepEqual(perms.sort(), permissions.map((/** @type {any} */ p) => permissionMessage(p.id)).sort(), 'no label for a permission the list lacks');
});

test('permissionLabel uses the locale\'s label, else the list\'s; inSentence follows labelCase', () => {
  const fr = catalogue('fr');
  const de = catalogue('de');
  /** @param {Record<string, any>} c */
  const tOf = (c) => (/** @type {string} */ name) => c[name]?.message ?? '';
  assert.equal(permissionLabel({ id: 'read_messages', label: 'Read your private messages' }, tOf(fr)), fr.perm_read_messages.message);
  assert.equal(permissionLabel({ id: 'new_permission', label: 'Something new' }, tOf(fr)), 'Something new');
  assert.equal(permissionLabel({ id: 'read_messages', label: 'x' }, undefined), 'x');
  assert.equal(permissionLabel({ id: '$bad id', label: 'x' }, tOf(fr)), 'x');
  assert.equal(inSentence('Lire vos messages privés', tOf(fr)), 'lire vos messages privés');
  assert.equal(inSentence('Ihre Kontakte lesen', tOf(de)), 'Ihre Kontakte lesen');
  assert.equal(inSentence('OAuth access', tOf(fr)), 'OAuth access');
});
