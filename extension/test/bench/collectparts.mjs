// Where a collection's time goes, part by part, and how low it can go: the
// content script's collector on the extension benchmark's page
// (bigpage.mjs) in headless Debian Chromium, each run in a new isolated
// world as a content script runs (its own wrappers of the page's nodes, its
// own copy of the code), the collector of a base revision and the working
// tree's alternating. The collector's source is timed between the lines
// named in PARTS (with no yields to the page, so that each part is one
// stretch of work). Then the floor: the reads no collector of this
// observation can skip (every link's target and text, the handler
// attributes' XPath, a query per selector, the candidate buttons' texts),
// timed the same way.
//
//	make core-wasm list && node test/bench/collectparts.mjs [--base HEAD] [--runs 11]

import { CHROMIUM } from '../e2e/drivers.mjs';
import { collectorAt, collectorSource } from '../../tools/content-scripts.mjs';
import { coreWithList } from '../helpers/realcore.mjs';
import { openBigPage } from './bigpage.mjs';
import { median } from './measure.mjs';
import { FLOOR_PARTS, FLOOR_READS } from './floorreads.mjs';

const argv = process.argv;
const opt = (/** @type {string} */ n, /** @type {string} */ d) => (argv.includes(`--${n}`) ? argv[argv.indexOf(`--${n}`) + 1] : d);
const BASE = opt('base', 'HEAD');
const RUNS = Number(opt('runs', '11'));

/** Each part ends where its line of collect.js ends. */
const PARTS = [
  ['scripts, frames and links', 'if (links.length) obs.links = links;'],
  ['event handlers', 'if (packed.length) obs.inline = packed;'],
  ['forms', 'if (forms.length) obs.forms = forms;'],
  ['a query per selector', 'const matched = [];'],
  ["the candidate buttons' query", "const buttons = doc.querySelectorAll('button,[role=button],input[type=submit],input[type=button]');"],
  ['candidate buttons', 'const ordered = mergeFew(matched, [...candidates.keys()]);'],
  ['elements', 'if (elements.length) obs.elements = elements;'],
  ['controls', 'if (ctls.length) obs.controls = ctls;'],
];

/**
 * A collector's source with a time mark after each part's line.
 * @param {string} src
 * @param {string} what
 */
function instrument(src, what) {
  let out = src
    .replace('const SLICE_MS = 12;', 'const SLICE_MS = 1e9;')
    .replace('const slicer = new Slicer();', 'const slicer = new Slicer(); globalThis.__marks = [performance.now()];');
  for (const [, line] of PARTS) {
    if (!out.includes(line)) throw new Error(`${what}: collect.js has no line ${line}`);
    out = out.replace(line, `${line}\nglobalThis.__marks.push(performance.now());`);
  }
  return out;
}


const { list } = await coreWithList();
const set = { selectors: list.selectors ?? [], tokens: list.tokens ?? [], hosts: list.hosts, linkWords: list.link_words, listVersion: list.version };
const sources = { base: instrument(collectorAt(BASE), BASE), current: instrument(collectorSource(), 'working tree') };

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
/** @type {Record<string, number[][]>} */
const times = { base: [], current: [], floor: [] };
try {
  const page = await browser.newPage();
  await openBigPage(page);
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  let worlds = 0;
  /** Evaluates an expression in a new isolated world of the page. @param {string} expression */
  const inNewWorld = async (expression) => {
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `pw-bench-${worlds++}` });
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  for (let r = -1; r < RUNS; r++) {
    for (const name of /** @type {const} */ (['base', 'current'])) {
      const t = await inNewWorld(`(async () => {
        const C = (function () {\n${sources[name]}\n})();
        await C.collect(document, ${JSON.stringify(set)}, new C.Refs(), {});
        const m = globalThis.__marks;
        return m.slice(1).map((x, i) => x - m[i]);
      })()`);
      if (r >= 0) times[name].push(t);
    }
    const f = await inNewWorld(`(${FLOOR_READS})(${JSON.stringify(set.selectors)})`);
    if (r >= 0) times.floor.push(f);
  }
} finally {
  await browser.close();
}

/** @param {number[][]} runs @param {number} i */
const part = (runs, i) => median(runs.map((t) => t[i]));
/** @param {number[][]} runs */
const total = (runs) => median(runs.map((t) => t.reduce((a, b) => a + b, 0)));
console.log(`Collection by part, ms: medians of ${RUNS} runs, each in a new isolated world, ${BASE} and the working tree alternating`);
console.log(`| part | ${BASE} | working tree |`);
console.log('| --- | ---: | ---: |');
PARTS.forEach(([name], i) => console.log(`| ${name} | ${part(times.base, i).toFixed(1)} | ${part(times.current, i).toFixed(1)} |`));
console.log(`| **all** | ${total(times.base).toFixed(1)} | ${total(times.current).toFixed(1)} |`);
console.log('\nThe floor, ms (same worlds, same runs):');
console.log('| reads | ms |');
console.log('| --- | ---: |');
FLOOR_PARTS.forEach((name, i) => console.log(`| ${name} | ${part(times.floor, i).toFixed(1)} |`));
console.log(`| **all** | ${total(times.floor).toFixed(1)} |`);
