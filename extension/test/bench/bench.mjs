// `make bench-extension`: loads a large page (about 50,000 elements) ten
// times in headless Chromium without the extension and ten times with it,
// alternating, in one run; then measures the service worker's cold start to
// its first report. Prints a table and, with --write FILE, replaces the
// "## Extension" section of that Markdown file.
//
//	node test/bench/bench.mjs [--runs 10] [--write ../BENCHMARKS.md]

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { distChrome } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from '../e2e/drivers.mjs';
import { controlPage, waitFor } from '../e2e/scenarios.mjs';
import { startServer } from '../e2e/server.mjs';
import { bigPage } from './bigpage.mjs';
import { median, reportAfter, serveSmallPage, stopServiceWorkers } from './measure.mjs';

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const RUNS = Number(opt('runs', '10'));
const WRITE = opt('write', '');
const URL_BIG = 'http://www.spotify.com/big';


const server = await startServer();
const html = bigPage();
server.pages.set('www.spotify.com/big', { type: 'text/html; charset=utf-8', body: html });
// A small page, for the cold start (serveSmallPage).
const URL_SMALL = serveSmallPage(server);

/**
 * Loads the page once and measures: load time from navigation start, and
 * the longest main-thread stall in the 2 s after load (a frozen page shows
 * here).
 * @param {any} page
 */
async function loadOnce(page) {
  await page.goto(URL_BIG);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
        // Long tasks on the page's main thread (content scripts run there too).
        let longest = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) if (e.startTime >= nav.domContentLoadedEventStart) longest = Math.max(longest, e.duration);
        }).observe({ type: 'longtask', buffered: true });
        let last = performance.now();
        let worst = 0;
        const end = last + 2000;
        const tick = () => {
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
          if (now < end) setTimeout(tick, 0);
          else resolve({ load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd, stall: worst, longTask: longest, elements: document.getElementsByTagName('*').length });
        };
        setTimeout(tick, 0);
      }),
  );
}

// Two browsers: the baseline has no extension at all.
const { chromium } = await import('playwright-core');
const baseCtx = await chromium.launchPersistentContext('', {
  executablePath: CHROMIUM,
  headless: true,
  // The viewport launchChromium gives the extension's browser: the page is
  // laid out and painted alike in both.
  viewport: { width: 1100, height: 800 },
  args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--proxy-server=http://127.0.0.1:${server.port}`, '--proxy-bypass-list=<-loopback>', '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable', '--disable-extensions'],
});
if (!existsSync(distChrome)) throw new Error('dist/chrome is missing: make extension');
const ext = await launchChromium(distChrome, server.port);
const ctl = await controlPage(ext);

const basePage = await baseCtx.newPage();
const extPage = await ext.newPage();
await loadOnce(basePage); // warm-up, not counted
await loadOnce(extPage.raw);

const base = [];
const withExt = [];
for (let i = 0; i < RUNS; i++) {
  base.push(await loadOnce(basePage));
  const before = Date.now();
  const m = await loadOnce(extPage.raw);
  // The report for this load: the top frame's timing, written after it.
  const state = await reportAfter(ctl, '/big', before);
  withExt.push({ ...m, scan: state.timing.scanMicros / 1000, report: state.timing.reportMicros / 1000, findings: Object.keys(state.frames).length });
}

// Cold start: stop the service worker, load a page, read the new worker's
// start and first-report times and its start-up marks (milliseconds from
// the worker script's start: core start, list reads and verifications, the
// content script's hello and observation, the report).
/** @param {string} url @param {number} n */
async function coldStarts(url, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const release = await stopServiceWorkers(ext);
    const t0 = Date.now();
    await extPage.goto(url);
    const status = await waitFor(async () => {
      const s = await ctl.send({ type: 'getStatus' });
      return s.timing.firstReportAt >= t0 && s;
    }, 'a first report from a new worker');
    out.push({
      startToReport: status.timing.firstReportAt - status.timing.startedAt,
      navToReport: status.timing.firstReportAt - t0,
      coreStart: status.timing.coreStartMs,
      fresh: status.timing.startedAt >= t0 - 50,
      marks: /** @type {Record<string, number>} */ (status.timing.marks ?? {}),
    });
    await release();
  }
  return out;
}
const COLD_RUNS = Math.min(RUNS, 5);
const cold = await coldStarts(URL_BIG, COLD_RUNS);
const coldSmall = await coldStarts(URL_SMALL, Math.max(COLD_RUNS, 5));

await ext.close();
await baseCtx.close();
await server.close();

const r = {
  elements: withExt[0].elements,
  loadBase: median(base.map((x) => x.load)),
  loadExt: median(withExt.map((x) => x.load)),
  dclBase: median(base.map((x) => x.dcl)),
  dclExt: median(withExt.map((x) => x.dcl)),
  stallBase: median(base.map((x) => x.stall)),
  stallExt: median(withExt.map((x) => x.stall)),
  longBase: median(base.map((x) => x.longTask)),
  longExt: median(withExt.map((x) => x.longTask)),
  scan: median(withExt.map((x) => x.scan)),
  report: median(withExt.map((x) => x.report)),
  coldStart: median(cold.map((x) => x.startToReport)),
  coldNav: median(cold.map((x) => x.navToReport)),
  coldCore: median(cold.map((x) => x.coreStart)),
  coldFresh: cold.filter((x) => x.fresh).length,
  smallStart: median(coldSmall.map((x) => x.startToReport)),
  smallNav: median(coldSmall.map((x) => x.navToReport)),
  smallFresh: coldSmall.filter((x) => x.fresh).length,
};

