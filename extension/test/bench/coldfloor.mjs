// The floor of a service-worker cold start with a Go core: the built
// extension as it is, and the same extension with core/core.wasm replaced
// by an empty Go js/wasm program (wasm/cmd/pwcore/testdata/empty, built by
// `make baseline-wasm` into build/baseline), and by the floor program
// (testdata/floor, into build/floor: the empty program plus the standard
// packages and the JSON library the core cannot do without). All run in headless Debian
// Chromium at once; the worker is stopped through the DevTools protocol and
// woken by a page load, alternately in each, and the worker's own start-up
// marks (milliseconds from its time origin, read through getStatus) give
// the time from the worker script's start to the core's being ready. No
// report can come before the core is ready, so the floor program's number
// is a floor for "worker script start → first report" with standard Go and
// easyjson.
//
// Builds given with --dist (another build of the whole extension, say the
// commit before a change) run beside them, to the first report.
//
//	make baseline-wasm extension  (make bench-extension runs it)
//	node test/bench/coldfloor.mjs [--runs 9] [--dist OTHER/dist/chrome ...] [--marks]
//
// --marks also prints, for each build that reports, every start-up mark's median.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distChrome } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from '../e2e/drivers.mjs';
import { startServer } from '../e2e/server.mjs';
import { launchBuilds, median, printMarks, serveSmallPage, startBuilds, startMarks, stopServiceWorkers } from './measure.mjs';

const argv = process.argv;
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : '9');
const OTHERS = argv.flatMap((a, i) => (a === '--dist' ? [argv[i + 1]] : []));

for (const [what, path] of [['Chromium', CHROMIUM], ['dist/chrome (make extension)', distChrome]]) {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
}


const dir = mkdtempSync(join(tmpdir(), 'pw-coldfloor-'));

const server = await startServer();
const URL_SMALL = serveSmallPage(server);

const variants = await launchBuilds(startBuilds(distChrome, OTHERS, dir), (d) => launchChromium(d, server.port), URL_SMALL);

/**
 * Stops the worker, loads the page and waits for the new worker's
 * core.ready mark (and its first report, for a build that reports); adds
 * "nav", the worker's time origin after the navigation began. Null when
 * no new worker started with the navigation (one woken earlier, by the
 * tab that stopped it, is no cold start of the page's): that run is left out.
 * @param {typeof variants[number]} v
 */
async function coldStart(v) {
  const release = await stopServiceWorkers(v.driver);
  const t0 = Date.now();
  await v.page.goto(URL_SMALL);
  try {
    return await startMarks(v, t0);
  } finally {
    await release();
  }
}

try {
  for (let i = 0; i < RUNS; i++) {
    for (const v of i % 2 ? [...variants].reverse() : variants) {
      const m = await coldStart(v);
      if (m) v.runs.push(m);
    }
  }
  const rows = variants.map((v) => {
    const d = (/** @type {string} */ a, /** @type {string} */ b) => median(v.runs.map((m) => m[b] - m[a]));
    const r1 = (/** @type {number} */ x) => Math.round(x * 10) / 10;
    return { name: v.name, origin: r1(median(v.runs.map((m) => m.script))), instantiate: r1(d("core.start", "core.instantiated")), run: r1(d("core.instantiated", "core.ready")), ready: r1(d("script", "core.ready")), report: v.reports ? r1(median(v.runs.map((m) => m.nav + m.report))) : '—' };
  });
  console.log(`Service-worker cold start, small page, ${RUNS} runs each (${variants.map((v) => v.runs.length).join(', ')} kept), alternating; medians, ms:`);
  console.log('| core | time origin → script | fetch + compile + instantiate | Go start (run → ready) | script start → core ready | navigation start → first report |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.name} | ${r.origin} | ${r.instantiate} | ${r.run} | ${r.ready} | ${r.report} |`);
  if (argv.includes('--marks')) printMarks(variants, 'worker script');

} finally {
  for (const v of variants) await v.driver.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
