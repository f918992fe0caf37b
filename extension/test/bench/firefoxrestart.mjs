// The event page's restart in Firefox ESR, beside the floor: Firefox
// suspends an idle event page after extensions.background.idle.timeout
// (30 s by default, IDLE_MS here), and the next page load starts it again.
// Three Firefoxes: the built extension, and copies with core/core.wasm
// replaced by the floor program and by the empty Go program (built by
// `make baseline-wasm`, as for coldfloor.mjs, the same measurement in
// Chromium). Each run waits for the suspension, loads the small page and
// reads the new event page's start-up marks (milliseconds from its time
// origin, through getStatus); the builds alternate.
//
// Builds given with --dist (another build of dist/firefox, say the commit
// before a change) run beside them, to the first report.
//
//	make baseline-wasm extension
//	node test/bench/firefoxrestart.mjs [--runs 9] [--dist OTHER/dist/firefox ...]

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distFirefox } from '../helpers/paths.mjs';
import { FIREFOX, launchFirefox } from '../e2e/drivers.mjs';
import { startServer } from '../e2e/server.mjs';
import { launchBuilds, median, printMarks, serveSmallPage, startBuilds, startMarks } from './measure.mjs';

const argv = process.argv;
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : '9');
const OTHERS = argv.flatMap((a, i) => (a === '--dist' ? [argv[i + 1]] : []));
// Longer than the 2 s after which a worker that compiled its list keeps its
// snapshot (lib/lists.js, SNAPSHOT_DELAY_MS): restarts load the snapshot.
const IDLE_MS = 3000;

for (const [what, path] of [['Firefox', FIREFOX], ['dist/firefox (make extension)', distFirefox]]) {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
}

const dir = mkdtempSync(join(tmpdir(), 'pw-ffrestart-'));

const server = await startServer();
const URL_SMALL = serveSmallPage(server);

const variants = await launchBuilds(startBuilds(distFirefox, OTHERS, dir), (d) => launchFirefox(d, server.port, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } }), URL_SMALL);

/**
 * Waits for the event page to be suspended, loads the page and waits for
 * the new event page's core.ready mark (and its first report, for a build
 * that reports); adds "nav", the event page's time origin after the
 * navigation began. Null when no new event page started with the
 * navigation: that run is left out.
 * @param {typeof variants[number]} v
 */
async function restart(v) {
  await new Promise((r) => setTimeout(r, 2.5 * IDLE_MS));
  const t0 = Date.now();
  await v.page.goto(URL_SMALL);
  return startMarks(v, t0);
}

try {
  for (let i = 0; i < RUNS; i++) {
    for (const v of i % 2 ? [...variants].reverse() : variants) {
      const m = await restart(v);
      if (m) v.runs.push(m);
    }
  }
  const r1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;
  console.log(`Firefox event-page restart, small page, ${RUNS} runs each (${variants.map((v) => v.runs.length).join(', ')} kept), alternating; medians, ms:`);
  console.log('| core | fetch + compile + instantiate | Go start (run → ready) | script start → core ready | script start → first report | navigation start → first report |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const v of variants) {
    const d = (/** @type {string} */ a, /** @type {string} */ b) => r1(median(v.runs.map((m) => m[b] - m[a])));
    const rep = v.reports ? [d('script', 'report'), r1(median(v.runs.map((m) => m.nav + m.report)))] : ['—', '—'];
    console.log(`| ${v.name} | ${d('core.start', 'core.instantiated')} | ${d('core.instantiated', 'core.ready')} | ${d('script', 'core.ready')} | ${rep[0]} | ${rep[1]} |`);
  }
  printMarks(variants, 'event page');
} finally {
  for (const v of variants) await v.driver.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
