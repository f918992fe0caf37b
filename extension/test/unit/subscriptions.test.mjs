// Several signed lists (lib/subscriptions.js, lib/listservice.js) against the
// real WebAssembly core, with lists signed in the test and served by a fake
// list server: two grants lists merged beside the bundled list with each
// grant's list named, one failing list leaving the other and its own last
// good copy intact, a core restart loading them all again, the storage of
// the single-list release carried over, and bad input refused without a
// write.
//
// Needs `make core-wasm list` (make test-extension builds them first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createListService } from '../../src/lib/listservice.js';
import { checkNew, errorKey, keyId, listKey, markProvenance, normalizeSubscriptions, SUBS_KEY, syncKey } from '../../src/lib/subscriptions.js';
import { LIST_KEY } from '../../src/lib/lists.js';
import { SETTINGS_KEY } from '../../src/lib/settings.js';
import { memoryStorage } from '../helpers/memstore.mjs';
import { devPub, haveCore, signedList } from '../helpers/paths.mjs';
import { realCore } from '../helpers/realcore.mjs';
import { grantsPayload, newKey, partnerWith, payloadOf, signList, tamper, withVersion } from '../helpers/sign.mjs';

const skip = haveCore ? false : 'needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)';

const URL_A = 'https://lists-a.example.org/v1/list';
const URL_B = 'https://lists-b.example.org/v1/list';

/** In-memory alarms with the browser's API shape. */
function fakeAlarms() {
  /** @type {Map<string, {name: string, scheduledTime: number}>} */
  const m = new Map();
  return {
    m,
    create: async (/** @type {string} */ name, /** @type {{when: number}} */ o) => void m.set(name, { name, scheduledTime: o.when }),
    clear: async (/** @type {string} */ name) => m.delete(name),
    get: async (/** @type {string} */ name) => m.get(name),
    getAll: async () => [...m.values()],
  };
}

/**
 * A list server: each URL answers what served[url] holds (a body, or a
 * thrown network error when it is null).
 * @param {Record<string, string|null>} served
 */
function listServer(served) {
  /** @type {string[]} */
  const seen = [];
  /** @type {typeof fetch} */
  const f = async (url) => {
    seen.push(String(url));
    const body = served[String(url)];
    if (body === null || body === undefined) throw new TypeError('connection refused');
    return new Response(body, { status: 200 });
  };
  return { fetch: f, seen };
}

function fixtures() {
  const bundledEnvelope = readFileSync(signedList, 'utf8');
  const bundledKeys = readFileSync(devPub, 'utf8');
  const base = payloadOf(bundledEnvelope);
  const now = Math.floor(Date.now() / 1000);
  const keyA = newKey();
  const keyB = newKey();
  const shopA = partnerWith(base, { id: 'example-shop', name: 'Example Shop', domains: ['example-shop.test'], platform: 'google', summary: 'List A says Google granted the shop access.' });
  const spotifyB = partnerWith(base, { id: 'spotify', name: 'Spotify', domains: ['spotify.com'], platform: 'google', summary: 'List B says Google granted Spotify access.' });
  const listA = (/** @type {number} */ v) => signList(grantsPayload(base, { id: 'grants-a', version: v, partners: [shopA] }), keyA);
  const listB = (/** @type {number} */ v) => signList(grantsPayload(base, { id: 'grants-b', version: v, partners: [spotifyB] }), keyB);
  return { bundledEnvelope, bundledKeys, base, now, keyA, keyB, listA, listB };
}

/**
 * The list service as the service worker builds it, over a storage.
 * @param {any} storage @param {any} core @param {ReturnType<typeof fixtures>} fx @param {typeof fetch} f
 */
function service(storage, core, fx, f) {
  const alarms = fakeAlarms();
  const svc = createListService({
    ext: { alarms },
    store: storage,
    core,
    fetch: f,
    random: () => 0.5,
    readPackaged: async (path) => (path === 'list/keys.json' ? fx.bundledKeys : fx.bundledEnvelope),
  });
  return { svc, alarms };
}

