// The list manager and sync against the real WebAssembly core, with lists
// signed in the test: the bundled list from the first call, stored lists
// verified again at every start, rollbacks and tampered lists refused, the
// last good list kept.
//
// Needs `make core-wasm list` (make test-extension builds them first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLists, keysFingerprint, LIST_ERROR_KEY, LIST_KEY, peekVersion, VERIFIED_KEY } from '../../src/lib/lists.js';
import { memoryStorage } from '../../src/lib/storage.js';
import { initialState, syncOnce } from '../../src/lib/sync.js';
import { sha256Hex } from '../../src/lib/hash.js';
import { devPub, haveCore, signedList } from '../helpers/paths.mjs';
import { realCore } from '../helpers/realcore.mjs';
import { newKey, payloadOf, signList, tamper, withVersion } from '../helpers/sign.mjs';

const skip = haveCore ? false : 'needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)';

/** The bundled list and key as the build packs them, plus a second key for synced lists. */
function fixtures() {
  const bundledEnvelope = readFileSync(signedList, 'utf8');
  const bundledKeys = [JSON.parse(readFileSync(devPub, 'utf8'))].flat();
  const base = payloadOf(bundledEnvelope);
  const syncKey = newKey();
  return { bundledEnvelope, bundledKeys, base, syncKey };
}

/**
 * A list manager over a storage, as the service worker builds it.
 * @param {any} storage
 * @param {any} core
 * @param {ReturnType<typeof fixtures>} fx
 * @param {{id: string, public_key: string}[]} [syncKeys]
 */
function manager(storage, core, fx, syncKeys = [fx.syncKey.pub]) {
  return createLists({
    storage,
    core,
    loadBundled: async () => ({ envelope: fx.bundledEnvelope, keys: fx.bundledKeys }),
    syncKeys: async () => syncKeys,
  });
}

test('the bundled list is loaded and stored on first use', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const lists = manager(storage, await realCore(), fx);
  const info = await lists.ensure();
  assert.equal(info.version, fx.base.version);
  assert.equal(info.source, 'bundled');
  assert.ok(info.selectors.length > 0, 'the selector set comes with the list');
  const stored = storage.dump().local[LIST_KEY];
  assert.equal(stored.envelope, fx.bundledEnvelope);
  assert.equal(stored.info.sha256, await sha256Hex(fx.bundledEnvelope));
});

test('a corrupted stored list is verified again, refused, and replaced by the bundled one', { skip }, async () => {
  const fx = fixtures();
  const cases = [
    // how the stored record was damaged
    { name: 'payload edited', damage: (/** @type {any} */ s) => ({ ...s, envelope: tamper(s.envelope) }) },
    { name: 'not JSON', damage: (/** @type {any} */ s) => ({ ...s, envelope: s.envelope.slice(0, 100) }) },
    { name: 'synced list signed by an unpinned key', damage: (/** @type {any} */ s) => ({ ...s, source: 'synced', envelope: signList(withVersion(fx.base, { version: s.info.version + 5 }), newKey()), info: { ...s.info, version: s.info.version + 5 } }) },
  ];
  for (const c of cases) {
    const storage = memoryStorage();
    await manager(storage, await realCore(), fx).ensure();
    const good = storage.dump().local[LIST_KEY];
    await storage.set('local', { [LIST_KEY]: c.damage(good) });
    const info = await manager(storage, await realCore(), fx).ensure();
    assert.equal(info.version, fx.base.version, c.name);
    assert.equal(info.source, 'bundled', c.name);
    assert.equal(storage.dump().local[LIST_KEY].envelope, fx.bundledEnvelope, `${c.name}: the bundled list is stored again`);
    assert.match(storage.dump().local[LIST_ERROR_KEY].message, /failed verification/, c.name);
  }
});

