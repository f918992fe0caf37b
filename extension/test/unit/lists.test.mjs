// The list manager and sync against the real WebAssembly core, with lists
// signed in the test: the bundled list from the first call, stored lists
// verified again at every start, rollbacks and tampered lists refused, the
// last good list kept.
//
// Needs `make core-wasm list` (make test-extension builds them first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLists, keysFingerprint, LIST_ERROR_KEY, LIST_KEY, peekVersion, SNAPSHOT_KEY, VERIFIED_KEY } from '../../src/lib/lists.js';
import { WARM_UP_OBSERVATION } from '../../src/lib/warmup.js';
import { memoryStorage } from '../helpers/memstore.mjs';
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
    { name: 'synced list truncated', damage: (/** @type {any} */ s) => ({ ...s, source: 'synced', envelope: s.envelope.slice(0, 100) }) },
    { name: 'synced list signed by an unpinned key', damage: (/** @type {any} */ s) => ({ ...s, source: 'synced', envelope: signList(withVersion(fx.base, { version: s.info.version + 5 }), newKey()), info: { ...s.info, version: s.info.version + 5 } }) },
  ];
  for (const c of cases) {
    const storage = memoryStorage();
    await manager(storage, await realCore(), fx).ensure();
    const good = storage.dump().local[LIST_KEY];
    await storage.set('local', { [LIST_KEY]: c.damage(good) });
    let refetches = 0;
    const info = await createLists({
      storage,
      core: await realCore(),
      loadBundled: async () => ({ envelope: fx.bundledEnvelope, keys: fx.bundledKeys }),
      syncKeys: async () => [fx.syncKey.pub],
      onFallback: () => refetches++,
    }).ensure();
    // A damaged synced list asks for a fetch at once; the bundled one is in the package.
    assert.equal(refetches, c.damage(good).source === 'synced' ? 1 : 0, `${c.name}: immediate refetch`);
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
  const nowS = Math.floor(Date.now() / 1000);
  /** The payload's JSON with its version written as given (beyond what a JS number holds). */
  const versionText = (/** @type {any} */ p, /** @type {string} */ digits) => JSON.stringify(p).replace(/"version":\d+/, `"version":${digits}`);
  const cases = [
    // what the mirror serves → outcome, error code, version afterwards
    { name: 'tampered', body: tamper(signList(withVersion(fx.base, { version: v + 50 }), fx.syncKey)), outcome: 'failed', code: 'bad_signature', version: v },
    { name: 'signed by another key', body: signList(withVersion(fx.base, { version: v + 50 }), newKey()), outcome: 'failed', code: 'unknown_key', version: v },
    { name: 'older', body: signList(withVersion(fx.base, { version: v - 1 }), fx.syncKey), outcome: 'failed', code: 'rollback', version: v },
    { name: 'not yet valid', body: signList(withVersion(fx.base, { version: nowS + 7 * 86400 }), fx.syncKey), outcome: 'failed', code: 'not_yet_valid', version: v },
    // Fast-forward: a version that is not the issue time, or beyond 2^53-1,
    // or a validity beyond the limit, or a list signed for another id.
    { name: 'version ten years past its issue time', body: signList(withVersion(fx.base, { version: v + 10 * 365 * 86400, issued: new Date(v * 1000) }), fx.syncKey), outcome: 'failed', code: 'bad_version', version: v },
    { name: 'version 2^53+1', body: signList(versionText(withVersion(fx.base, { version: v + 1 }), '9007199254740993'), fx.syncKey), outcome: 'failed', code: 'bad_version', version: v },
    { name: 'version 2^63-1', body: signList(versionText(withVersion(fx.base, { version: v + 1 }), '9223372036854775807'), fx.syncKey), outcome: 'failed', code: 'bad_version', version: v },
    { name: 'valid for a hundred years', body: signList(withVersion(fx.base, { version: v + 1, expires: new Date((v + 100 * 365 * 86400) * 1000) }), fx.syncKey), outcome: 'failed', code: 'bad_validity', version: v },
    { name: 'signed for another list id', body: signList({ ...withVersion(fx.base, { version: v + 1 }), id: 'some-other-list' }, fx.syncKey), outcome: 'failed', code: 'wrong_list', version: v },
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
        const res = await core.loadList({ envelope, keys: [fx.syncKey.pub], min_version: min, list_id: fx.base.id });
        if (!res.ok) lists.reset();
        return res;
      },
      commit: (envelope, info) => lists.commit(envelope, info),
    });
    state = r.state;
    if (c.outcome === 'failed') {
      assert.equal((await lists.ensure()).sha256, current.sha256, `${c.name}: the hash is unchanged`);
      assert.equal(storage.dump().local[LIST_KEY].info.sha256, current.sha256, `${c.name}: the stored list is unchanged`);
    }
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

