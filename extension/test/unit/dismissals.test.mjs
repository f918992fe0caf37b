// Dismissals (lib/dismissals.js): repaired from storage, added and undone,
// and the replies the service worker passes on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISMISSALS_KEY, addTo, createDismissals, emptyDismissals, isDismissed, normalizeDismissals, removeFrom } from '../../src/lib/dismissals.js';
import { memoryStorage } from '../helpers/memstore.mjs';

test('corrupted dismissals are repaired', () => {
  assert.deepEqual(normalizeDismissals({ providers: ['x', 3], sites: { 'a.com': ['y', null], 'b.com': 'z' } }), { providers: ['x'], sites: { 'a.com': ['y'] } });
  assert.deepEqual(normalizeDismissals('junk'), emptyDismissals());
  assert.deepEqual(normalizeDismissals(null), emptyDismissals());
});

test('addTo, removeFrom and isDismissed', () => {
  const d = emptyDismissals();
  addTo(d, 'site', 'spotify.com', 'facebook');
  addTo(d, 'site', 'spotify.com', 'facebook');
  addTo(d, 'provider', '', 'google');
  assert.deepEqual(d, { sites: { 'spotify.com': ['facebook'] }, providers: ['google'] });
  const cases = [
    // site, provider, dismissed
    ['spotify.com', 'facebook', true],
    ['other.com', 'facebook', false],
    ['other.com', 'google', true],
    ['spotify.com', 'apple', false],
  ];
  for (const [site, provider, want] of cases) assert.equal(isDismissed(d, site, provider), want, `${site} ${provider}`);
  removeFrom(d, 'site', 'spotify.com', 'facebook');
  removeFrom(d, 'site', 'constructor', 'facebook'); // not a site of the table
  removeFrom(d, 'provider', undefined, 'google');
  assert.deepEqual(d, emptyDismissals());
});

test('createDismissals: add and undo in storage, with structured replies', async () => {
  const store = memoryStorage();
  const ds = createDismissals({ store });
  let r = await ds.add('site', '', 'facebook');
  assert.equal(r.ok, false);
  assert.equal(/** @type {any} */ (r).error.code, 'bad_request');
  r = await ds.add('site', 'spotify.com', 'facebook');
  assert.equal(r.ok, true);
  assert.deepEqual(await store.get('local', DISMISSALS_KEY, null), { sites: { 'spotify.com': ['facebook'] }, providers: [] });
  r = await ds.add('provider', '', 'google');
  assert.deepEqual(/** @type {any} */ (r).dismissals, { sites: { 'spotify.com': ['facebook'] }, providers: ['google'] });
  r = await ds.undo('site', 'spotify.com', 'facebook');
  assert.deepEqual(/** @type {any} */ (r).dismissals, { sites: {}, providers: ['google'] });
  assert.deepEqual(await ds.get(), { sites: {}, providers: ['google'] });
  // Storage that fails: the reply says so.
  const broken = createDismissals({ store: { get: store.get, set: async () => false } });
  r = await broken.add('provider', '', 'apple');
  assert.equal(/** @type {any} */ (r).error.code, 'storage');
});
