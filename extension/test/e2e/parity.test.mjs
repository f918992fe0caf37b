// Live parity, in Debian's Chromium: every fixture page of testdata/pages
// (positive/ and negative/) is loaded at its own URL (expect*.json) through
// the test proxy, which ends TLS itself so that https:// pages load as they
// are, and the (provider, kind) set of the extension's report on the top
// frame must equal the expectation that the static observer (wasm/htmlobs,
// through wasm/list/defaultlist's rules test) is held to. The content script
// and the static observer read the same page; where a live page
// legitimately differs from its saved HTML, the page is in ALLOWED below
// with the reason, and only that difference is accepted.
//
// Widget hosts get empty stubs from the proxy: an SDK never renders, so what
// the report shows is what the page's own markup, scripts and requests say.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distChrome, root } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from './drivers.mjs';
import { controlPage, waitFor } from './scenarios.mjs';
import { startServer } from './server.mjs';

const PAGES_DIR = join(root, 'testdata', 'pages');

/**
 * Pages whose live report legitimately differs from the expectation, with
 * the difference accepted: extra and missing "provider/kind" pairs. Any
 * other difference on these pages still fails.
 * @type {Record<string, {extra?: string[], missing?: string[], why: string}>}
 */
const ALLOWED = {};

/** How long a report must stay unchanged before it counts as final. */
const SETTLE_MS = 500;

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (make deps)` : !existsSync(distChrome) ? 'dist/chrome is missing (make extension)' : false;

/** @type {any} */
const env = {};

/** The fixture pages with their URLs and expected pairs, sorted by name. */
function fixtures() {
  /** @type {{name: string, url: string, want: string[]}[]} */
  const out = [];
  // Every expect*.json, as widgetscan and the rules test read them.
  const files = readdirSync(PAGES_DIR).filter((f) => /^expect.*\.json$/.test(f));
  assert.ok(files.length > 0, `no expect*.json in ${PAGES_DIR}`);
  for (const f of files) {
    const file = join(PAGES_DIR, f);
    for (const [name, x] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
      out.push({ name, url: x.url, want: pairs(x.findings) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The "provider/kind" pairs of findings, " fedcm" added to a pair whose
 * sign-in runs through the browser's FedCM dialog (expected as fedcm: true).
 * @param {{provider: string, kind: string, fedcm?: boolean}[]} findings
 */
function pairs(findings) {
  return [...new Set((findings ?? []).map((f) => `${f.provider}/${f.kind}${f.fedcm ? ' fedcm' : ''}`))].sort();
}

before(async () => {
  if (skip) return;
  env.server = await startServer({ tls: true });
  env.driver = await launchChromium(distChrome, env.server.port, { args: ['--ignore-certificate-errors'] });
  env.ctl = await controlPage(env.driver);
});

after(async () => {
  await env.driver?.close();
  await env.server?.close();
});

test('chromium: live reports on every fixture page of testdata/pages match the expectations', { skip, timeout: 900_000 }, async () => {
  const { driver, ctl, server } = env;
  // PW_PARITY_ONLY (a regular expression on page names) narrows the run
  // when chasing one difference.
  const only = process.env.PW_PARITY_ONLY ? new RegExp(process.env.PW_PARITY_ONLY) : null;
  const pages = fixtures().filter((p) => !only || only.test(p.name));
  assert.ok(only || pages.length > 100, `fixture pages: ${pages.length}`);

  /** The top frame's report on a tab, as JSON text (small, and safe to pass). */
  const topReport = async (/** @type {number} */ tabId) =>
    JSON.parse(
      await ctl.page.evaluate(async (id) => {
        const s = await chrome.runtime.sendMessage({ type: 'getTabState', tabId: id });
        const top = s?.frames?.[0];
        const url = (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`]?.url ?? '';
        const findings = top?.report?.findings?.map((/** @type {any} */ f) => ({ provider: f.provider, kind: f.kind, fedcm: f.fedcm, evidence: f.evidence.map((/** @type {any} */ e) => `${e.signal}:${e.value}`) })) ?? [];
        return JSON.stringify({ url, at: s?.timing?.at ?? 0, findings });
      }, tabId),
    );

  const page = await driver.newPage();
  const t0 = Date.now();
  /** @type {{name: string, want: string[], got: string[], evidence: string[]}[]} */
  const results = [];
  let tabId = -1;
  for (const p of pages) {
    // (Served just before its visit: two fixture pages may share a URL.)
    server.page(p.url, join(PAGES_DIR, p.name));
    const since = Date.now();
    await page.goto(p.url);
    if (tabId < 0) tabId = await ctl.tabId(p.url, since);
    // The first report on this page, then until it stops changing (a rescan
    // after network requests, or after the page's scripts changed the DOM).
    let last = await waitFor(async () => {
      const r = await topReport(tabId);
      return r.at >= since && r.url === new URL(p.url).href && r;
    }, `a report on ${p.name}`);
    for (;;) {
      await new Promise((r) => setTimeout(r, Math.max(50, last.at + SETTLE_MS - Date.now())));
      const r = await topReport(tabId);
      if (r.at === last.at) break;
      last = r;
    }
    results.push({ name: p.name, want: p.want, got: pairs(last.findings), evidence: last.findings.map((/** @type {any} */ f) => `${f.provider}/${f.kind} ${f.evidence.join(' ')}`) });
  }
  await page.close();

  const failures = [];
  let matches = 0;
  let allowed = 0;
  for (const r of results) {
    const extra = r.got.filter((x) => !r.want.includes(x));
    const missing = r.want.filter((x) => !r.got.includes(x));
    if (extra.length === 0 && missing.length === 0) {
      matches++;
      continue;
    }
    const a = ALLOWED[r.name];
    if (a && sameSet(extra, a.extra ?? []) && sameSet(missing, a.missing ?? [])) {
      allowed++;
      continue;
    }
    failures.push(`${r.name}: extra [${extra.join(', ')}], missing [${missing.join(', ')}]; evidence: ${r.evidence.join('; ')}`);
  }
  for (const name of Object.keys(ALLOWED)) {
    assert.ok(results.some((r) => r.name === name), `ALLOWED names a page that does not exist: ${name}`);
  }
  const summary = `${results.length} pages: ${matches} match, ${allowed} allowed differences, ${failures.length} failures, in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  console.log(`# parity: ${summary}`);
  assert.deepEqual(failures, [], summary);
});

/** @param {string[]} a @param {string[]} b */
function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}
