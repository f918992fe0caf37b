// `make bench-collect`: the content script's collector on the benchmark's
// large page (bigpage.mjs, about 50,000 elements), side by side with a
// baseline collector from another commit, in one headless Chromium page:
// each is loaded once and the two run alternately on the same document,
// with the default list's selector set and tokens. Prints a table of medians and, with --write FILE,
// replaces the "## Collection" section of that Markdown file.
//
//	node test/bench/collect.mjs [--base GIT-REV] [--runs 31] [--write ../BENCHMARKS.md]
//
// The baseline's collector is read with `git show REV:extension/src/content/...`
// (every collector script that exists at that revision, in load order).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { CHROMIUM } from '../e2e/drivers.mjs';
import { collectorAt, collectorSource } from '../../tools/content-scripts.mjs';
import { coreWithList } from '../helpers/realcore.mjs';
import { openBigPage } from './bigpage.mjs';
import { median } from './measure.mjs';
import os from 'node:os';

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const BASE = opt('base', 'HEAD');
const RUNS = Number(opt('runs', '31'));
const WRITE = opt('write', '');


const loadBefore = os.loadavg()[0].toFixed(1);
const baseRev = execFileSync('git', ['rev-parse', '--short', BASE], { encoding: 'utf8' }).trim();
const sources = { base: collectorAt(BASE), current: collectorSource() };
const { list } = await coreWithList();
// The hello's set (lists.js, selectorSetOf): with the link filter's hosts and words.
const set = { selectors: list.selectors ?? [], tokens: list.tokens ?? [], hosts: list.hosts, linkWords: list.link_words, listVersion: list.version };

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
/** @type {Record<string, {busy: number[], wall: number[], counts: string}>} */
const results = { base: { busy: [], wall: [], counts: '' }, current: { busy: [], wall: [], counts: '' } };
let elements = 0;
try {
  const page = await browser.newPage();
  await openBigPage(page);
  elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  // Each collector is loaded once, as a content script is; one warm-up
  // each, then alternating runs.
  await page.evaluate((srcs) => {
    /** @type {any} */ (window).__collectors = { base: new Function(srcs.base)(), current: new Function(srcs.current)() };
  }, sources);
  for (let r = -1; r < RUNS; r++) {
    for (const name of /** @type {const} */ (['base', 'current'])) {
      const res = await page.evaluate(
        async ({ name, set }) => {
          const C = /** @type {any} */ (window).__collectors[name];
          const stats = {};
          const t0 = performance.now();
          const obs = await C.collect(document, set, new C.Refs(), stats);
          const wall = performance.now() - t0;
          const n = (/** @type {string} */ k) => (obs[k] ?? []).length;
          return { busy: /** @type {any} */ (stats).busyMs, wall, counts: ['scripts', 'inline', 'frames', 'links', 'forms', 'elements', 'controls'].map((k) => `${k} ${n(k)}`).join(', ') };
        },
        { name, set },
      );
      if (r < 0) continue;
      results[name].busy.push(res.busy);
      results[name].wall.push(res.wall);
      results[name].counts = res.counts;
    }
  }
} finally {
  await browser.close();
}

const b = median(results.base.busy);
const c = median(results.current.busy);
const bw = median(results.base.wall);
const cw = median(results.current.wall);
// Each run's pair (baseline then current, back to back): the median of
// their ratios cancels slow stretches of a busy machine.
const pairs = median(results.current.busy.map((x, i) => x / results.base.busy[i]));
const section = `## Collection

Command: \`make bench-collect COLLECT_BASE=${BASE}\` (runs \`node extension/test/bench/collect.mjs --base ${BASE}\`): the content script's collector on the generated page of the Extension benchmark (${elements} elements) in headless Debian Chromium, 2 cores, with the default list's ${set.selectors.length} selectors and ${set.tokens.length} tokens; the collector of ${baseRev} (baseline) and the working tree's, each loaded once, run alternately on the same document, ${RUNS} runs each after one warm-up. Medians.

| measure | baseline (${baseRev}) | current | ratio |
| --- | ---: | ---: | ---: |
| working time (busyMs), ms | ${b.toFixed(1)} | ${c.toFixed(1)} | ${(c / b).toFixed(2)} |
| wall time (with the yields to the page), ms | ${bw.toFixed(1)} | ${cw.toFixed(1)} | ${(cw / bw).toFixed(2)} |
| median of the runs' working-time ratios (each run's pair back to back) | | | ${pairs.toFixed(2)} |

Load average while it ran (1 min, before → after): ${loadBefore} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.

What each collected: baseline ${results.base.counts}; current ${results.current.counts}.
`;
console.log(section);
if (WRITE) {
  const md = readFileSync(WRITE, 'utf8');
  const start = md.indexOf('## Collection\n');
  let out;
  if (start < 0) out = `${md.trimEnd()}\n\n${section}`;
  else {
    const next = md.indexOf('\n## ', start + 1);
    out = md.slice(0, start) + section + (next < 0 ? '' : md.slice(next));
  }
  writeFileSync(WRITE, out);
}