const shopObs = { url: 'https://www.example-shop.test/login', scripts: ['https://accounts.google.com/gsi/client'] };
const spotifyObs = { url: 'https://accounts.spotify.com/en/login', scripts: ['https://accounts.google.com/gsi/client'] };

/** The grants of a report on obs, as [list id, summary] pairs. @param {any} core @param {any} info @param {any} obs */
async function grantsOn(core, info, obs) {
  const res = await core.report(obs);
  assert.equal(res.ok, true, JSON.stringify(res.error));
  markProvenance(res.report.partner, res.provenance, info.id);
  return { grants: (res.report.partner?.grants ?? []).map((/** @type {any} */ g) => [g.list, g.platform]), alert: res.report.findings.some((/** @type {any} */ x) => x.alert) };
}

test('two grants lists merge beside the bundled list, each grant naming its list; one failing list leaves the other intact', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const served = { [URL_A]: fx.listA(fx.now), [URL_B]: fx.listB(fx.now) };
  const srv = listServer(served);
  const core = await realCore();
  const { svc, alarms } = service(storage, core, fx, srv.fetch);
  const info = await svc.lists.ensure();
  assert.equal(info.id, 'partnerwatch-default');

  // Bundled only: the shop has no partner, Spotify's grants are the bundled list's.
  assert.deepEqual((await grantsOn(core, info, shopObs)).grants, []);
  const bundledSpotify = (await grantsOn(core, info, spotifyObs)).grants;
  assert.ok(bundledSpotify.length > 0 && bundledSpotify.every(([l]) => l === 'partnerwatch-default'));

  let r = await svc.addSubscription({ url: URL_A, listId: 'grants-a', keys: [fx.keyA.pub] });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.outcome, 'updated', JSON.stringify(r.sync));
  r = await svc.addSubscription({ url: URL_B, listId: 'grants-b', keys: [fx.keyB.pub] });
  assert.equal(r.outcome, 'updated', JSON.stringify(r.sync));
  assert.ok(alarms.m.has('list-sync:grants-a') && alarms.m.has('list-sync:grants-b'), 'one alarm per list');

  // Merged, with provenance: the shop now has list A's grant (and an alert on
  // its Google sign-in); Spotify has the bundled grants, then list B's.
  const shop = await grantsOn(core, info, shopObs);
  assert.deepEqual(shop.grants, [['grants-a', 'google']]);
  assert.equal(shop.alert, true);
  assert.deepEqual((await grantsOn(core, info, spotifyObs)).grants, [...bundledSpotify, ['grants-b', 'google']]);

  // List A fails in every way; list B and A's last good copy stay.
  const goodA = storage.dump().local[listKey('grants-a')];
  const recordsB = () => JSON.stringify([listKey, syncKey, errorKey].map((k) => storage.dump().local[k('grants-b')]));
  const beforeB = recordsB();
  const failures = [
    { name: 'tampered', body: tamper(fx.listA(fx.now + 10)), code: 'bad_signature' },
    { name: 'older', body: fx.listA(fx.now - 100), code: 'rollback' },
    { name: 'signed by list B\'s key', body: signList(grantsPayload(fx.base, { id: 'grants-a', version: fx.now + 20, partners: [] }), fx.keyB), code: 'unknown_key' },
    { name: 'list B served at A\'s URL', body: fx.listB(fx.now + 30), code: 'unknown_key' },
    { name: 'unreachable', body: null, code: 'network' },
  ];
  for (const [i, c] of failures.entries()) {
    served[URL_A] = c.body;
    r = await svc.syncNow('grants-a');
    assert.equal(r.outcome, 'failed', c.name);
    assert.equal(r.sync.lastError.code, c.code, `${c.name}: ${JSON.stringify(r.sync.lastError)}`);
    assert.equal(r.sync.failures, i + 1, `${c.name}: its own back-off counts`);
    assert.deepEqual(storage.dump().local[listKey('grants-a')], goodA, `${c.name}: A keeps its last good copy`);
    assert.equal(recordsB(), beforeB, `${c.name}: B's records are untouched`);
    assert.deepEqual((await grantsOn(core, info, shopObs)).grants, [['grants-a', 'google']], `${c.name}: A's last good grants still count`);
  }
  const status = await svc.subscriptionStatus();
  assert.deepEqual(status.map((s) => [s.listId, s.sync.lastOutcome, s.list?.version]), [['grants-a', 'failed', fx.now], ['grants-b', 'updated', fx.now]]);
  assert.equal(status[0].list.freshness, 'fresh');
  // The detection list never saw any of it.
  assert.equal((await svc.detectionStatus()).sync.lastOutcome, 'never');

  // A core started again (service worker restart) loads both from storage;
  // a stored copy of A damaged meanwhile fails alone, and is kept.
  const damaged = { ...goodA, envelope: tamper(goodA.envelope) };
  await storage.set('local', { [listKey('grants-a')]: damaged });
  const core2 = await realCore();
  const { svc: svc2 } = service(storage, core2, fx, srv.fetch);
  const info2 = await svc2.lists.ensure();
  assert.deepEqual((await grantsOn(core2, info2, shopObs)).grants, [], 'the damaged copy is not used');
  assert.deepEqual((await grantsOn(core2, info2, spotifyObs)).grants, [...bundledSpotify, ['grants-b', 'google']]);
  assert.match(storage.dump().local[errorKey('grants-a')].message, /grants-a failed verification/);
  assert.deepEqual(storage.dump().local[listKey('grants-a')], damaged, 'nothing deleted');

  // A good sync of A repairs it; removing B leaves A.
  served[URL_A] = fx.listA(fx.now + 40);
  r = await svc2.syncNow('grants-a');
  assert.equal(r.outcome, 'updated', JSON.stringify(r.sync));
  assert.equal(r.sync.failures, 0);
  // The detection list cannot take the id of a subscribed list.
  const settingsBefore = JSON.stringify(storage.dump().local[SETTINGS_KEY]);
  r = await svc2.setSettings({ listId: 'grants-b' });
  assert.equal(r.ok, false);
  assert.match(r.error.message, /subscribed under "Other lists"/);
  assert.equal(JSON.stringify(storage.dump().local[SETTINGS_KEY]), settingsBefore);
  r = await svc2.removeSubscription('grants-b');
  assert.equal(r.ok, true);
  assert.deepEqual(r.subscriptions.map((/** @type {any} */ s) => s.listId), ['grants-a']);
  assert.equal(storage.dump().local[listKey('grants-b')], undefined, 'B\'s records are gone');
  assert.deepEqual((await grantsOn(core2, info2, spotifyObs)).grants, bundledSpotify);
  assert.deepEqual((await grantsOn(core2, info2, shopObs)).grants, [['grants-a', 'google']]);
  // The list requests named no page.
  for (const u of srv.seen) assert.ok(u === URL_A || u === URL_B, u);
});

