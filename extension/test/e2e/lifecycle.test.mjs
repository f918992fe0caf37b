// The service worker's life in Debian's Chromium (playwright-core, the
// DevTools protocol): killed in the middle of list updates, it comes back
// with the stored list wholly old or wholly new and its sync alarm; killed
// after it kept its list's snapshot, it comes back from the snapshot and
// reports as before, and from the envelope when the snapshot's bytes
// changed; with a corrupt core.wasm, it shows an "off" badge with the
// reason. In Firefox ESR (puppeteer-core), the event page suspended when
// idle comes back from the snapshot the same way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKey, distChrome, distFirefox, signedList } from '../helpers/paths.mjs';
import { loadKey, payloadOf, signList, withVersion } from '../helpers/sign.mjs';
import { CHROMIUM, FIREFOX, launchChromium, launchFirefox } from './drivers.mjs';
import { controlPage, openReported, PAGES, servePages, waitFor } from './scenarios.mjs';
import { startServer } from './server.mjs';

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (make deps)` : !existsSync(distChrome) ? 'dist/chrome is missing (make extension)' : false;

/**
 * Stops the extension's service worker the hard way (DevTools
 * Target.closeTarget), as the browser does to an evicted or crashed worker.
 * @param {any} cdp a DevTools session of any page
 * @param {string} extBase
 */
async function killWorker(cdp, extBase) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((/** @type {any} */ t) => t.type === 'service_worker' && t.url.startsWith(extBase));
  if (sw) await cdp.send('Target.closeTarget', { targetId: sw.targetId });
  return !!sw;
}

test('chromium: a service worker killed in the middle of list updates keeps the stored list wholly old or wholly new, and its sync alarm comes back', { skip, timeout: 240_000 }, async () => {
  const proxy = await startServer();
  const key = loadKey(devKey);
  const base = payloadOf(readFileSync(signedList, 'utf8'));
  /** What the list server serves now, and how slowly. */
  const serving = { body: '', chunks: 4, gapMs: 150 };
  let served = 0;
  const lists = createServer((req, res) => {
    served++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    const body = Buffer.from(serving.body);
    const size = Math.ceil(body.length / serving.chunks);
    let i = 0;
    const next = () => {
      if (i >= serving.chunks) return res.end();
      res.write(body.subarray(i * size, (i + 1) * size));
      i++;
      setTimeout(next, serving.gapMs);
    };
    res.on('error', () => {});
    next();
  });
  await new Promise((r) => lists.listen(0, '127.0.0.1', () => r(undefined)));
  const listUrl = `http://127.0.0.1:${/** @type {any} */ (lists.address()).port}/v1/list`;
  const driver = await launchChromium(distChrome, proxy.port);
  try {
    const page = await driver.newPage();
    await page.goto(`${driver.extBase}options/options.html`);
    const cdp = await page.raw.context().newCDPSession(page.raw);
    const send = (/** @type {any} */ msg) => page.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    const status = () => waitFor(async () => send({ type: 'getStatus' }), 'the service worker answers');
    const set = await send({ type: 'setSettings', settings: { listUrl } });
    assert.equal(set.ok, true, JSON.stringify(set));

    /** Versions and hashes of every list the worker may hold. */
    const known = new Map([[(await status()).list.version, (await status()).list.sha256]]);
    const t0 = Math.floor(Date.now() / 1000);
    // Kill points, in milliseconds after the update was asked for: before,
    // while and after the body arrives (4 chunks, 150 ms apart), while the
    // core verifies and around the commit.
    const offsets = [0, 100, 300, 450, 500, 550, 600, 650, 700, 800, 1000, 1500];
    let updated = 0;
    for (const [i, offset] of offsets.entries()) {
      const version = t0 + 10 + i;
      serving.body = signList(withVersion(base, { version }), key);
      // Lose the alarm, as a browser restart may.
      await page.evaluate(() => chrome.alarms.clearAll());
      const asked = send({ type: 'syncNow' }).catch(() => null); // the reply is lost with the worker
      await new Promise((r) => setTimeout(r, offset));
      assert.ok(await killWorker(cdp, driver.extBase), 'a worker to kill');
      await asked;
      const s = await status();
      assert.equal(s.ok, true);
      assert.equal(s.listError, null, `kill at ${offset} ms: the stored list verified again (${JSON.stringify(s.listError)})`);
      const got = s.list;
      if (got.version === version) {
        updated++;
        known.set(version, got.sha256);
      }
      assert.ok(known.has(got.version), `kill at ${offset} ms: version ${got.version} is the old or the new list`);
      assert.equal(got.sha256, known.get(got.version), `kill at ${offset} ms: the hash is the one of version ${got.version}`);
      // The alarm is back with the restarted worker.
      const alarm = await waitFor(() => page.evaluate(() => chrome.alarms.get('list-sync')), `kill at ${offset} ms: the sync alarm`);
      assert.ok(alarm.scheduledTime > Date.now() - 5000, `kill at ${offset} ms: the alarm is due`);
    }
    // Most updates reach the server; on a loaded machine the earliest kills
    // can land before the request leaves, which is a kill point too.
    assert.ok(served >= offsets.length / 2, `the list server was asked ${served} times`);
    // Some kills came too late to stop the update and some too early to let
    // it land; were either missing, the offsets would not test the commit.
    assert.ok(updated > 0 && updated < offsets.length, `${updated} of ${offsets.length} updates landed`);
    await cdp.detach();
  } finally {
    await driver.close();
    await new Promise((r) => lists.close(r));
    await proxy.close();
  }
});

