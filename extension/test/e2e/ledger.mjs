// End-to-end scenario for the ledger of sign-ins (lib/ledger.js, the ledger
// page): a sign-in seen at consent time is recorded with its site, provider,
// scopes and manage-access link; the page searches it, exports it as JSON
// and CSV (files the browser saves from blob URLs) and deletes it. The
// privacy half: while the ledger page loads, searches, exports and deletes,
// the test proxy, which carries all of the browser's traffic, sees no
// request at all, and no request of the whole scenario carries the entry.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { consentTab, CONSENT_PAGES } from './consent.mjs';
import { sourceProviders } from './manage.mjs';
import { openReported, waitFor } from './scenarios.mjs';

/** Reads the ledger page's rows (as JSON text: WebDriver BiDi cuts deep objects). @param {any} page */
async function ledgerRows(page) {
  return JSON.parse(await page.evaluate(() =>
    JSON.stringify([...document.querySelectorAll('#signins tbody tr')].map((tr) => ({
      id: /** @type {HTMLElement} */ (tr).dataset.id,
      site: /** @type {HTMLElement} */ (tr).dataset.site,
      provider: /** @type {HTMLElement} */ (tr).dataset.provider,
      scopes: [...tr.querySelectorAll('[data-scope]')].map((li) => /** @type {HTMLElement} */ (li).dataset.scope),
      manage: tr.querySelector('a.manage')?.getAttribute('href') ?? null,
      text: tr.textContent,
    }))),
  ));
}

/** Types a search into the ledger page. @param {any} page @param {string} q */
function searchFor(page, q) {
  return page.evaluate((/** @type {string} */ v) => {
    const input = /** @type {HTMLInputElement} */ (document.getElementById('search'));
    input.value = v;
    input.dispatchEvent(new Event('input'));
  }, q);
}

/**
 * Clicks an export button and reads the saved file.
 * @param {any} page @param {string} button
 */