test('the storage of the single-list release carries over: synced list, URL and pinned keys', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const key = newKey();
  const version = Math.max(fx.base.version + 1, fx.now);
  const synced = signList(withVersion(fx.base, { version }), key);
  // Set up as the earlier release leaves it: one list, its URL and keys in
  // the settings, the synced list and its sync state.
  const core0 = await realCore();
  const first = await core0.loadList({ envelope: synced, keys: [key.pub] });
  assert.equal(first.ok, true, JSON.stringify(first.error));
  const settings = { notices: 'partners', listUrl: 'https://mirror.example.org/v1/list', listId: '', keys: [key.pub], syncMinutes: 360 };
  const sync = { etag: '"v1"', lastAttempt: 1, lastSuccess: 1, failures: 0, nextAt: Date.now() + 3600_000, lastOutcome: 'updated', lastError: null };
  await storage.set('local', { [SETTINGS_KEY]: settings, [LIST_KEY]: { envelope: synced, info: first.list, source: 'synced' }, sync });
  const before = JSON.stringify(storage.dump().local);

  const { svc } = service(storage, await realCore(), fx, listServer({}).fetch);
  const d = await svc.detectionStatus();
  assert.equal(d.list.version, version, 'the synced list is verified with the pinned key and used');
  assert.equal(d.list.source, 'synced');
  assert.equal(d.sync.etag, '"v1"');
  assert.deepEqual(await svc.getSettings(), settings);
  assert.deepEqual(await svc.subscriptionStatus(), [], 'no other list');
  assert.equal(JSON.stringify(storage.dump().local), before, 'nothing was rewritten');
});