/**
 * A worker stopped after it kept its list's snapshot comes back from the
 * snapshot with the same list and findings; stopped again after a byte of
 * the stored snapshot changed, it loads the envelope instead.
 * @param {import('./drivers.mjs').Driver} driver
 * @param {Awaited<ReturnType<typeof controlPage>>} ctl
 * @param {() => Promise<void>} stop stops the extension's worker or event page
 */
async function restartsFromSnapshot(driver, ctl, stop) {
  /** The running worker's status once its marks include every name given. @param {string[]} names */
  const statusWith = (...names) =>
    waitFor(async () => {
      const s = await ctl.send({ type: 'getStatus' });
      return names.every((n) => s?.timing?.marks?.[n] !== undefined) ? s : null;
    }, `a worker with the marks ${names.join(', ')}`);
  // What the page's own markup gives: network evidence depends on whether
  // a worker was awake for the page's requests, which a restart changes.
  const fromPage = (/** @type {any[]} */ findings) =>
    findings.map((f) => ({ provider: f.provider, widget: f.widget, kind: f.kind, evidence: f.evidence.filter((/** @type {any} */ e) => e.signal !== 'request') }));
  const first = await statusWith('list.loaded', 'list.snapshotSaved');
  const before = await openReported(driver, ctl, PAGES.spotify.url);
  const want = fromPage((await ctl.state(before.tabId)).findings);
  assert.ok(want.length > 0, 'the page has findings');
  await before.page.close();

  await stop();
  const after = await openReported(driver, ctl, PAGES.spotify.url);
  const restarted = await statusWith('list.fromSnapshot', 'report');
  assert.equal(restarted.timing.marks['list.snapshotRefused'], undefined);
  assert.deepEqual(restarted.list, first.list, 'the same list, from the snapshot');
  assert.deepEqual(fromPage((await ctl.state(after.tabId)).findings), want, 'the same findings');
  await after.page.close();

  // A byte of the stored snapshot changed: its hash no longer matches the
  // session record, and the restarted worker loads the envelope.
  const changed = await ctl.page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('partnerwatch', 1);
        open.onsuccess = () => {
          const store = open.result.transaction('kv', 'readwrite').objectStore('kv');
          const get = store.get('listSnapshot');
          get.onsuccess = () => {
            const snap = get.result;
            if (!snap?.bytes) return resolve(false);
            snap.bytes[snap.bytes.length >> 1] ^= 0xff;
            store.put(snap, 'listSnapshot').onsuccess = () => resolve(true);
          };
        };
      }),
  );
  assert.equal(changed, true, 'the stored snapshot was found and changed');
  await stop();
  const third = await openReported(driver, ctl, PAGES.spotify.url);
  const fromEnvelope = await statusWith('list.storedVerified', 'report');
  assert.equal(fromEnvelope.timing.marks['list.fromSnapshot'], undefined, 'changed bytes are not loaded');
  assert.deepEqual(fromEnvelope.list, first.list);
  assert.deepEqual(fromPage((await ctl.state(third.tabId)).findings), want);
}