test('sync: a newer list is applied; rollbacks, tampered and unpinned lists are refused and the last good list kept', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const core = await realCore();
  const lists = manager(storage, core, fx);
  const start = await lists.ensure();
  const v = start.version;
  const newer = signList(withVersion(fx.base, { version: v + 100 }), fx.syncKey);
  const cases = [
    // what the mirror serves → outcome, error code, version afterwards
    { name: 'tampered', body: tamper(signList(withVersion(fx.base, { version: v + 50 }), fx.syncKey)), outcome: 'failed', code: 'bad_signature', version: v },
    { name: 'signed by another key', body: signList(withVersion(fx.base, { version: v + 50 }), newKey()), outcome: 'failed', code: 'unknown_key', version: v },
    { name: 'older', body: signList(withVersion(fx.base, { version: v - 1 }), fx.syncKey), outcome: 'failed', code: 'rollback', version: v },
    { name: 'not yet valid', body: signList(withVersion(fx.base, { version: v + 60, issued: new Date(Date.now() + 7 * 86400_000) }), fx.syncKey), outcome: 'failed', code: 'not_yet_valid', version: v },
    { name: 'newer', body: newer, outcome: 'updated', code: undefined, version: v + 100 },
    { name: 'the newer again', body: newer, outcome: 'unchanged', code: undefined, version: v + 100 },
    { name: 'an older list after the newer one', body: signList(withVersion(fx.base, { version: v + 99 }), fx.syncKey), outcome: 'failed', code: 'rollback', version: v + 100 },
    { name: 'the bundled list, signed by a key not pinned for the URL', body: fx.bundledEnvelope, outcome: 'failed', code: 'unknown_key', version: v + 100 },
  ];
  let state = initialState();
  for (const c of cases) {
    const current = await lists.ensure();
    const r = await syncOnce({
      state,
      url: 'https://lists.example.org/v1/list',
      current: { version: current.version, sha256: current.sha256 },
      now: Date.now,
      random: Math.random,
      fetch: async () => new Response(c.body, { status: 200 }),
      sha256: sha256Hex,
      verify: async (envelope, min) => {
        const res = await core.loadList({ envelope, keys: [fx.syncKey.pub], min_version: min });
        if (!res.ok) lists.reset();
        return res;
      },
      commit: (envelope, info) => lists.commit(envelope, info),
    });
    state = r.state;
    assert.equal(r.outcome, c.outcome, `${c.name}: ${JSON.stringify(r.state.lastError)}`);
    assert.equal(r.state.lastError?.code, c.code, c.name);
    const after = await lists.ensure();
    assert.equal(after.version, c.version, `${c.name}: list version afterwards`);
    // What the core reports with is the list we think is loaded.
    const ver = await core.version();
    assert.equal(ver.version.list_version, c.version, `${c.name}: the core holds version ${c.version}`);
  }
  // The synced list survives a restart (a new core, as after eviction).
  const again = await manager(storage, await realCore(), fx).ensure();
  assert.equal(again.version, v + 100);
  assert.equal(again.source, 'synced');
});

test('a bundled list newer than the stored one replaces it (extension update)', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const old = signList(withVersion(fx.base, { version: fx.base.version - 10 }), fx.syncKey);
  const core = await realCore();
  const res = await core.loadList({ envelope: old, keys: [fx.syncKey.pub] });
  assert.equal(res.ok, true, JSON.stringify(res.error));
  await storage.set('local', { [LIST_KEY]: { envelope: old, info: res.list, source: 'synced' } });
  const info = await manager(storage, await realCore(), fx).ensure();
  assert.equal(info.version, fx.base.version);
  assert.equal(info.source, 'bundled');
});

test('peekVersion reads the claimed version without trusting it', () => {
  const key = newKey();
  const cases = [
    // envelope → version hint
    { env: signList({ version: 42 }, key), want: 42 },
    { env: tamper(signList({ version: 42 }, key)), want: 43 }, // a hint only: the core refuses this one
    { env: signList({ version: 'x' }, key), want: 0 },
    { env: '{"payload":"!!!"}', want: 0 },
    { env: 'not json', want: 0 },
  ];
  for (const c of cases) assert.equal(peekVersion(c.env), c.want, c.env.slice(0, 40));
});

