// The core handle (lib/core.js) with a missing or corrupt core.wasm: it goes
// "off" with a reason, answers core_unavailable without compiling again
// until its back-off has passed, and comes back when core.wasm is good.
// The list manager writes nothing to storage meanwhile.
//
// Needs `make core-wasm list`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createCore, retryDelay, RETRY_MAX_MS, RETRY_MIN_MS } from '../../src/lib/core.js';
import { createLists } from '../../src/lib/lists.js';
import { memoryStorage } from '../helpers/memstore.mjs';
import { coreWasm, devPub, haveCore, signedList, wasmExecPath } from '../helpers/paths.mjs';
import { offBadge, OFF_COLOR } from '../../src/lib/present.js';

const skip = haveCore ? false : 'needs build/core/core.wasm (make core-wasm list)';

test('the retry delay doubles from 5 s to at most 10 min', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelay), [5_000, 10_000, 20_000, 40_000]);
  assert.equal(retryDelay(50), RETRY_MAX_MS);
  assert.equal(retryDelay(0), RETRY_MIN_MS);
});

test('the off badge says why and when the next try is', () => {
  const t = (/** @type {string} */ name, /** @type {string[]} */ subs = []) => `${name}(${subs.join('|')})`;
  assert.deepEqual(offBadge('CompileError: bad magic', 4200, t), { text: 'badgeOff()', color: OFF_COLOR, title: 'badgeTitleOff(CompileError: bad magic|5)' });
  assert.equal(offBadge('x'.repeat(500), 0, t).title.length, 'badgeTitleOff(|1)'.length + 200, 'the reason is cut');
});

test('a corrupt or missing core.wasm: off with a reason, no recompiling during the back-off, back when it is good', { skip }, async () => {
  await import(pathToFileURL(wasmExecPath()).href);
  const good = readFileSync(coreWasm);
  for (const [name, load] of /** @type {[string, () => Promise<any>][]} */ ([
    ['truncated', async () => good.subarray(0, 1000)],
    ['one byte of the header flipped', async () => Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6e]), good.subarray(4)])],
    ['missing', async () => Promise.reject(new TypeError('Failed to fetch core/core.wasm'))],
  ])) {
    let clock = 1_000_000;
    let compiles = 0;
    let healthy = false;
    /** @type {any[]} */
    const states = [];
    const core = createCore({
      loadBytes: () => {
        compiles++;
        return healthy ? Promise.resolve(good) : load();
      },
      now: () => clock,
      onState: (s) => states.push(s),
    });
    for (let i = 0; i < 20; i++) {
      const r = await core.version();
      assert.equal(r.ok, false, name);
      assert.equal(r.error?.code, 'core_unavailable', name);
    }
    assert.equal(compiles, 1, `${name}: 20 calls, one start`);
    assert.equal(core.off, true);
    assert.equal(states.length, 1, `${name}: told once`);
    assert.equal(states[0].off, true);
    assert.ok(states[0].reason.length > 0, `${name}: a reason`);
    assert.equal(states[0].retryAt, 1_000_000 + RETRY_MIN_MS);
    // Just before the retry time: still no start. At it: one more, then a longer wait.
    clock += RETRY_MIN_MS - 1;
    await core.version();
    assert.equal(compiles, 1, name);
    clock += 1;
    await core.version();
    assert.equal(compiles, 2, name);
    assert.equal(states.at(-1).retryAt, clock + 2 * RETRY_MIN_MS, `${name}: the wait doubles`);
    // core.wasm is good again: the next try starts it, and it says so.
    healthy = true;
    clock += 2 * RETRY_MIN_MS;
    const ok = await core.version();
    assert.equal(ok.ok, true, `${name}: ${JSON.stringify(ok.error)}`);
    assert.equal(core.off, false);
    assert.deepEqual(states.at(-1), { off: false, reason: '', retryAt: 0 });
  }
});

test('while the core is off, the list manager writes nothing and verifies nothing', { skip }, async () => {
  await import(pathToFileURL(wasmExecPath()).href);
  const base = memoryStorage();
  let writes = 0;
  const storage = { ...base, set: async (/** @type {any} */ a, /** @type {any} */ items) => (writes++, base.set(a, items)) };
  const core = createCore({ loadBytes: async () => new Uint8Array([0, 1, 2, 3]), now: () => 0 });
  const lists = createLists({
    storage,
    core,
    loadBundled: async () => ({ envelope: readFileSync(signedList, 'utf8'), keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat() }),
    syncKeys: async () => [],
  });
  for (let i = 0; i < 20; i++) assert.equal(await lists.ensure(), null);
  assert.equal(writes, 0, 'no storage write per message');
});