test('chromium: a worker killed after keeping its list\'s snapshot loads the snapshot and reports as before; changed snapshot bytes send it back to the envelope', { skip, timeout: 120_000 }, async () => {
  const proxy = await startServer();
  servePages(proxy);
  const driver = await launchChromium(distChrome, proxy.port);
  try {
    const ctl = await controlPage(driver);
    const cdp = await ctl.page.raw.context().newCDPSession(ctl.page.raw);
    await restartsFromSnapshot(driver, ctl, async () => assert.ok(await killWorker(cdp, driver.extBase), 'a worker to kill'));
    await cdp.detach();
  } finally {
    await driver.close();
    await proxy.close();
  }
});

// Firefox suspends an idle event page after extensions.background.idle.timeout
// (30 s by default); the test's browser waits IDLE_MS. Nothing may message
// the event page while the test waits for that.
const IDLE_MS = 2000;
const skipFirefox = !existsSync(FIREFOX) ? `${FIREFOX} is missing (make deps)` : !existsSync(distFirefox) ? 'dist/firefox is missing (make extension)' : false;

test('firefox: an event page suspended after keeping its list\'s snapshot loads the snapshot and reports as before; changed snapshot bytes send it back to the envelope', { skip: skipFirefox, timeout: 180_000 }, async () => {
  const proxy = await startServer();
  servePages(proxy);
  const driver = await launchFirefox(distFirefox, proxy.port, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  try {
    const ctl = await controlPage(driver);
    await restartsFromSnapshot(driver, ctl, () => new Promise((r) => setTimeout(r, 4 * IDLE_MS)));
  } finally {
    await driver.close();
    await proxy.close();
  }
});

test('chromium: with a corrupt core.wasm the toolbar badge says "off" with the reason, and the extension keeps answering', { skip, timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-corrupt-'));
  const proxy = await startServer();
  try {
    cpSync(distChrome, dir, { recursive: true });
    const wasm = join(dir, 'core', 'core.wasm');
    writeFileSync(wasm, readFileSync(wasm).subarray(0, 4096)); // truncated
    const driver = await launchChromium(dir, proxy.port);
    try {
      const page = await driver.newPage();
      await page.goto(`${driver.extBase}options/options.html`);
      const s = await waitFor(async () => {
        const r = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'getStatus' }));
        return r?.core?.off ? r : null;
      }, 'the core reported off');
      assert.match(s.core.reason, /\S/, 'a reason');
      assert.equal(s.list, null, 'no list is loaded without the core');
      const badge = await waitFor(
        () => page.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) })).then((b) => (b.text ? b : null)),
        'the off badge',
      );
      assert.equal(badge.text, 'off');
      assert.ok(badge.title.includes(s.core.reason.slice(0, 40)), `the title names the reason: ${badge.title}`);
      assert.match(badge.title, /tries again in \d+ s/);
      // Messages keep getting structured answers.
      for (let i = 0; i < 5; i++) assert.equal((await page.evaluate(() => chrome.runtime.sendMessage({ type: 'getStatus' }))).ok, true);
      const alarm = await page.evaluate(() => chrome.alarms.get('core-retry'));
      assert.ok(alarm, 'a retry is scheduled');
    } finally {
      await driver.close();
    }
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