/** The start-up steps, in the order they happen, and what each ends. */
const STEPS = [
  ['script', 'the worker script runs (imports loaded)'],
  ['core.start', 'core start begins'],
  ['core.instantiated', 'core.wasm fetched, compiled and instantiated'],
  ['core.ready', 'the Go program is running'],
  ['list.storedRead', 'stored list read from storage (IndexedDB)'],
  ['list.bundledRead', 'bundled list and key read'],
  ['list.snapshotVouched', "the stored snapshot's bytes hash to the session record (lib/lists.js)"],
  ['list.fromSnapshot', "the core loaded the list from the snapshot (wasm/core/snapshot.go)"],
  ['list.snapshotRefused', 'the core refused the snapshot (the envelope is loaded next)'],
  ['list.storedVerified', 'stored list verified and loaded by the core (from the snapshot or the envelope)'],
  ['list.bundledVerified', 'bundled list verified (only when it is newer or nothing stored is good)'],
  ['list.stored', 'bundled list stored'],
  ['list.loaded', 'list ready'],
  ['warmUp', 'the warm-up report is made (lib/warmup.js; only when no observation came first)'],
  ['hello', "the content script's hello arrives"],
  ['helloReply', 'hello answered (selector set)'],
  ['observe', 'the observation arrives'],
  ['report', 'the first report is made'],
];
/** Median of a mark over runs, or — when no run had it. @param {any[]} runs @param {string} m */
const markMedian = (runs, m) => {
  const xs = runs.map((x) => x.marks[m]).filter((x) => typeof x === 'number');
  return xs.length ? `${median(xs).toFixed(0)}${xs.length < runs.length ? ` (${xs.length} of ${runs.length})` : ''}` : '—';
};
const stepRows = STEPS.map(([m, what]) => `| ${m} | ${what} | ${markMedian(coldSmall, m)} | ${markMedian(cold, m)} |`).join('\n');

const f = (/** @type {number} */ x) => x.toFixed(1);
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const section = `## Extension

Command: \`make bench-extension\` (runs \`node extension/test/bench/bench.mjs\`): headless Debian Chromium, ${cpus().length} cores, a generated page of ${r.elements} elements (2,500 blocks with 10,000 links, 2,500 buttons, 10 forms, 41 scripts and one Facebook Login button) served at http://www.spotify.com/big by the test proxy, loaded ${RUNS} times without and ${RUNS} times with the extension, alternating, after one warm-up each. Medians.

| measure | without extension | with extension | ratio |
| --- | ---: | ---: | ---: |
| page load (navigation start → load event end), ms | ${f(r.loadBase)} | ${f(r.loadExt)} | ${ratio(r.loadExt, r.loadBase)} |
| DOMContentLoaded end, ms | ${f(r.dclBase)} | ${f(r.dclExt)} | ${ratio(r.dclExt, r.dclBase)} |
| longest main-thread stall in the 2 s after load, ms | ${f(r.stallBase)} | ${f(r.stallExt)} | ${ratio(r.stallExt, r.stallBase)} |
| longest task on the page's main thread from DOMContentLoaded to 2 s after load (0: none over 50 ms), ms | ${f(r.longBase)} | ${f(r.longExt)} | ${ratio(r.longExt, r.longBase)} |
| content-script collection (one observation, working time), ms | — | ${f(r.scan)} | — |
| core report in the service worker, ms | — | ${f(r.report)} | — |

Service-worker cold start (worker stopped through the DevTools protocol, then the page loaded; medians; runs confirmed on a new worker: big page ${r.coldFresh} of ${cold.length}, small page ${r.smallFresh} of ${coldSmall.length}):

- big page: worker script start → first report ${f(r.coldStart)} ms (the core's start ${f(r.coldCore)} ms of it); navigation start → first report ${f(r.coldNav)} ms.
- small page (testdata/e2e/spotify-login.html at ${URL_SMALL}): worker script start → first report ${f(r.smallStart)} ms; navigation start → first report ${f(r.smallNav)} ms.

Where the time goes: the first time each step ended, in ms after the worker script started (marks recorded by background.js, lists.js and core.js, read through getStatus \`timing.marks\`):

| mark | step ended | small page, ms | big page, ms |
| --- | --- | ---: | ---: |
${stepRows}
`;

console.log(section);
if (WRITE) {
  const old = existsSync(WRITE) ? readFileSync(WRITE, 'utf8') : '# Benchmarks\n';
  const start = old.indexOf('## Extension');
  let next;
  if (start >= 0) {
    const after = old.indexOf('\n## ', start + 1);
    next = old.slice(0, start) + section + (after >= 0 ? `\n${old.slice(after + 1)}` : '');
  } else next = `${old.trimEnd()}\n\n${section}`;
  writeFileSync(WRITE, next);
  console.log(`wrote the "## Extension" section of ${WRITE}`);
}
