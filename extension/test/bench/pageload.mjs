// Page load with and without extensions, to tell PartnerWatch's cost from
// the cost of having an extension at all: the benchmark's large page
// (bigpage.mjs) loaded in three headless Chromiums, round after round in a
// rotating order: one without extensions, one with an empty extension of
// PartnerWatch's manifest (the same permissions, host permissions and
// content-script registration, with empty scripts and an empty service
// worker), and one with the built extension. Every page gets the same
// viewport. Prints the medians of load and DOMContentLoaded, their ratios
// to the browser without extensions, and the median of the ratios within
// each round (loads made seconds apart: the machine's drift cancels).
//
//	make extension
//	node test/bench/pageload.mjs [--runs 20]

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distChrome } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from '../e2e/drivers.mjs';
import { startServer } from '../e2e/server.mjs';
import { bigPage } from './bigpage.mjs';
import { median } from './measure.mjs';

const argv = process.argv;
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : '20');
const URL_BIG = 'http://www.spotify.com/big';
const VIEWPORT = { width: 1100, height: 800 };

const server = await startServer();
server.pages.set('www.spotify.com/big', { type: 'text/html; charset=utf-8', body: bigPage() });

/** A copy of the built extension with every script emptied. */
function emptyExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-empty-ext-'));
  cpSync(distChrome, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, manifest.background.service_worker), '');
  for (const cs of manifest.content_scripts) for (const js of cs.js) writeFileSync(join(dir, js), '');
  return dir;
}

const { chromium } = await import('playwright-core');
const none = await chromium.launchPersistentContext('', {
  executablePath: CHROMIUM,
  headless: true,
  viewport: VIEWPORT,
  args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--proxy-server=http://127.0.0.1:${server.port}`, '--proxy-bypass-list=<-loopback>', '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable', '--lang=en-US', '--disable-extensions'],
});
const emptyDir = emptyExtension();
const empty = await launchChromium(emptyDir, server.port);
const full = await launchChromium(distChrome, server.port);
const variants = [
  { name: 'no extension', page: await none.newPage(), runs: /** @type {{load: number, dcl: number}[]} */ ([]) },
  { name: 'empty extension, same manifest', page: (await empty.newPage()).raw, runs: [] },
  { name: 'PartnerWatch', page: (await full.newPage()).raw, runs: [] },
];

/** Loads the page once; navigation timing. @param {any} page */
async function loadOnce(page) {
  await page.setViewportSize(VIEWPORT);
  await page.goto(URL_BIG, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    return { load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd };
  });
}

try {
  for (const v of variants) await loadOnce(v.page); // warm-up, not counted
  for (let i = 0; i < RUNS; i++) {
    const order = [...variants.slice(i % 3), ...variants.slice(0, i % 3)];
    for (const v of order) v.runs.push(await loadOnce(v.page));
  }
  const base = variants[0];
  const m = (/** @type {typeof base} */ v, /** @type {'load'|'dcl'} */ k) => median(v.runs.map((x) => x[k]));
  console.log(`Page load of the large page, ${RUNS} loads in each browser, rotating order; medians, ms (ratio to no extension):`);
  /** The median of the round-by-round ratios to no extension. @param {typeof base} v @param {'load'|'dcl'} k */
  const paired = (v, k) => median(v.runs.map((x, i) => x[k] / base.runs[i][k]));
  console.log('| browser | load event end | DOMContentLoaded end | per-round ratio, load | per-round ratio, DOMContentLoaded |\n| --- | ---: | ---: | ---: | ---: |');
  for (const v of variants) {
    console.log(`| ${v.name} | ${m(v, 'load').toFixed(1)} (${(m(v, 'load') / m(base, 'load')).toFixed(2)}) | ${m(v, 'dcl').toFixed(1)} (${(m(v, 'dcl') / m(base, 'dcl')).toFixed(2)}) | ${paired(v, 'load').toFixed(2)} | ${paired(v, 'dcl').toFixed(2)} |`);
  }
} finally {
  await none.close();
  await empty.close();
  await full.close();
  await server.close();
  rmSync(emptyDir, { recursive: true, force: true });
}
