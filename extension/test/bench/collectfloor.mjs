// The collection against its floor inside the extension: the benchmark's
// large page (bigpage.mjs) loaded in three headless Chromiums in a rotating
// order: one with the built extension; one with a copy of it whose content
// script makes only the floor's reads (floorreads.mjs: the reads that no
// collector of this observation can leave out) and sends an empty
// observation; and one whose copy makes those reads and runs the link
// filter on every link (LINK_FILTER: the one piece of work past the reads
// that no link can skip). All report the content script's working time the
// same way (the observe message's scanMicros, kept in the tab's state), so
// the numbers are taken under the same conditions: at document_idle, while
// the page is still loading, the worker answering, on the same machine in
// the same minutes. Prints the medians of each and of the collection's
// per-round ratios to the other two.
//
//	make extension
//	node test/bench/collectfloor.mjs [--runs 15]

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distChrome } from '../helpers/paths.mjs';
import { launchChromium } from '../e2e/drivers.mjs';
import { controlPage } from '../e2e/scenarios.mjs';
import { startServer } from '../e2e/server.mjs';
import { bigPage } from './bigpage.mjs';
import { FLOOR_READS, LINK_FILTER } from './floorreads.mjs';
import { median, reportAfter } from './measure.mjs';

const argv = process.argv;
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : '15');
const URL_BIG = 'http://www.spotify.com/big';
const COLLECT = 'async function collect(doc, set, refs, stats = {}) {';

const server = await startServer();
server.pages.set('www.spotify.com/big', { type: 'text/html; charset=utf-8', body: bigPage() });

/**
 * A copy of the built extension whose collector makes only the floor's
 * reads, and with filter, runs the link filter on each link as well.
 * @param {boolean} filter
 */
function floorExtension(filter) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-floor-ext-'));
  cpSync(distChrome, dir, { recursive: true });
  const file = join(dir, 'content', 'collect.js');
  const src = readFileSync(file, 'utf8');
  if (!src.includes(COLLECT)) throw new Error(`content/collect.js has no line ${COLLECT}`);
  const floor = `{
    const start = performance.now();
    (${FLOOR_READS})(set.selectors, ${filter ? `(${LINK_FILTER})(set)` : 'null'});
    stats.busyMs = performance.now() - start;
    const o = { url: cut(doc.location.href, B.urlBytes) };
    if (set.listVersion) o.list_version = set.listVersion;
    return o;
  }`;
  writeFileSync(file, src.replace(COLLECT, `${COLLECT}\n${floor}`));
  return dir;
}

const floorDirs = [floorExtension(false), floorExtension(true)];
const browsers = [];
for (const [name, dir] of [
  ['the collection (the built extension)', distChrome],
  ['its floor reads (a copy making only those)', floorDirs[0]],
  ['its floor reads and the link filter (a copy making only those)', floorDirs[1]],
]) {
  const ctx = await launchChromium(dir, server.port);
  browsers.push({ name, ctx, ctl: await controlPage(ctx), page: (await ctx.newPage()).raw, ms: /** @type {number[]} */ ([]) });
}

/**
 * Loads the big page once and answers the content script's working time
 * for it, in milliseconds, as the worker recorded it.
 * @param {{ctl: any, page: any}} b
 */
async function collectOnce({ ctl, page }) {
  const since = Date.now();
  await page.goto(URL_BIG, { waitUntil: 'load' });
  const state = await reportAfter(ctl, '/big', since);
  return state.timing.scanMicros / 1000;
}

try {
  for (const b of browsers) await collectOnce(b); // warm-up, not counted
  for (let r = 0; r < RUNS; r++) {
    // A rotating order: each browser loads first, second and third alike.
    for (let k = 0; k < browsers.length; k++) {
      const b = browsers[(r + k) % browsers.length];
      b.ms.push(await collectOnce(b));
    }
  }
  console.log(`Content-script working time on the large page, inside the extension, ${RUNS} loads each, alternating; ms:`);
  console.log('| content script | median | min | max |\n| --- | ---: | ---: | ---: |');
  for (const b of browsers) console.log(`| ${b.name} | ${median(b.ms).toFixed(1)} | ${Math.min(...b.ms).toFixed(1)} | ${Math.max(...b.ms).toFixed(1)} |`);
  for (const b of browsers.slice(1)) {
    const ratio = median(browsers[0].ms.map((x, i) => x / b.ms[i]));
    console.log(`\nthe collection / ${b.name.replace(/ \(.*/, '')}, median of the per-round ratios: ${ratio.toFixed(2)}`);
  }
} finally {
  for (const b of browsers) await b.ctx.close();
  await server.close();
  for (const d of floorDirs) rmSync(d, { recursive: true, force: true });
}
