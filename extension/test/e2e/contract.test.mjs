// The shared case file of the observation's controls
// (testdata/contract/controls.json), run against the content script's
// collector in real Chromium: each case's markup is served at its URL, the
// real collect.js is injected and its controls are compared, refs
// renumbered, with the case's expected controls, which the Go collector
// (wasm/htmlobs, TestContractControls) is held to as well.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHROMIUM } from './drivers.mjs';

const root = new URL('../../../', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('testdata/contract/controls.json', root), 'utf8'));
const collectJS = readFileSync(new URL('extension/src/content/collect.js', root), 'utf8');

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

test('content script controls match the shared case file', { timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const failures = [];
    for (const c of cases) {
      await page.route('**/*', (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!DOCTYPE html><html><head></head><body>${c.html}</body></html>` }),
      );
      await page.goto(c.url, { waitUntil: 'load' });
      await page.unroute('**/*');
      const got = await page.evaluate(
        async ({ src, tokens }) => {
          const C = new Function(`${src}\nreturn PartnerWatchCollect;`)();
          const obs = await C.collect(document, { selectors: [], listVersion: 0, tokens }, new C.Refs());
          return obs.controls ?? [];
        },
        { src: collectJS, tokens: c.tokens },
      );
      try {
        assert.deepEqual(canonical(got).map(normal), (c.controls ?? []).map(normal), c.name);
      } catch (e) {
        failures.push(String(/** @type {any} */ (e).message));
      }
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
  } finally {
    await browser.close();
  }
});

test('collect.js joins link targets as Chromium resolves them (hrefResolver against a.href)', { timeout: 60_000 }, async () => {
  const { BASES, HREFS } = await import('../helpers/hrefs.mjs');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><head></head><body></body></html>' }));
    let joined = 0;
    for (const base of BASES.filter((b) => b.startsWith('http'))) {
      await page.goto(base, { waitUntil: 'load' });
      const res = await page.evaluate(
        ({ src, hrefs }) => {
          const C = new Function(`${src}\nreturn PartnerWatchCollect;`)();
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
      }
    }
    assert.ok(joined >= 60, `only ${joined} joined as strings`);
  } finally {
    await browser.close();
  }
});
