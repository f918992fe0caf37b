// swprofile.mjs: a CPU profile of the service worker while the benchmark
// page (bench.mjs's 47,581-element page) is loaded a few times, taken
// through the DevTools protocol on the worker's own target, summed by
// function (self time, and time including callees for the core's entry
// points). It answers where a report's time goes inside the service
// worker, which node profiles can only approximate.
//
//	node test/bench/swprofile.mjs [--runs 5] [--out profile.cpuprofile]

import { writeFileSync } from 'node:fs';
import { distChrome } from '../helpers/paths.mjs';
import { launchChromium } from '../e2e/drivers.mjs';
import { controlPage, waitFor } from '../e2e/scenarios.mjs';
import { startServer } from '../e2e/server.mjs';
import { bigPage } from './bigpage.mjs';

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const RUNS = Number(opt('runs', '5'));
const OUT = opt('out', '');
const URL_BIG = 'http://www.spotify.com/big';

const server = await startServer();
server.pages.set('www.spotify.com/big', { type: 'text/html; charset=utf-8', body: bigPage() });
const ext = await launchChromium(distChrome, server.port);
const ctl = await controlPage(ext);
const page = await ext.newPage();
await page.goto(URL_BIG); // warm-up: the list is loaded, the code compiled

// Attach to the service worker's target through a page's session.
const cdp = await page.raw.context().newCDPSession(page.raw);
const { targetInfos } = await cdp.send('Target.getTargets');
const sw = targetInfos.find((/** @type {any} */ t) => t.type === 'service_worker' && t.url.startsWith(ext.extBase));
if (!sw) throw new Error('no service worker target');
const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
let nextId = 1;
/** @type {Map<number, (v: any) => void>} */
const pending = new Map();
cdp.on('Target.receivedMessageFromTarget', (/** @type {any} */ e) => {
  if (e.sessionId !== sessionId) return;
  const m = JSON.parse(e.message);
  if (m.id && pending.has(m.id)) {
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  }
});
/** @param {string} method @param {any} [params] */
const swSend = (method, params = {}) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });

await swSend('Profiler.enable');
await swSend('Profiler.setSamplingInterval', { interval: 100 });
await swSend('Profiler.start');
const reports = [];
for (let i = 0; i < RUNS; i++) {
  const before = Date.now();
  await page.goto(URL_BIG);
  const state = await waitFor(
    () =>
      ctl.page.evaluate(async (since) => {
        const all = await chrome.storage.session.get(null);
        return Object.values(all).find((v) => v?.url?.endsWith('/big') && v.timing?.at >= since) ?? null;
      }, before),
    'the report of the big page',
  );
  reports.push(state.timing.reportMicros / 1000);
}
const { result } = /** @type {any} */ (await swSend('Profiler.stop'));
const profile = result.profile;
if (OUT) writeFileSync(OUT, JSON.stringify(profile));
await ext.close();
await server.close();

const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
/** @type {Map<number, number>} */
const dt = new Map();
profile.samples.forEach((/** @type {number} */ s, /** @type {number} */ i) => dt.set(s, (dt.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const self = new Map();
const incl = new Map();
for (const [id, t] of dt) {
  const name = (/** @type {any} */ (byId.get(id))).callFrame.functionName || '(anonymous)';
  self.set(name, (self.get(name) ?? 0) + t);
  const seen = new Set();
  for (let q = id; q; q = parent.get(q)) {
    const n = (/** @type {any} */ (byId.get(q))).callFrame.functionName || '(anonymous)';
    if (!seen.has(n)) {
      seen.add(n);
      incl.set(n, (incl.get(n) ?? 0) + t);
    }
  }
}
const ms = (/** @type {number} */ us) => (us / 1000 / RUNS).toFixed(2).padStart(8);
console.log(`core report in the service worker (reportMicros), ms: ${reports.map((x) => x.toFixed(1)).join(', ')}`);
console.log(`\nper page load, ms, including callees:`);
for (const name of ['observeFrame', 'report', 'call', 'reportFlat', 'encodeObservation', 'handleEvent', 'parse']) if (incl.has(name)) console.log(`${ms(incl.get(name))}  ${name}`);
console.log(`\nper page load, ms, self time, top 25:`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms(t)}  ${name}`);
