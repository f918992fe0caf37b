// The shared case files of the observation, run against the content
// script's collector in real Chromium: each case's markup is served at its
// URL, the real collector (rules.js, controls.js, collect.js) is injected
// and its observation is compared, refs renumbered, with the case's
// expected one, which the Go collector (wasm/htmlobs) is held to as well:
// testdata/contract/controls.json for the controls (TestContractControls),
// testdata/contract/observation.json for the rest (TestContractObservation).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { CHROMIUM } from './drivers.mjs';
import { collectorSource } from '../../tools/content-scripts.mjs';

const root = new URL('../../../', import.meta.url);
const read = (/** @type {string} */ path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
// The generated cases (wasm/htmlobs TestContractMixed) after the written ones.
const mixed = read('testdata/contract/mixed.json');
const cases = [...read('testdata/contract/controls.json'), ...mixed.controls];
const observationCases = [...read('testdata/contract/observation.json'), ...mixed.observation];
const collectJS = collectorSource();

const HREFS_DOC =
  "Chromium's a.href for each document base URL and link target of extension/test/helpers/hrefs.mjs: [base, target, a.href]. Written by extension/test/e2e/contract.test.mjs with PW_UPDATE_HREFS=1, which checks it against Chromium on every run; wasm/htmlobs resolves URLs as it says (TestResolveAsChromium).";

/**
 * Refs and groups renumbered by first appearance, as the Go test does.
 * @param {any[]} controls
 */
function canonical(controls) {
  /** @type {Map<number, number>} */
  const ids = new Map();
  const id = (/** @type {number} */ r) => {
    if (!ids.has(r)) ids.set(r, ids.size + 1);
    return ids.get(r);
  };
  return controls.map((c) => ({ ...c, ref: id(c.ref), group: id(c.group) }));
}

/** Go's JSON of a control: empty strings left out, fields in Go's order. @param {any} c */
function normal(c) {
  const out = { ref: c.ref, tag: c.tag };
  for (const k of ['href', 'text', 'label', 'attrs', 'handler']) if (c[k]) out[k] = c[k];
  out.group = c.group;
  if (c.context) out.context = c.context;
  return out;
}

/**
 * A case's whole document, as wasm/htmlobs/contract_observation_test.go
 * builds it: the head and body markup, then each repeat's markup with {i}
 * numbered from 0.
 * @param {{head?: string, html: string, repeat?: {html: string, times: number}[]}} c
 */
function casePage(c) {
  let body = c.html;
  for (const r of c.repeat ?? []) for (let i = 0; i < r.times; i++) body += r.html.replaceAll('{i}', String(i));
  return `<!DOCTYPE html><html><head>${c.head ?? ''}</head><body>${body}</body></html>`;
}

/**
 * An observation as the case file holds it (comparable in the Go test):
 * without controls and list version, refs renumbered by first appearance
 * (frames, links, forms, elements), the fields named in summary as their
 * count, first and last items.
 * @param {any} obs
 * @param {string[]} summary
 */
function comparable(obs, summary) {
  const o = JSON.parse(JSON.stringify(obs));
  delete o.controls;
  delete o.list_version;
  /** @type {Map<number, number>} */
  const ids = new Map();
  for (const field of ['frames', 'links', 'forms', 'elements']) {
    for (const item of o[field] ?? []) {
      if (!ids.has(item.ref)) ids.set(item.ref, ids.size + 1);
      item.ref = ids.get(item.ref);
    }
  }
  for (const field of summary) {
    const items = o[field];
    if (items?.length) o[field] = { count: items.length, first: items[0], last: items[items.length - 1] };
  }
  return o;
}

/** Headless Debian Chromium, as every test here runs it. */
async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

test('content script observations match the shared case file', { timeout: 300_000 }, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const failures = [];
    assert.ok(observationCases.length > 0, 'no cases');
    for (const [i, c] of observationCases.entries()) {
      const body = casePage(c);
      // (From another document: the same URL again would only scroll.)
      await page.goto('about:blank');
      // Every request of the page (scripts, images) gets the page itself.
      await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
      await page.goto(c.url, { waitUntil: 'load' });
      await page.unroute('**/*');
      const got = await page.evaluate(
        async ({ src, selectors, listVersion }) => {
          const C = new Function(src)();
          return C.collect(document, { selectors, listVersion }, new C.Refs());
        },
        { src: collectJS, selectors: c.selectors ?? [], listVersion: i + 1 },
      );
      try {
        assert.deepEqual(comparable(got, c.summary ?? []), c.observation, c.name);
      } catch (e) {
        failures.push(String(/** @type {any} */ (e).message));
      }
    }
    assert.equal(failures.length, 0, `${failures.length} of ${observationCases.length} cases differ:\n\n${failures.join('\n\n')}`);
  } finally {
    await browser.close();
  }
});