test('recovery: a stored list issued beyond the clock is refused at the next use, and the bundled version is the floor again', { skip }, async () => {
  // A list stamped a year ahead, accepted while the clock was a year ahead
  // too (or stored by an older release); then the clock is put right.
  const fx = fixtures();
  const storage = memoryStorage();
  const core = await realCore();
  const yearS = 365 * 86400;
  let now = Date.now() + yearS * 1000;
  const lists = createLists({ storage, core, now: () => now, loadBundled: async () => ({ envelope: fx.bundledEnvelope, keys: fx.bundledKeys }), syncKeys: async () => [fx.syncKey.pub] });
  await lists.ensure();
  const ahead = signList(withVersion(fx.base, { version: Math.floor(now / 1000) }), fx.syncKey);
  const res = await core.loadList({ envelope: ahead, keys: [fx.syncKey.pub], now: new Date(now).toISOString() });
  assert.equal(res.ok, true, JSON.stringify(res.error));
  assert.equal(await lists.commit(ahead, res.list), true);
  assert.equal((await lists.ensure()).version, Math.floor(now / 1000));
  now = Date.now();
  const info = await lists.ensure();
  assert.equal(info.source, 'bundled', 'the list from the future is dropped');
  assert.equal(info.version, fx.base.version);
  assert.match(storage.dump().local[LIST_ERROR_KEY].code, /not_yet_valid/);
  // And a normal list is accepted again.
  const normal = signList(withVersion(fx.base, { version: fx.base.version + 1 }), fx.syncKey);
  const ok = await core.loadList({ envelope: normal, keys: [fx.syncKey.pub], min_version: info.version });
  assert.equal(ok.ok, true, JSON.stringify(ok.error));
});

test('recovery: pinning other keys forgets the synced list and its version (the rotation path); a bundled list is kept', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const core = await realCore();
  const lists = manager(storage, core, fx);
  await lists.ensure();
  // A list the old key signed, with a version (issue time) ten minutes ahead.
  const mistake = signList(withVersion(fx.base, { version: Math.floor(Date.now() / 1000) + 590 }), fx.syncKey);
  const res = await core.loadList({ envelope: mistake, keys: [fx.syncKey.pub] });
  assert.equal(res.ok, true, JSON.stringify(res.error));
  await lists.commit(mistake, res.list);
  const held = await lists.ensure();
  assert.equal(held.source, 'synced');
  // The fix, signed now with a new key: refused while the mistake is the floor.
  const rotated = newKey();
  const fix = signList(withVersion(fx.base, { version: Math.floor(Date.now() / 1000) }), rotated);
  const refused = await core.loadList({ envelope: fix, keys: [rotated.pub], min_version: held.version });
  assert.equal(refused.error?.code, 'rollback');
  // The rotation: the user (or a release) pins the new key beside the old
  // one (current plus next), which alone would keep the old list's floor.
  assert.equal(await lists.forgetSynced(), true);
  const after = await manager(storage, core, fx, [fx.syncKey.pub, rotated.pub]).ensure();
  assert.equal(after.source, 'bundled');
  assert.equal(after.version, fx.base.version);
  const accepted = await core.loadList({ envelope: fix, keys: [rotated.pub], min_version: after.version });
  assert.equal(accepted.ok, true, JSON.stringify(accepted.error));
  // A bundled list is not forgotten.
  assert.equal(await lists.forgetSynced(), true);
  assert.equal(storage.dump().local[LIST_KEY].source, 'bundled');
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
    let loaded = false;
    return {
      /** Running once it has loaded a list, as a started core is. */
      get running() {
        return loaded;
      },
      release: () => held.splice(0).forEach((f) => f()),
      async loadList(/** @type {any} */ req) {
        await new Promise((r) => held.push(() => r(undefined)));
        const res = await (await real).loadList(req);
        loaded = true;
        return res;
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
      // The link filter's data comes only from the running core's load: a
      // stored info may be another build's.
      const filter = c.early ? {} : { hosts: first.hosts, linkWords: first.link_words };
      assert.deepEqual(set, { selectors: first.selectors, tokens: first.tokens, ...filter, version: first.version }, c.name);
      assert.ok(set.tokens.length > 0, `${c.name}: the hello carries the control tokens`);
      const info = await lists.ensure();
      assert.equal(info.version, first.version, `${c.name}: the list still loads`);
      const again = await lists.selectorSet();
      assert.ok(again?.hosts?.length && again.linkWords?.length, `${c.name}: once the list is loaded, the hello carries the link filter's hosts and words`);
      assert.deepEqual([again.hosts, again.linkWords], [first.hosts, first.link_words], c.name);
    } finally {
      clearInterval(timer);
    }
  }
});

