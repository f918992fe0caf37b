// Where a collection's time goes: the content script's collector on the
// extension benchmark's page (bigpage.mjs) in headless Debian Chromium,
// with the default list's set (selectors, tokens, the link filter's hosts
// and words), run under the DevTools CPU profiler. Prints the functions
// with the most self time and the collector's own functions by total time.
//
//	make core-wasm list && node test/bench/collectprofile.mjs [--runs 20]

import { CHROMIUM } from '../e2e/drivers.mjs';
import { collectorSource } from '../../tools/content-scripts.mjs';
import { coreWithList } from '../helpers/realcore.mjs';
import { openBigPage } from './bigpage.mjs';
import { median } from './measure.mjs';

const argv = process.argv;
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : '20');

const { list } = await coreWithList();
const set = { selectors: list.selectors ?? [], tokens: list.tokens ?? [], hosts: list.hosts, linkWords: list.link_words, listVersion: list.version };

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
try {
  const page = await browser.newPage();
  await openBigPage(page);
  await page.evaluate((src) => {
    /** @type {any} */ (window).__collector = new Function(`//# sourceURL=collector.js\n${src}`)();
  }, collectorSource());
  const run = () =>
    page.evaluate(async (s) => {
      const C = /** @type {any} */ (window).__collector;
      const stats = {};
      await C.collect(document, s, new C.Refs(), stats);
      return /** @type {any} */ (stats).busyMs;
    }, set);
  await run(); // warm-up
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const busy = [];
  for (let i = 0; i < RUNS; i++) busy.push(await run());
  const { profile } = await cdp.send('Profiler.stop');

  // Self time by function, and total time of the collector's functions.
  /** @type {Map<number, any>} */
  const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** @type {Map<number, number>} */
  const samples = new Map();
  for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const name = (/** @type {any} */ n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  for (const [id, k] of samples) {
    const n = byId.get(id);
    self.set(name(n), (self.get(name(n)) ?? 0) + k);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const nm = name(byId.get(x));
      if (byId.get(x).callFrame.url.endsWith('collector.js') && !seen.has(nm)) {
        seen.add(nm);
        inclusive.set(nm, (inclusive.get(nm) ?? 0) + k);
      }
    }
  }
  const pct = (/** @type {number} */ k) => `${((100 * k) / total).toFixed(1)} %`;
  console.log(`${RUNS} collections, median working time ${median(busy).toFixed(1)} ms; ${total} samples`);
  console.log('\nself time:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
  console.log("\nthe collector's functions, total time:");
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
} finally {
  await browser.close();
}
