// The warm-up report (src/lib/warmup.js): its built-in observation passes
// the check every observation gets, and the real core with the default
// list answers it with findings of several signal kinds, so the code it
// runs is the report's. Without a list the warm-up reports no success.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observation } from '../../src/lib/observation.js';
import { WARM_UP_OBSERVATION, warmUp } from '../../src/lib/warmup.js';
import { coreWithList, realCore } from '../helpers/realcore.mjs';

test('the warm-up observation passes the observation check', () => {
  assert.equal(observation(structuredClone(WARM_UP_OBSERVATION), 'observation'), null);
});

test('the warm-up report reaches the detection code: findings from scripts, calls, frames, links, texts and controls', async () => {
  const { core } = await coreWithList();
  /** @type {any[]} */
  const seen = [];
  const spy = { report: async (/** @type {any} */ obs) => {
    const res = await core.report(obs);
    seen.push(res);
    return res;
  } };
  assert.equal(await warmUp(spy), true);
  assert.equal(seen.length, 1);
  const findings = seen[0].report.findings;
  const signals = new Set(findings.flatMap((/** @type {any} */ f) => f.evidence.map((/** @type {any} */ e) => e.signal)));
  for (const s of ['script', 'call', 'frame', 'link', 'text', 'route', 'control']) assert.ok(signals.has(s), `a ${s} signal: ${[...signals]}`);
  const providers = new Set(findings.map((/** @type {any} */ f) => `${f.provider}/${f.kind}`));
  for (const p of ['facebook/login', 'facebook/messaging', 'google/login']) assert.ok(providers.has(p), `${p}: ${[...providers]}`);
});

test('without a list the warm-up reports no success', async () => {
  const core = await realCore();
  assert.equal(await warmUp(core), false);
});
