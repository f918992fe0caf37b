// C3 in Debian's Chromium (playwright-core): names, summaries, sources and
// page-derived evidence carrying markup are shown as text, never run, in
// the popup and in the in-page notice.
//
// The extension syncs a list signed with the development key (so the
// bundled pin accepts it) whose partner name, provider name, permission
// label, summary, account, source titles and publishers, and responses
// carry <img src=x onerror=...>, <script> and attribute-breaking payloads;
// the hostile page testdata/hostile/xss-evidence.html, on the partner's
// site, carries the same in its sign-in button's text and data and in an
// authorize link. Every payload would set window.__pwXSS in the document
// that parsed it as markup. Checked: the flag stays unset in the page and in
// the popup; no CSP violation is reported in either (the page allows only
// its own nonce; the popup has the extension's script-src 'self'); the
// DevTools protocol finds no element the payloads would make, in the
// popup or inside the notice's closed shadow root; and the payloads are
// shown literally.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devKey, distChrome, signedList } from '../helpers/paths.mjs';
import { loadKey, payloadOf, signList, withVersion } from '../helpers/sign.mjs';
import { CHROMIUM, launchChromium } from './drivers.mjs';
import { HOSTILE_FIXTURES } from './consent.mjs';
import { MIRROR, controlPage, openReported, waitFor } from './scenarios.mjs';
import { startServer } from './server.mjs';

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (make deps)` : !existsSync(distChrome) ? 'dist/chrome is missing (make extension)' : false;

const PAGE = 'http://www.netflix.com/hostile/xss-evidence.html';

/** Payloads: each sets window.__pwXSS wherever it runs. */
const IMG = '<img src=x onerror=window.__pwXSS=1>';
const SCRIPT = '<script>window.__pwXSS=1</script>';
const BREAK = '"\'><img src=x onerror=window.__pwXSS=1>';

/**
 * The default list with markup in every text the popup or the notice
 * shows for netflix.com's Facebook grant.
 * @param {any} base
 */
function hostileList(base) {
  const l = structuredClone(base);
  const fb = l.providers.find((/** @type {any} */ p) => p.id === 'facebook');
  fb.name = `Facebook ${SCRIPT}`;
  for (const p of l.permissions) p.label = `${p.label} ${IMG}`;
  const nf = l.partners.find((/** @type {any} */ p) => p.id === 'netflix');
  nf.name = `Netflix ${IMG}`;
  for (const g of nf.grants) {
    // A summary may not hold a double quotation mark (LIST.md).
    g.summary = `${SCRIPT} ${IMG} ${g.summary}`;
    if (g.account) g.account = `${IMG} ${g.account}`;
    for (const s of g.sources) {
      s.title = `${IMG} ${s.title}`;
      s.publisher = `${BREAK} ${s.publisher}`;
    }
    for (const r of g.responses ?? []) {
      r.text = `${SCRIPT} ${r.text}`;
      r.by = `${r.by} ${BREAK}`;
    }
  }
  return l;
}

/**
 * Elements the payloads would make, found through the DevTools protocol,
 * which sees into closed shadow roots: img with src "x", script without
 * src, anything with an onerror or onload attribute.
 * @param {any} page
 */
async function payloadElements(page) {
  const cdp = await page.raw.context().newCDPSession(page.raw);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  await cdp.detach();
  /** @type {string[]} */
  const found = [];
  (function walk(/** @type {any} */ n, where) {
    const a = n.attributes ?? [];
    const attr = (/** @type {string} */ name) => (a.indexOf(name) >= 0 && a.indexOf(name) % 2 === 0 ? a[a.indexOf(name) + 1] : null);
    if (n.nodeType === 1) {
      if (n.localName === 'img' && attr('src') === 'x') found.push(`${where}img[src=x]`);
      if (n.localName === 'script' && attr('src') === null && /__pwXSS/.test(JSON.stringify(n.children ?? []))) found.push(`${where}inline script`);
      if (attr('onerror') !== null || attr('onload') !== null) found.push(`${where}<${n.localName}> with an event-handler attribute`);
    }
    for (const c of n.children ?? []) walk(c, where);
    for (const s of n.shadowRoots ?? []) walk(s, `${where}${s.shadowRootType} shadow root: `);
    if (n.contentDocument) walk(n.contentDocument, `${where}frame: `);
  })(root, '');
  return found;
}

test('chromium: names, summaries, sources and evidence carrying markup are shown as text and never run, in the popup and the notice', { skip, timeout: 120_000 }, async () => {
  const server = await startServer();
  server.page(PAGE, join(HOSTILE_FIXTURES, 'xss-evidence.html'));
  const base = payloadOf(readFileSync(signedList, 'utf8'));
  const version = Math.max(base.version + 1, Math.floor(Date.now() / 1000) + 60);
  const envelope = signList(hostileList(withVersion(base, { version })), loadKey(devKey));
  server.routes.push((_req, url) => (url.href === MIRROR ? { type: 'application/json', body: envelope } : null));
  const driver = await launchChromium(distChrome, server.port);
  try {
    const ctl = await controlPage(driver);
    // Setting the URL fetches it at once (audit B7).
    let r = await ctl.send({ type: 'setSettings', settings: { listUrl: MIRROR } });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.synced?.outcome, 'updated', `the hostile list is applied: ${JSON.stringify(r.synced)}`);
    r = await ctl.send({ type: 'getStatus' });
    assert.equal(r.list.version, version);

    // The page: a notice with the list's names, and the page's own texts
    // and URLs as evidence.
    const { page, tabId } = await openReported(driver, ctl, PAGE);
    const notices = await waitFor(async () => {
      const n = await ctl.notices(page);
      return n.length > 0 && n;
    }, 'the in-page notice');
    const noticeText = notices.map((/** @type {any} */ n) => n.text).join('\n');
    assert.ok(noticeText.includes(SCRIPT) || noticeText.includes(BREAK) || noticeText.includes(IMG), `the notice shows a payload as text: ${noticeText}`);

    // The popup, opened as a tab, with a violation counter installed
    // before its scripts run.
    const popup = await driver.newPage();
    await popup.raw.addInitScript(() => {
      /** @type {any} */ (window).__pwViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => /** @type {any} */ (window).__pwViolations.push({ directive: e.violatedDirective, sample: e.sample }), true);
    });
    /** @type {string[]} */
    const consoleCSP = [];
    popup.raw.on('console', (/** @type {any} */ m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCSP.push(m.text());
    });
    await popup.goto(`${driver.extBase}popup/popup.html?tab=${tabId}`);
    await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    await popup.waitForSelector('#grants tbody tr', { timeout: 10_000 });
    // Let any image error event or late task run.
    await new Promise((res) => setTimeout(res, 1000));
    const seen = await popup.evaluate(() => ({
      flag: /** @type {any} */ (window).__pwXSS ?? null,
      violations: /** @type {any} */ (window).__pwViolations,
      text: document.body.innerText,
      partner: document.getElementById('partner-title')?.textContent ?? '',
      evidence: [...document.querySelectorAll('.evidence li')].map((e) => e.textContent ?? ''),
      sourceLinks: [...document.querySelectorAll('#grants a')].map((a) => a.getAttribute('href')),
    }));
    assert.equal(seen.flag, null, 'no payload ran in the popup');
    assert.deepEqual(seen.violations, [], 'no CSP violation in the popup');
    assert.deepEqual(consoleCSP, [], 'no CSP violation logged by the popup');
    assert.deepEqual(await payloadElements(popup), [], 'no payload became an element in the popup');
    // Shown literally: the list's texts, and the page's.
    assert.ok(seen.partner.includes(`Netflix ${IMG}`), `the partner name as text: ${seen.partner}`);
    for (const p of [IMG, SCRIPT, BREAK]) assert.ok(seen.text.includes(p), `the popup shows ${p} as text`);
    assert.ok(
      // Button texts are shown folded to lower case.
      seen.evidence.some((e) => e.toLowerCase().includes('<img src=x onerror="window.__pwxss=1">')) &&
        seen.evidence.some((e) => e.toLowerCase().includes('<script>window.__pwxss=1</script>')),
      `the page's button or link text as evidence, literally: ${JSON.stringify(seen.evidence)}`,
    );
    for (const href of seen.sourceLinks) assert.match(String(href), /^https:\/\//, 'links only to https sources');

    // The page: nothing ran, nothing was blocked, no payload element, in
    // the notice's closed shadow root or elsewhere.
    await new Promise((res) => setTimeout(res, 500));
    const inPage = await page.evaluate(() => ({
      flag: /** @type {any} */ (window).__pwXSS ?? null,
      violations: /** @type {any} */ (window).__pwViolations,
      ready: document.documentElement.dataset.attack,
    }));
    assert.equal(inPage.ready, 'ready', "the page's own (nonce) scripts ran");
    assert.equal(inPage.flag, null, 'no payload ran in the page');
    assert.deepEqual(inPage.violations, [], 'no CSP violation in the page');
    assert.deepEqual(await payloadElements(page), [], 'no payload became an element in the page or the notice');
    const pierced = await driver.piercedText?.(page);
    assert.ok(pierced && (pierced.includes(SCRIPT) || pierced.includes(BREAK) || pierced.includes(IMG)), `the notice's shadow root holds a payload as text: ${pierced}`);
    await popup.close();
    await page.close();
  } finally {
    await driver.close();
    await server.close();
  }
});