/**
 * A real core that remembers what it was asked to load; with snapshots, it
 * also gives the list manager its snapshots.
 * @param {{snapshots?: boolean}} [opts]
 */
async function spiedCore({ snapshots = false } = {}) {
  const core = await realCore();
  /** @type {any[]} */
  const asked = [];
  return {
    asked,
    core,
    get running() {
      return core.running;
    },
    loadList: (/** @type {any} */ req) => (asked.push(req), core.loadList(req)),
    ...(snapshots ? { snapshot: () => core.snapshot() } : {}),
  };
}

test('a worker started again skips the signature check only for the envelope and keys it verified in full', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const forge = (/** @type {string} */ env) => {
    const e = JSON.parse(env);
    e.signatures[0].sig = Buffer.alloc(64).toString('base64');
    return JSON.stringify(e);
  };

  // The first start verifies in full and records the envelope in session storage.
  let core = await spiedCore();
  await manager(storage, core, fx).ensure();
  assert.equal(core.asked.length, 1);
  assert.equal(core.asked[0].verified_before, undefined, 'the bundled list is verified in full');
  const record = storage.dump().session[VERIFIED_KEY];
  assert.equal(record.sha256, await sha256Hex(fx.bundledEnvelope));
  assert.equal(record.keys, keysFingerprint(fx.bundledKeys));

  // A restart in the same session: same envelope, same keys, no signature check.
  core = await spiedCore();
  let info = await manager(storage, core, fx).ensure();
  assert.equal(info.version, fx.base.version);
  assert.equal(core.asked[0].verified_before, true);
  assert.equal(core.asked[0].sha256, record.sha256);
  assert.equal(info.sha256, record.sha256);

  // The stored envelope changed (a forged signature over the same payload): verified in full, refused.
  const good = storage.dump().local[LIST_KEY];
  await storage.set('local', { [LIST_KEY]: { ...good, envelope: forge(good.envelope) } });
  core = await spiedCore();
  info = await manager(storage, core, fx).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.match(storage.dump().local[LIST_ERROR_KEY]?.message ?? '', /failed verification/);
  assert.equal(storage.dump().local[LIST_KEY].envelope, fx.bundledEnvelope, 'the bundled list is stored again');

  // Other keys (the user pinned another key for synced lists): verified in full, refused.
  const synced = signList(withVersion(fx.base, { version: fx.base.version + 1 }), fx.syncKey);
  await storage.set('local', { [LIST_KEY]: { envelope: synced, info: { ...good.info, version: fx.base.version + 1 }, source: 'synced' } });
  await storage.set('session', { [VERIFIED_KEY]: { sha256: await sha256Hex(synced), keys: keysFingerprint([fx.syncKey.pub]) } });
  core = await spiedCore();
  info = await manager(storage, core, fx, [newKey().pub]).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.equal(info.source, 'bundled');

  // A new browser session (session storage cleared): verified in full again.
  await storage.set('local', { [LIST_KEY]: good });
  await storage.remove('session', VERIFIED_KEY);
  core = await spiedCore();
  await manager(storage, core, fx).ensure();
  assert.equal(core.asked[0].verified_before, false);
  assert.ok(storage.dump().session[VERIFIED_KEY], 'recorded again');
});

