// Two links of the list's trust path, in Debian's Chromium with the built
// extension (playwright-core), each with a test that fails when its link is
// removed:
//
// - The service worker checks a downloaded list's signature in JavaScript
//   (lib/precheck.js) before the core sees it. Both refuse a forged list
//   with the same code, so the code alone cannot show which one did: the
//   test computes the pre-check's message (precheck.js in node) and the
//   core's (the real core.wasm) for the same envelopes, checks that they
//   differ, and expects the pre-check's in the recorded sync error.
// - Trust anchors (the pinned keys and list URL in "settings", the sync
//   state beside them) are committed in one IndexedDB transaction per write
//   (lib/storage.js set): when one value of a write cannot be stored, none
//   is, and the write answers false.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { devKey, devPub, distChrome, signedList } from '../helpers/paths.mjs';
import { realCore } from '../helpers/realcore.mjs';
import { loadKey, payloadOf, signList, tamper, withVersion } from '../helpers/sign.mjs';
import { precheckEnvelope } from '../../src/lib/precheck.js';
import { CHROMIUM, launchChromium } from './drivers.mjs';
import { MIRROR, controlPage } from './scenarios.mjs';
import { startServer } from './server.mjs';

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (make deps)` : !existsSync(distChrome) ? 'dist/chrome is missing (make extension)' : false;

/** Chromium with the extension and the test proxy; runs fn, then closes both. */
async function withBrowser(/** @type {(env: {driver: any, ctl: any, server: any}) => Promise<void>} */ fn) {
  const server = await startServer();
  const driver = await launchChromium(distChrome, server.port);
  try {
    await fn({ driver, ctl: await controlPage(driver), server });
  } finally {
    await driver.close();
    await server.close();
  }
}

test('chromium: a forged list download is refused by the JavaScript pre-check, before the core', { skip, timeout: 90_000 }, async () => {
  const keys = [JSON.parse(readFileSync(devPub, 'utf8'))].flat();
  const base = payloadOf(readFileSync(signedList, 'utf8'));
  const version = Math.max(base.version + 1, Math.floor(Date.now() / 1000) + 60);
  const forged = [
    { name: 'tampered payload', body: tamper(signList(withVersion(base, { version }), loadKey(devKey))), code: 'bad_signature' },
    { name: 'not an envelope', body: '<html>maintenance</html>', code: 'bad_envelope' },
  ];
  // What each verifier says about each envelope, from the real code.
  const core = await realCore();
  for (const f of forged) {
    const pre = await precheckEnvelope(f.body, keys);
    const byCore = await core.loadList({ envelope: f.body, keys });
    assert.equal(pre.ok, false, `${f.name}: the pre-check refuses it`);
    assert.equal(byCore.ok, false, `${f.name}: the core refuses it`);
    if (pre.ok || byCore.ok) return;
    assert.equal(pre.error.code, f.code, `${f.name}: the pre-check's code`);
    assert.equal(byCore.error.code, f.code, `${f.name}: the core's code`);
    assert.notEqual(pre.error.message, byCore.error.message, `${f.name}: this test needs the two verifiers' messages to differ`);
    Object.assign(f, { pre: pre.error.message, core: byCore.error.message });
  }
  await withBrowser(async ({ ctl, server }) => {
    const served = { body: '' };
    server.routes.push((/** @type {any} */ _req, /** @type {URL} */ url) => (url.href === MIRROR ? { type: 'application/json', body: served.body } : null));
    const r0 = await ctl.send({ type: 'setSettings', settings: { listUrl: MIRROR } });
    assert.equal(r0.ok, true, JSON.stringify(r0));
    for (const f of /** @type {any[]} */ (forged)) {
      served.body = f.body;
      const r = await ctl.send({ type: 'syncNow' });
      assert.equal(r.outcome, 'failed', f.name);
      assert.equal(r.sync.lastError.code, f.code, `${f.name}: ${JSON.stringify(r.sync.lastError)}`);
      assert.equal(r.sync.lastError.message, f.pre, `${f.name}: refused by the pre-check (the core would say: ${f.core})`);
      assert.equal(r.list.source, 'bundled', `${f.name}: the last good list is kept`);
    }
  });
});

test('chromium: a write of trust anchors that cannot be stored whole stores nothing (one IndexedDB transaction)', { skip, timeout: 90_000 }, async () => {
  await withBrowser(async ({ driver, ctl }) => {
    const before = await ctl.send({ type: 'getStatus' });
    assert.equal(before.ok, true);
    assert.equal(before.storage.trusted, 'indexeddb', JSON.stringify(before.storage));
    // From an extension page (the options page), the extension's own
    // storage module over the same origin's database: a write of new
    // settings (an attacker's list URL and key) beside a sync state that
    // IndexedDB cannot clone (a function), in that order.
    const r = await ctl.page.evaluate(async (url) => {
      const store = await import(url);
      const settings = await store.get('local', 'settings', null);
      const sync = await store.get('local', 'sync', null);
      const forged = { ...settings, listUrl: 'http://evil.test/list', keys: [{ id: 'evil', public_key: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }] };
      const ok = await store.set('local', { settings: forged, sync: () => 'not cloneable' });
      // Read back through a fresh connection, as the service worker would
      // after a restart.
      const again = await import(`${url}?fresh`);
      return {
        ok,
        settingsBefore: JSON.stringify(settings),
        settingsAfter: JSON.stringify(await again.get('local', 'settings', null)),
        syncBefore: JSON.stringify(sync),
        syncAfter: JSON.stringify(await again.get('local', 'sync', null)),
        good: await again.set('local', { settings, sync }),
      };
    }, `${driver.extBase}lib/storage.js`);
    assert.equal(r.ok, false, 'the write answers false');
    assert.equal(r.settingsAfter, r.settingsBefore, 'the settings (pinned keys, list URL) are unchanged');
    assert.equal(r.syncAfter, r.syncBefore, 'the sync state is unchanged');
    assert.equal(r.good, true, 'a whole write still succeeds');
    const after = await ctl.send({ type: 'getStatus' });
    assert.deepEqual(after.settings, before.settings, "the service worker's settings are unchanged");
  });
});
