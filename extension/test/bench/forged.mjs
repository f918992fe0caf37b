// What a forged list download costs the service worker: a tampered envelope
// just under the cap (a keyless mirror can serve one), taken either straight
// to the core (the path before lib/precheck.js) or through the pre-check
// first (the path now). Each path runs in its own node process, so that
// neither inherits the other's grown WebAssembly memory; both are reported
// side by side as time, the growth of the core's WebAssembly memory (which
// is never given back) and the resident memory retained after a full GC.
//
//   node --expose-gc test/bench/forged.mjs            # both paths, 3 runs each
//   node --expose-gc test/bench/forged.mjs core|precheck   # one run of one path (JSON line)

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MaxEnvelopeBytes } from '../../src/lib/bounds.js';
import { precheckEnvelope } from '../../src/lib/precheck.js';
import { signedList } from '../helpers/paths.mjs';
import { realCore } from '../helpers/realcore.mjs';
import { newKey, payloadOf, signList } from '../helpers/sign.mjs';

const mode = process.argv[2];
if (!mode) {
  const runs = 3;
  const rows = [];
  for (const m of ['core', 'precheck']) {
    for (let i = 0; i < runs; i++) {
      rows.push(JSON.parse(execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), m], { encoding: 'utf8' })));
    }
  }
  const med = (/** @type {number[]} */ xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const m of ['core', 'precheck']) {
    const r = rows.filter((x) => x.mode === m);
    console.log(`${m}: envelope ${(r[0].bytes / 1048576).toFixed(1)} MiB, code ${r[0].code}, median ${med(r.map((x) => x.ms))} ms, core memory grown by ${med(r.map((x) => x.wasmGrowthMiB))} MiB, RSS retained after GC median ${med(r.map((x) => x.retainedMiB))} MiB (runs: ${r.map((x) => `${x.ms} ms/+${x.wasmGrowthMiB}/${x.retainedMiB} MiB`).join(', ')})`);
  }
  process.exit(0);
}

const key = newKey();
const base = payloadOf(readFileSync(signedList, 'utf8'));
const good = JSON.parse(signList(base, key));
// Pad the payload so that the envelope lands just under the cap, signature kept.
const target = Math.floor(((MaxEnvelopeBytes - 1024) * 3) / 4);
const padded = Buffer.from(JSON.stringify({ ...base, pad: 'x'.repeat(target - JSON.stringify(base).length - 10) }));
let forged = JSON.stringify({ payload: padded.toString('base64'), signatures: good.signatures });
const bytes = forged.length;
const core = await realCore();
await core.ensure(); // started before measuring, as in a running service worker
const gc = /** @type {() => void} */ (globalThis.gc);
gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const before = process.memoryUsage().rss;
const wasmBefore = core.memoryBytes;
const t0 = performance.now();
let res;
if (mode === 'core') {
  res = await core.loadList({ envelope: forged, keys: [key.pub] });
} else {
  res = await precheckEnvelope(forged, [key.pub]);
  if (res.ok) res = await core.loadList({ envelope: forged, keys: [key.pub] });
}
const ms = Math.round(performance.now() - t0);
forged = '';
const wasmGrowthMiB = Math.round((core.memoryBytes - wasmBefore) / 1048576);
gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const retainedMiB = Math.round((process.memoryUsage().rss - before) / 1048576);
console.log(JSON.stringify({ mode, bytes, code: res.ok ? 'ok' : res.error.code, ms, wasmGrowthMiB, retainedMiB }));
process.exit(0);
