// What the in-browser benchmarks share: the median of their runs,
// stopping the extension's service worker for a cold start, the small page
// of the start-up measurements, copies of the
// extension with another program as core, the start-up marks of the
// background that a page load woke, and waiting for a page's report.

import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/paths.mjs';
import { FIXTURES, PAGES, controlPage, waitFor } from '../e2e/scenarios.mjs';

/**
 * The median; NaN for no values.
 * @param {number[]} xs
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Stops every service worker of a browser through the DevTools protocol
 * (from a tab of its own) and gives it 300 ms to go; the next event wakes
 * a new worker. Returns what releases the tab, once the cold start has
 * been measured.
 * @param {any} driver a driver of e2e/drivers.mjs
 * @returns {Promise<() => Promise<void>>}
 */
export async function stopServiceWorkers(driver) {
  const tab = await driver.newPage();
  const cdp = await tab.raw.context().newCDPSession(tab.raw);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 300));
  return async () => {
    await cdp.detach();
    await tab.close();
  };
}

/**
 * Serves the start-up benchmarks' small page on a test server (the e2e
 * fixture of Spotify's login: it loads at once, so the background's own
 * start is on the critical path) and answers its URL.
 * @param {{page: (url: string, file: string) => void}} server e2e/server.mjs
 */
export function serveSmallPage(server) {
  const { url, file } = PAGES.spotify;
  server.page(url, join(FIXTURES, file));
  return url;
}

/** The empty Go program and the floor program (make baseline-wasm). */
export const EMPTY_CORE = join(root, 'build', 'baseline', 'core.wasm');
export const FLOOR_CORE = join(root, 'build', 'floor', 'core.wasm');

/**
 * The builds a start-up benchmark compares, as [name, folder, whether it
 * reports]: the built extension, other builds of it, and copies of it (in
 * dir) whose core is the floor program and the empty Go program.
 * @param {string} dist the built extension
 * @param {string[]} others other builds of it
 * @param {string} dir where the copies go
 * @returns {[string, string, boolean][]}
 */
export function startBuilds(dist, others, dir) {
  for (const [what, path] of [['the empty program', EMPTY_CORE], ['the floor program', FLOOR_CORE]]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (make baseline-wasm): ${path}`);
  }
  /** @param {string} name @param {string} wasm */
  const withCore = (name, wasm) => {
    const copy = join(dir, name);
    cpSync(dist, copy, { recursive: true });
    cpSync(wasm, join(copy, 'core', 'core.wasm'));
    return copy;
  };
  return [['core.wasm', dist, true], ...others.map((d) => /** @type {[string, string, boolean]} */ ([d, d, true])), ['floor program', withCore('floor', FLOOR_CORE), false], ['empty Go program', withCore('empty', EMPTY_CORE), false]];
}

/**
 * One browser per build, each with a control page and a tab on url.
 * @param {[string, string, boolean][]} builds from startBuilds
 * @param {(dist: string) => Promise<any>} launch a driver of e2e/drivers.mjs for a folder
 * @param {string} url
 */
export async function launchBuilds(builds, launch, url) {
  const variants = [];
  for (const [name, dist, reports] of builds) {
    const driver = await launch(dist);
    const ctl = await controlPage(driver);
    const page = await driver.newPage();
    await page.goto(url);
    variants.push({ name, reports, driver, ctl, page, runs: /** @type {Record<string, number>[]} */ ([]) });
  }
  return variants;
}

/**
 * The start-up marks of the background (service worker or event page)
 * that started at or after t0, once its core is ready and, for a build
 * that reports, once it has made its first report; with "nav", its time
 * origin after t0. Null when no new background started (one woken before
 * t0 is no cold start of the page's): that run is left out.
 * @param {{name: string, reports: boolean, ctl: {send: (m: any) => Promise<any>}}} v
 * @param {number} t0 Date.now() when the navigation began
 * @returns {Promise<Record<string, number>|null>}
 */
export async function startMarks(v, t0) {
  try {
    return await waitFor(async () => {
      const s = await v.ctl.send({ type: 'getStatus' }).catch(() => null);
      const m = s?.timing?.marks;
      return s?.timing?.startedAt >= t0 - 50 && m?.['core.ready'] !== undefined && (!v.reports || m.report !== undefined) && { ...m, nav: s.timing.startedAt - m.script - t0 };
    }, `${v.name}: a new background's marks`);
  } catch (e) {
    console.warn(`${v.name}: run left out (${/** @type {Error} */ (e).message.slice(0, 120)})`);
    return null;
  }
}

/**
 * Prints, for each build that reports, every start-up mark's median.
 * @param {{name: string, reports: boolean, runs: Record<string, number>[]}[]} variants
 * @param {string} background "worker script" or "event page"
 */
export function printMarks(variants, background) {
  for (const v of variants.filter((x) => x.reports)) {
    const names = [...new Set(v.runs.flatMap((m) => Object.keys(m)))].filter((n) => n !== 'nav');
    const at = (/** @type {string} */ n) => median(v.runs.filter((m) => n in m).map((m) => m[n]));
    console.log(`\n${v.name}: each mark's median, ms after the ${background}'s time origin (runs that have it):`);
    for (const n of names.sort((a, b) => at(a) - at(b))) console.log(`  ${n.padEnd(20)} ${at(n).toFixed(1).padStart(7)} (${v.runs.filter((m) => n in m).length})`);
  }
}

/**
 * The tab state of the report on a page whose URL ends with path, made at
 * or after since (the extension keeps it in storage.session), once there
 * is one.
 * @param {{page: any}} ctl the control page (e2e/scenarios.mjs)
 * @param {string} path
 * @param {number} since Date.now() before the page was loaded
 */
export function reportAfter(ctl, path, since) {
  return waitFor(
    () =>
      ctl.page.evaluate(
        async (/** @type {{path: string, since: number}} */ a) => {
          const all = await chrome.storage.session.get(null);
          return Object.values(all).find((v) => v?.url?.endsWith(a.path) && v.timing?.at >= a.since) ?? null;
        },
        { path, since },
      ),
    `the report of ${path}`,
  );
}