test('a worker started again loads the snapshot its session record vouches for, and the envelope otherwise', { skip }, async () => {
  const fx = fixtures();
  const storage = memoryStorage();
  const spyCore = () => spiedCore({ snapshots: true });
  /** @type {string[]} */
  let marks = [];
  const start = (/** @type {any} */ core) =>
    createLists({
      storage,
      core,
      loadBundled: async () => ({ envelope: fx.bundledEnvelope, keys: fx.bundledKeys }),
      syncKeys: async () => [fx.syncKey.pub],
      mark: (name) => marks.push(name),
      snapshotDelayMs: 0,
    });

  // The first start verifies in full, then keeps the core's snapshot and
  // records its hash beside the envelope's.
  const first = await spyCore();
  let lists = start(first);
  const info = await lists.ensure();
  assert.equal(await lists.snapshotting, true, 'the snapshot is kept');
  const kept = storage.dump().local[SNAPSHOT_KEY];
  const record = storage.dump().session[VERIFIED_KEY];
  assert.ok(kept.bytes instanceof Uint8Array && kept.bytes.length > 100_000, 'the snapshot is stored as bytes');
  assert.equal(kept.sha256, record.sha256);
  assert.equal(record.snapshot, await sha256Hex(kept.bytes));

  // A restart loads the snapshot: the same list, the same reports, and no
  // snapshot made again.
  const second = await spyCore();
  marks = [];
  lists = start(second);
  const again = await lists.ensure();
  assert.equal(second.asked.length, 1);
  assert.ok(second.asked[0].snapshot instanceof Uint8Array, 'the snapshot goes to the core');
  assert.equal(second.asked[0].verified_before, true);
  assert.deepEqual(again, info);
  assert.ok(marks.includes('list.fromSnapshot'));
  assert.equal(await lists.snapshotting, false);
  const r1 = await first.core.report(structuredClone(WARM_UP_OBSERVATION));
  const r2 = await second.core.report(structuredClone(WARM_UP_OBSERVATION));
  assert.ok(r1.ok && r1.report.findings.length > 0);
  assert.deepEqual(r2, r1);

  // Bytes that do not hash to the record (a byte changed in storage): the envelope.
  const flipped = new Uint8Array(kept.bytes);
  flipped[flipped.length >> 1] ^= 0xff;
  await storage.set('local', { [SNAPSHOT_KEY]: { ...kept, bytes: flipped } });
  const third = await spyCore();
  assert.equal((await start(third).ensure()).version, fx.base.version);
  assert.equal(third.asked.length, 1);
  assert.equal(third.asked[0].snapshot, undefined, 'changed bytes never reach the core');
  assert.equal(third.asked[0].verified_before, true);

  // A record that vouches for bytes the core cannot use: refused, then the envelope.
  const junk = new Uint8Array(64);
  await storage.set('local', { [SNAPSHOT_KEY]: { sha256: record.sha256, bytes: junk } });
  await storage.set('session', { [VERIFIED_KEY]: { ...record, snapshot: await sha256Hex(junk) } });
  const fourth = await spyCore();
  marks = [];
  assert.equal((await start(fourth).ensure()).version, fx.base.version);
  assert.equal(fourth.asked.length, 2);
  assert.ok(fourth.asked[0].snapshot instanceof Uint8Array);
  assert.equal(fourth.asked[1].snapshot, undefined);
  assert.ok(marks.includes('list.snapshotRefused'));
  assert.equal(storage.dump().local[LIST_ERROR_KEY], undefined, 'a refused snapshot is no list error');

  // A new browser session (no record): verified in full, and a snapshot kept again.
  await storage.remove('session', VERIFIED_KEY);
  const fifth = await spyCore();
  lists = start(fifth);
  await lists.ensure();
  assert.equal(fifth.asked[0].snapshot, undefined);
  assert.equal(fifth.asked[0].verified_before, false);
  assert.equal(await lists.snapshotting, true);
});