test('selectorSet answers a hello from the stored list while the core verifies it again, and waits when nothing good is stored', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const first = await manager(storage, await realCore(), fx).ensure();
  const good = storage.dump().local[LIST_KEY];

  /** A core whose loadList answers only when released, to see who waits for it. */
  function heldCore() {
    /** @type {(() => void)[]} */
    const held = [];
    const real = realCore();
    return {
      running: false,
      release: () => held.splice(0).forEach((f) => f()),
      async loadList(/** @type {any} */ req) {
        await new Promise((r) => held.push(() => r(undefined)));
        return (await real).loadList(req);
      },
    };
  }
  const settled = (/** @type {Promise<any>} */ p) => Promise.race([p.then((v) => ({ v })), new Promise((r) => setTimeout(() => r(null), 200))]);

  const cases = [
    { name: 'a good stored list: answered before verification', stored: good, early: true },
    { name: 'nothing stored: waits for the bundled list', stored: null, early: false },
    { name: 'a stored record without a selector set: waits', stored: { ...good, info: { ...good.info, selectors: 'div' } }, early: false },
  ];
  for (const c of cases) {
    const s = memoryStorage();
    if (c.stored) await s.set('local', { [LIST_KEY]: c.stored });
    const core = heldCore();
    const lists = manager(s, core, fx);
    const answer = lists.selectorSet();
    const early = await settled(answer);
    assert.equal(!!early, c.early, c.name);
    core.release();
    // Later loads (the bundled list after a failed stored one) are released too.
    const timer = setInterval(() => core.release(), 20);
    try {
      const set = await answer;
      assert.deepEqual(set, { selectors: first.selectors, tokens: first.tokens, version: first.version }, c.name);
      assert.ok(set.tokens.length > 0, `${c.name}: the hello carries the control tokens`);
      const info = await lists.ensure();
      assert.equal(info.version, first.version, `${c.name}: the list still loads`);
    } finally {
      clearInterval(timer);
    }
  }
});

test('a worker started again skips the signature check only for the envelope and keys it verified in full', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  /** A real core that remembers what it was asked to load. */
  async function spyCore() {
    const core = await realCore();
    /** @type {any[]} */
    const asked = [];
    return {
      asked,
      get running() {
        return core.running;
      },
      loadList: (/** @type {any} */ req) => (asked.push(req), core.loadList(req)),
    };
  }
  const forge = (/** @type {string} */ env) => {
    const e = JSON.parse(env);
    e.signatures[0].sig = Buffer.alloc(64).toString('base64');
    return JSON.stringify(e);
  };

  // The first start verifies in full and records the envelope in session storage.
  let core = await spyCore();
  await manager(storage, core, fx).ensure();
  assert.equal(core.asked.length, 1);
  assert.equal(core.asked[0].verified_before, undefined, 'the bundled list is verified in full');
  const record = storage.dump().session[VERIFIED_KEY];
  assert.equal(record.sha256, await sha256Hex(fx.bundledEnvelope));
  assert.equal(record.keys, keysFingerprint(fx.bundledKeys));

  // A restart in the same session: same envelope, same keys, no signature check.
  core = await spyCore();
  let info = await manager(storage, core, fx).ensure();
  assert.equal(info.version, fx.base.version);
  assert.equal(core.asked[0].verified_before, true);
  assert.equal(core.asked[0].sha256, record.sha256);
  assert.equal(info.sha256, record.sha256);

  // The stored envelope changed (a forged signature over the same payload): verified in full, refused.
  const good = storage.dump().local[LIST_KEY];
  await storage.set('local', { [LIST_KEY]: { ...good, envelope: forge(good.envelope) } });
  core = await spyCore();
  info = await manager(storage, core, fx).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.match(storage.dump().local[LIST_ERROR_KEY]?.message ?? '', /failed verification/);
  assert.equal(storage.dump().local[LIST_KEY].envelope, fx.bundledEnvelope, 'the bundled list is stored again');

  // Other keys (the user pinned another key for synced lists): verified in full, refused.
  const synced = signList(withVersion(fx.base, { version: fx.base.version + 1 }), fx.syncKey);
  await storage.set('local', { [LIST_KEY]: { envelope: synced, info: { ...good.info, version: fx.base.version + 1 }, source: 'synced' } });
  await storage.set('session', { [VERIFIED_KEY]: { sha256: await sha256Hex(synced), keys: keysFingerprint([fx.syncKey.pub]) } });
  core = await spyCore();
  info = await manager(storage, core, fx, [newKey().pub]).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.equal(info.source, 'bundled');

  // A new browser session (session storage cleared): verified in full again.
  await storage.set('local', { [LIST_KEY]: good });
  await storage.remove('session', VERIFIED_KEY);
  core = await spyCore();
  await manager(storage, core, fx).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.ok(storage.dump().session[VERIFIED_KEY], 'recorded again');
});
