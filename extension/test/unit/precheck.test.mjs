// The signature pre-check (lib/precheck.js) against the real core: on the
// same envelopes, the pre-check never refuses a list the core accepts, and
// when it refuses, it gives the core's code. A refused download never
// reaches the core.
//
// Needs `make core-wasm list`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { precheckEnvelope } from '../../src/lib/precheck.js';
import { haveCore, signedList } from '../helpers/paths.mjs';
import { realCore } from '../helpers/realcore.mjs';
import { newKey, payloadOf, signList, tamper, withVersion } from '../helpers/sign.mjs';

const skip = haveCore ? false : 'needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)';

/** Envelopes, good and damaged in one way each. */
function envelopes() {
  const key = newKey();
  const other = newKey();
  const base = payloadOf(readFileSync(signedList, 'utf8'));
  const good = signList(withVersion(base, { version: base.version }), key);
  const env = JSON.parse(good);
  const sig = env.signatures[0];
  const flipSig = Buffer.from(sig.sig, 'base64');
  flipSig[7] ^= 1;
  const with_ = (/** @type {any} */ o) => JSON.stringify({ ...env, ...o });
  return {
    key,
    cases: [
      { name: 'good', accept: true, text: good },
      { name: 'two signatures, the second ours', accept: true, text: with_({ signatures: [JSON.parse(signList(base, other)).signatures[0], sig] }) },
      { name: 'tampered payload', text: tamper(good) },
      { name: 'flipped signature byte', text: with_({ signatures: [{ ...sig, sig: flipSig.toString('base64') }] }) },
      { name: 'signed by another key', text: signList(base, other) },
      { name: 'unknown key id', text: with_({ signatures: [{ ...sig, keyid: '0000000000000000' }] }) },
      { name: 'not JSON', text: '<html>maintenance</html>' },
      { name: 'empty', text: '' },
      { name: 'null', text: 'null' },
      { name: 'array', text: '[]' },
      { name: 'no payload', text: JSON.stringify({ signatures: env.signatures }) },
      { name: 'no signatures', text: with_({ signatures: [] }) },
      { name: '17 signatures', text: with_({ signatures: Array(17).fill(sig) }) },
      { name: 'signature too short', text: with_({ signatures: [{ ...sig, sig: flipSig.subarray(0, 63).toString('base64') }] }) },
      { name: 'signature without keyid', text: with_({ signatures: [{ sig: sig.sig }] }) },
      { name: 'payload not base64', text: with_({ payload: '!!!!', payload_json: undefined }) },
      { name: 'payload url-safe base64', text: with_({ payload: '-_-_', payload_json: undefined }) },
      { name: 'both payload forms', text: with_({ payload: 'e30=' }) },
      { name: 'the older base64 form of the good list', accept: true, text: with_({ payload: Buffer.from(env.payload_json, 'utf8').toString('base64'), payload_json: undefined }) },
      { name: 'payload_json escaped differently', accept: true, text: good.replace('\\"version\\"', '\\u0022version\\u0022') },
      { name: 'signature over the payload without the prefix', text: signList(base, key).replace(/"sig":"[^"]+"/, `"sig":"${flipSig.toString('base64')}"`) },
    ],
  };
}

test('the pre-check agrees with the core: it never refuses what the core accepts, and refuses with the core\'s code', { skip }, async () => {
  const core = await realCore();
  const { key, cases } = envelopes();
  let refused = 0;
  for (const c of cases) {
    const pre = await precheckEnvelope(c.text, [key.pub]);
    const got = await core.loadList({ envelope: c.text || ' ', keys: [key.pub] });
    if (got.ok) assert.equal(pre.ok, true, `${c.name}: the core accepts it, the pre-check must too (${JSON.stringify(pre)})`);
    if (!pre.ok) {
      refused++;
      assert.equal(got.ok, false, c.name);
      assert.equal(pre.error.code, got.error.code, `${c.name}: ${pre.error.message} / ${got.error.message}`);
    }
  }
  for (const c of cases.filter((c) => c.accept)) {
    assert.equal((await precheckEnvelope(c.text, [key.pub])).signature, 'verified', c.name);
    assert.equal((await core.loadList({ envelope: c.text, keys: [key.pub] })).ok, true, `${c.name}: the core accepts it`);
  }
  const bad = cases.filter((c) => !c.accept).length;
  assert.equal(refused, bad, `the pre-check refused ${refused} of ${bad} bad envelopes`);
});

test('without WebCrypto Ed25519 the shape and the key are still checked, the signature is left to the core', { skip }, async () => {
  const { key, cases } = envelopes();
  const byName = Object.fromEntries(cases.map((c) => [c.name, c.text]));
  assert.deepEqual(await precheckEnvelope(byName['tampered payload'], [key.pub], null), { ok: true, signature: 'unchecked' });
  assert.equal((await precheckEnvelope(byName['signed by another key'], [key.pub], null)).ok, false);
  const noEd25519 = /** @type {any} */ ({ importKey: async () => Promise.reject(new Error('NotSupportedError')) });
  assert.deepEqual(await precheckEnvelope(byName['tampered payload'], [key.pub], noEd25519), { ok: true, signature: 'unchecked' });
});

test('a large forged envelope is refused before the core: the core is never called', { skip }, async () => {
  const { key } = envelopes();
  const base = payloadOf(readFileSync(signedList, 'utf8'));
  // A 20 MiB payload that a pinned key never signed.
  const payload = Buffer.from(JSON.stringify({ ...base, pad: 'x'.repeat(20 << 20) }));
  const forged = JSON.stringify({ payload: payload.toString('base64'), signatures: JSON.parse(signList(base, key)).signatures });
  const pre = await precheckEnvelope(forged, [key.pub]);
  assert.deepEqual(pre.ok ? pre : pre.error.code, 'bad_signature');
});