async function exported(page, button) {
  const [download] = await Promise.all([page.raw.waitForEvent('download', { timeout: 10_000 }), page.click(button)]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** @type {[string, (env: any) => Promise<void>][]} */
export const ledgerScenarios = [
  [
    'your sign-ins: the ledger records a consent-time sign-in, searches it, exports it as JSON and CSV (in Chromium, whose downloads the test sees), deletes it, and nothing of it is sent',
    async ({ driver, ctl, server }) => {
      const google = sourceProviders().find((p) => p.id === 'google');
      const logStart = server.log.length;
      const { page } = await openReported(driver, ctl, CONSENT_PAGES.google.url);
      await page.click('#login');
      await consentTab(ctl, 'google');
      // The consent screen is inspected when its navigation starts and again
      // when it commits (the second updates the same entry): wait until the
      // entry holds still, so that no late inspection records the sign-in
      // again after the delete below.
      /** The entry's time in storage. */
      const storedAt = async () => {
        const l = JSON.parse(await ctl.page.evaluate(async () => JSON.stringify(await chrome.runtime.sendMessage({ type: 'getLedger' }))));
        return l.ledger.entries.find((/** @type {any} */ e) => e.site === 'example-shop.test' && e.provider === 'google')?.at ?? 0;
      };
      let last = 0;
      await waitFor(async () => {
        const at = await storedAt();
        const still = at !== 0 && at === last;
        last = at;
        if (!still) await new Promise((r) => setTimeout(r, 1000));
        return still;
      }, 'the recorded sign-in to hold still', 30_000);
      const led = await driver.newPage();
      const entry = await waitFor(async () => {
        await led.goto(`${driver.extBase}ledger/ledger.html`);
        await led.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
        return (await ledgerRows(led)).find((r) => r.site === 'example-shop.test' && r.provider === 'google');
      }, 'the sign-in in the ledger');
      assert.deepEqual(entry.scopes, ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly']);
      assert.equal(entry.manage, google.manage.url);
      assert.match(entry.text, /Google/);
      const kept = (await ledgerRows(led)).length;

      // From here on, the ledger page works alone: the proxy must see nothing.
      const phaseStart = server.log.length;
      await searchFor(led, 'gmail example-shop');
      assert.deepEqual((await ledgerRows(led)).map((r) => r.id), [entry.id], 'a search for words of the entry finds it');
      await searchFor(led, 'no-such-site.example');
      assert.deepEqual(await ledgerRows(led), [], 'a search for another site finds nothing');
      await searchFor(led, 'example-shop.test');

      // Exports: files the browser saves (playwright sees Chromium's downloads).
      if (driver.name === 'chromium') {
        const json = await exported(led, '#export-json');
        assert.match(json.name, /^partnerwatch-signins-\d{4}-\d{2}-\d{2}\.json$/);
        const doc = JSON.parse(json.text);
        assert.equal(doc.format, 'partnerwatch-signins');
        assert.equal(doc.signins.length, 1);
        assert.deepEqual(
          { site: doc.signins[0].site, provider: doc.signins[0].provider, scopes: doc.signins[0].scopes.map((/** @type {any} */ s) => s.name), manage: doc.signins[0].manage_access, severity: doc.signins[0].severity },
          { site: 'example-shop.test', provider: 'google', scopes: ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly'], manage: google.manage.url, severity: 'high' },
        );
        assert.ok(!Number.isNaN(Date.parse(doc.signins[0].date)));

        const csv = await exported(led, '#export-csv');
        assert.match(csv.name, /\.csv$/);
        const lines = csv.text.trimEnd().split('\r\n');
        assert.equal(lines[0], 'date,site,provider,client_id,scopes,severity,partner,partner_grants,manage_access');
        assert.equal(lines.length, 2);
        assert.match(lines[1], /,example-shop\.test,Google,1234\.apps\.googleusercontent\.com,.*read all your Gmail messages and settings.*,high,,,https:\/\/myaccount\.google\.com\/connections$/i);
      }

      // Delete the one sign-in.
      await led.click(`tr[data-id="${entry.id}"] button.delete`);
      await waitFor(async () => !(await ledgerRows(led)).some((r) => r.id === entry.id), 'the entry deleted');
      const after = JSON.parse(await ctl.page.evaluate(async () => JSON.stringify(await chrome.runtime.sendMessage({ type: 'getLedger' }))));
      assert.equal(after.ok, true);
      assert.ok(!after.ledger.entries.some((/** @type {any} */ e) => e.id === entry.id), 'gone from storage');
      assert.equal(after.ledger.entries.length, kept - 1);
      assert.equal(after.ledger.retentionDays, 365, 'one year by default');

      // Delete all, after a confirmation.
      await searchFor(led, '');
      await led.click('#delete-all');
      await led.click('#delete-all-confirm');
      await waitFor(async () => (await ledgerRows(led)).length === 0 && (await led.evaluate(() => !document.getElementById('empty')?.hidden)), 'the ledger emptied');

      // The browsers open TLS tunnels (CONNECT, refused by the proxy) to
      // their own services at any time (Chromium's optimization guide,
      // Firefox's settings service): those hosts only are let through. Any
      // other request, or a tunnel to any other host, fails the check.
      const browserService = /^(?:[a-z0-9-]+\.)*(?:googleapis\.com|gvt1\.com|google\.com|gstatic\.com|mozilla\.(?:com|net|org)|firefox\.com):443$/;
      const phase = server.log.slice(phaseStart).filter((/** @type {any} */ l) => !(l.method === 'CONNECT' && browserService.test(l.host)));
      assert.deepEqual(phase.map((/** @type {any} */ l) => `${l.method} ${l.url}`), [], 'the ledger page makes no request');
      for (const l of server.log.slice(logStart)) {
        const where = `${l.url} ${JSON.stringify(l.headers)}`;
        assert.ok(!where.includes(entry.id) && !where.includes('partnerwatch-signins'), `no request carries the ledger: ${where}`);
      }
      await led.close();
      await page.close();
    },
  ],
];
