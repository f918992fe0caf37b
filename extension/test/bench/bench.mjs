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

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const RUNS = Number(opt('runs', '10'));
const WRITE = opt('write', '');
const URL_BIG = 'http://www.spotify.com/big';

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await startServer();
const html = bigPage();
server.pages.set('www.spotify.com/big', { type: 'text/html; charset=utf-8', body: html });

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
  const state = await waitFor(
    () =>
      ctl.page.evaluate(async (since) => {
        const all = await chrome.storage.session.get(null);
        return Object.values(all).find((v) => v?.url?.endsWith('/big') && v.timing?.at >= since) ?? null;
      }, before),
    'the report of the big page',
  );
  withExt.push({ ...m, scan: state.timing.scanMicros / 1000, report: state.timing.reportMicros / 1000, findings: Object.keys(state.frames).length });
}

// Cold start: stop the service worker, load the page, read the new
// worker's start and first-report times.
const cold = [];
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  const cdp = await ext.newPage().then((p) => p.raw.context().newCDPSession(p.raw));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  await extPage.goto(URL_BIG);
  const status = await waitFor(async () => {
    const s = await ctl.send({ type: 'getStatus' });
    return s.timing.firstReportAt >= t0 && s;
  }, 'a first report from a new worker');
  cold.push({
    startToReport: status.timing.firstReportAt - status.timing.startedAt,
    navToReport: status.timing.firstReportAt - t0,
    coreStart: status.timing.coreStartMs,
    fresh: status.timing.startedAt >= t0 - 50,
  });
  await cdp.detach();
}

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
};

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

Service-worker cold start (worker stopped through the DevTools protocol, then the page loaded; median of ${cold.length}, ${r.coldFresh} of them confirmed on a new worker): worker script start → first report ${f(r.coldStart)} ms, of which ${f(r.coldCore)} ms start the WebAssembly core (compile, instantiate, Go runtime start) and the rest verify and load the stored list and make the report; navigation start → first report ${f(r.coldNav)} ms.
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