test('content script controls match the shared case file', { timeout: 300_000 }, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const failures = [];
    for (const c of cases) {
      const body = casePage(c);
      await page.goto('about:blank');
      await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
      await page.goto(c.url, { waitUntil: 'load' });
      await page.unroute('**/*');
      const got = await page.evaluate(
        async ({ src, tokens }) => {
          const C = new Function(src)();
          const obs = await C.collect(document, { selectors: [], listVersion: 0, tokens }, new C.Refs());
          return obs.controls ?? [];
        },
        { src: collectJS, tokens: c.tokens },
      );
      try {
        const controls = canonical(got).map(normal);
        if (c.summary) {
          // Many controls: their count, first and last (controls_summary).
          const sum = controls.length ? { count: controls.length, first: controls[0], last: controls[controls.length - 1] } : null;
          const want = c.controls_summary ? { ...c.controls_summary, first: normal(c.controls_summary.first), last: normal(c.controls_summary.last) } : null;
          assert.deepEqual(sum, want, c.name);
        } else assert.deepEqual(controls, (c.controls ?? []).map(normal), c.name);
      } catch (e) {
        failures.push(String(/** @type {any} */ (e).message));
      }
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
  } finally {
    await browser.close();
  }
});

test('collect.js joins link targets as Chromium resolves them (hrefResolver against a.href), and testdata/contract/hrefs.json holds what Chromium gives', { timeout: 60_000 }, async () => {
  const { BASES, HREFS } = await import('../helpers/hrefs.mjs');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><head></head><body></body></html>' }));
    let joined = 0;
    /** @type {[string, string, string][]} Chromium's a.href for each base and target */
    const table = [];
    for (const base of BASES.filter((b) => b.startsWith('http'))) {
      await page.goto(base, { waitUntil: 'load' });
      const res = await page.evaluate(
        ({ src, hrefs }) => {
          const C = new Function(src)();
          const resolve = C.hrefResolver(document.baseURI);
          return hrefs.map((h) => {
            const a = document.createElement('a');
            a.setAttribute('href', h);
            let asked = false;
            const probe = { get href() { asked = true; return a.href; } };
            const got = resolve(probe, h);
            return { h, got, want: a.href, asked };
          });
        },
        { src: collectJS, hrefs: HREFS },
      );
      for (const r of res) {
        assert.equal(r.got, r.want, `base ${base}, href ${JSON.stringify(r.h)}`);
        if (!r.asked) joined++;
        table.push([base, r.h, r.want]);
      }
    }
    assert.ok(joined >= 60, `only ${joined} joined as strings`);
    // The Go collector resolves targets as this table says (wasm/htmlobs
    // TestResolveAsChromium); PW_UPDATE_HREFS=1 writes it anew.
    const file = new URL('testdata/contract/hrefs.json', root);
    const text = `${JSON.stringify({ _doc: HREFS_DOC, rows: table }, null, 1)}\n`;
    if (process.env.PW_UPDATE_HREFS === '1') writeFileSync(file, text);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).rows, table, 'testdata/contract/hrefs.json is not what this Chromium gives: PW_UPDATE_HREFS=1 rewrites it (review the diff)');
  } finally {
    await browser.close();
  }
});

test('the selector pre-check (rightmostNeeds) never hides a match: the matched elements are those of a query per selector, in standards and quirks mode', { timeout: 120_000 }, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const markup =
      '<div id="Chat" class="w"><iframe id="frame" title="chat widget"></iframe></div><span class="Y">y</span>' +
      '<svg><foreignObject id="fo"></foreignObject></svg><shop-login-button></shop-login-button>';
    const selectors = ['#chat', '#Chat', 'div#chat', 'div#Chat', 'iframe#frame', 'div.w > iframe[title="chat widget"]', 'iframe#nope', '#nope', 'img[src]', 'svg foreignObject', 'foreignObject#fo', 'span.Y', 'shop-login-button', 'jdiv'];
    for (const doctype of ['<!doctype html>', '']) {
      const body = `${doctype}<html><head><title>t</title></head><body>${markup}</body></html>`;
      await page.goto('about:blank');
      await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
      await page.goto('https://selectors.example/', { waitUntil: 'load' });
      await page.unroute('**/*');
      const { mode, got, want } = await page.evaluate(
        async ({ src, selectors }) => {
          const C = new Function(src)();
          const obs = await C.collect(document, { selectors, listVersion: 1 }, new C.Refs());
          // What each selector matches, by a query of its own, as selector indexes per element in document order.
          const all = [...document.querySelectorAll('*')];
          const want = all.map((el) => selectors.flatMap((s, i) => (el.matches(s) ? [i] : []))).filter((m) => m.length > 0);
          return { mode: document.compatMode, got: (obs.elements ?? []).filter((/** @type {any} */ e) => e.matches?.length).map((/** @type {any} */ e) => e.matches), want };
        },
        { src: collectJS, selectors },
      );
      assert.equal(mode, doctype ? 'CSS1Compat' : 'BackCompat');
      assert.deepEqual(got, want, `${mode}: the collector's matches`);
      assert.ok(want.length >= 5, `${mode}: the page exercises the selectors`);
    }
  } finally {
    await browser.close();
  }
});
