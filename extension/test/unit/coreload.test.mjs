// lib/core.js against the real WebAssembly core: loading a list gives the
// event loop turns while the core works (the service worker answers a
// content script's hello meanwhile), with the answer of the synchronous
// loadList.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { realCore } from '../helpers/realcore.mjs';
import { devPub, haveCore, signedList } from '../helpers/paths.mjs';

const skip = haveCore ? false : 'core.wasm or the signed list is missing: make core-wasm list';

test('loadList lets timers run while the core loads, and answers as the synchronous loadList', { skip }, async () => {
  const core = await realCore();
  await core.ensure();
  const req = { envelope: readFileSync(signedList, 'utf8'), keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat(), now: new Date().toISOString() };
  let fired = false;
  const loading = core.loadList(req);
  setTimeout(() => {
    fired = true;
  }, 0);
  const res = await loading;
  assert.equal(res.ok, true, JSON.stringify(res.error));
  assert.equal(fired, true, 'a timer set after the load began ran before it ended');
  const sync = JSON.parse(globalThis.partnerwatch.loadList(JSON.stringify(req)));
  assert.deepEqual(res, sync);
});

test('a refused list is refused the same way through the yielding load', { skip }, async () => {
  const core = await realCore();
  const res = await core.loadList({ envelope: '{"payload":"","signatures":[]}', keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat() });
  assert.equal(res.ok, false);
  assert.equal(res.error.code, 'bad_envelope');
  const late = await core.loadList({ envelope: readFileSync(signedList, 'utf8'), keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat() });
  assert.equal(late.ok, true, 'the core goes on');
});
