// The content script's collection alone, side by side with a baseline: the
// benchmark page (bigpage.mjs) in headless Chromium, collect.js of the
// working tree and collect.js of a git revision injected into the same page
// and run alternately, each with the list's selectors and tokens (read from
// wasm/list/defaultlist by `go run ./wasm/cmd/widgetscan -collectset`, or
// none with --bare). The page's main world is cheaper than a content
// script's isolated world, so read the ratio, not the milliseconds; the
// extension's own number is bench.mjs's "content-script collection".
//
//	node test/bench/collect.mjs [--base REV] [--runs 15]

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CHROMIUM } from '../e2e/drivers.mjs';
import { bigPage } from './bigpage.mjs';

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const BASE = opt('base', 'HEAD');
const RUNS = Number(opt('runs', '15'));
const root = new URL('../../../', import.meta.url);
const path = 'extension/src/content/collect.js';

const sources = {
  base: execFileSync('git', ['show', `${BASE}:${path}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 }),
  now: readFileSync(new URL(path, root), 'utf8'),
};
/** @type {{selectors: string[], tokens: string[]}} */
const set = JSON.parse(execFileSync('go', ['run', './wasm/cmd/widgetscan', '-collectset'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 }));

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--no-first-run'] });
try {
  const page = await browser.newPage();
  await page.route('**/*', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: bigPage() }));
  await page.goto('http://www.spotify.com/big');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const got = await page.evaluate(
    async ({ sources, set, runs }) => {
      /** @type {Record<string, any>} */
      const C = {};
      for (const [k, src] of Object.entries(sources)) C[k] = new Function(`${src}\nreturn PartnerWatchCollect;`)();
      /** @type {Record<string, number[]>} */
      const ms = { base: [], now: [] };
      for (let i = 0; i < runs + 1; i++) {
        for (const k of i % 2 ? ['base', 'now'] : ['now', 'base']) {
          const stats = {};
          await C[k].collect(document, { selectors: set.selectors, listVersion: 1, tokens: set.tokens }, new C[k].Refs(), stats);
          if (i > 0) ms[k].push(/** @type {any} */ (stats).busyMs); // the first round warms up
        }
      }
      return ms;
    },
    { sources, set, runs: RUNS },
  );
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const b = median(got.base);
  const n = median(got.now);
  console.log(`collection of the ${elements}-element benchmark page in the page's main world, ${RUNS} runs each, alternating, medians:`);
  console.log(`| collect.js at ${BASE} | working tree | ratio |\n| ---: | ---: | ---: |\n| ${b.toFixed(1)} ms | ${n.toFixed(1)} ms | ${(n / b).toFixed(2)} |`);
} finally {
  await browser.close();
}
