// A node harness for the service worker's network and consent handlers,
// with the real WebAssembly core and an in-memory store standing in for
// storage.session (whose own cost in a browser comes on top):
//
//	node test/bench/netwatch.mjs [--events 2000]
//
// It measures, per event: a request reaching onRequest (read the tab's
// buffer, normalise, add, write) while the buffer fills to its bounds and
// after; requestsFor on a full buffer (what observeFrame adds to every top
// frame's observation); a navigation to an authorize URL (core.inspect, the
// warning, the opener's attempt); and consentWarning alone.

import { cpus } from 'node:os';
import { createNetWatch } from '../../src/lib/netwatch.js';
import { consentWarning } from '../../src/lib/consent.js';
import { memoryStorage } from '../helpers/memstore.mjs';
import { haveCore } from '../helpers/paths.mjs';
import { coreWithList } from '../helpers/realcore.mjs';

if (!haveCore) {
  console.error('needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)');
  process.exit(1);
}
const argv = process.argv;
const EVENTS = Number(argv.includes('--events') ? argv[argv.indexOf('--events') + 1] : '2000');

const { core, list } = await coreWithList();
const ev = () => ({ addListener() {}, removeListener() {} });
const ext = { webRequest: { onBeforeRequest: ev() }, webNavigation: { onBeforeNavigate: ev(), onCommitted: ev(), onCreatedNavigationTarget: ev() }, tabs: { onRemoved: ev() } };
const w = createNetWatch({ ext, store: memoryStorage(), inspect: (url) => core.inspect({ url }), withTab: (_id, fn) => fn(), onConsent: () => {}, onRequests: () => {} });
w.register(list.hosts);

/** @param {number[]} xs */
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
/** Runs fn n times; answers per-call microseconds. @param {number} n @param {(i: number) => Promise<unknown>|unknown} fn */
async function time(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push((performance.now() - t0) * 1000);
  }
  return out;
}

const rows = [];
/** @param {string} name @param {number[]} us */
const row = (name, us) => rows.push([name, String(us.length), pct(us, 0.5).toFixed(1), pct(us, 0.95).toFixed(1), pct(us, 0.99).toFixed(1)]);

// Requests from 8 frames of one tab, each URL new: the buffer fills to its bounds, then every request is dropped.
row('onRequest (new URL, buffer filling then full)', await time(EVENTS, (i) =>
  w.onRequest({ tabId: 1, frameId: i % 8, parentFrameId: 0, type: 'script', url: `https://connect.facebook.net/en_US/${i}/sdk.js?v=${'x'.repeat(200)}`, timeStamp: 1 }),
));
row('requestsFor (top frame, full buffer)', await time(EVENTS, () => w.requestsFor(1, 0)));
const auth = 'https://www.facebook.com/v19.0/dialog/oauth?client_id=174829003346&redirect_uri=https%3A%2F%2Faccounts.spotify.com%2Flogin%2Ffacebook&scope=email,user_friends&state=';
row('onBeforeNavigate (authorize URL, inspect + warning + attempt)', await time(Math.min(EVENTS, 500), (i) => w.onBeforeNavigate({ tabId: 100 + (i % 50), frameId: 0, url: auth + i, timeStamp: 1 })));
row('onBeforeNavigate (other URL on a watched host)', await time(Math.min(EVENTS, 500), (i) => w.onBeforeNavigate({ tabId: 2, frameId: 0, url: `https://www.facebook.com/page${i}`, timeStamp: 1 })));
const consent = (await core.inspect({ url: auth + 'x' })).consent;
row('consentWarning alone', await time(EVENTS, () => consentWarning(consent)));

console.log(`network and consent handlers, ${EVENTS} events, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log('| handler | calls | median µs | p95 µs | p99 µs |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
process.exit(0);