test('bad subscriptions are refused with a reason and nothing is written', { skip }, async () => {
  const fx = fixtures();
  const k = newKey();
  assert.equal(await keyId(k.pub.public_key), k.pub.id, 'the key id as wasm/list computes it');
  const existing = [{ url: URL_A, listId: 'grants-a', keys: [fx.keyA.pub] }];
  const cases = [
    { name: 'not a URL', input: { url: 'lists', listId: 'x', keys: [k.pub] }, want: /http:\/\/ or https:\/\//, path: 'url' },
    { name: 'another scheme', input: { url: 'ftp://lists.example.org/', listId: 'x', keys: [k.pub] }, want: /http:\/\/ or https:\/\// },
    { name: 'a bad list id', input: { url: URL_B, listId: 'Grants B', keys: [k.pub] }, want: /lowercase/ },
    { name: 'the detection list id', input: { url: URL_B, listId: 'partnerwatch-default', keys: [k.pub] }, want: /is the detection list/ },
    { name: 'subscribed already', input: { url: URL_B, listId: 'grants-a', keys: [k.pub] }, want: /subscribed already/ },
    { name: 'the same URL', input: { url: URL_A, listId: 'grants-c', keys: [k.pub] }, want: /uses this URL/ },
    { name: 'no key', input: { url: URL_B, listId: 'grants-b', keys: [] }, want: /at least one public key/ },
    { name: 'not a key', input: { url: URL_B, listId: 'grants-b', keys: [{ id: k.pub.id, public_key: 'abc' }] }, want: /base64 Ed25519/ },
    { name: 'a key id that is not the key\'s', input: { url: URL_B, listId: 'grants-b', keys: [{ id: fx.keyA.pub.id, public_key: k.pub.public_key }] }, want: /does not belong/ },
  ];
  for (const c of cases) {
    const r = await checkNew(/** @type {any} */ (c.input), existing, 'partnerwatch-default');
    assert.equal(r.ok, false, c.name);
    assert.match(/** @type {any} */ (r).error.message, c.want, c.name);
  }
  assert.equal((await checkNew({ url: URL_B, listId: 'grants-b', keys: [k.pub] }, existing, 'partnerwatch-default')).ok, true);

  // Through the service: refused, nothing stored, nothing fetched.
  const storage = memoryStorage();
  const srv = listServer({});
  const { svc } = service(storage, await realCore(), fx, srv.fetch);
  await svc.lists.ensure();
  const before = JSON.stringify(storage.dump().local);
  const r = await svc.addSubscription({ url: URL_B, listId: 'partnerwatch-default', keys: [k.pub] });
  assert.equal(r.ok, false);
  assert.equal(JSON.stringify(storage.dump().local), before);
  assert.equal(srv.seen.length, 0);
  assert.equal((await svc.removeSubscription('grants-x')).ok, false);
  assert.equal((await svc.syncNow('grants-x')).ok, false);
  // Stored garbage is repaired away, never used.
  assert.deepEqual(normalizeSubscriptions([null, { url: 'javascript:alert(1)', listId: 'x', keys: [k.pub] }, { url: URL_B, listId: 'grants-b', keys: [{ id: 'zz', public_key: 'x' }] }, { url: URL_B, listId: 'grants-b', keys: [k.pub] }, { url: URL_A, listId: 'grants-b', keys: [k.pub] }]), [{ url: URL_B, listId: 'grants-b', keys: [k.pub] }]);
  assert.equal(SUBS_KEY, 'subscriptions');
});
