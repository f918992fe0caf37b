// End-to-end scenarios for manage-access links (list.Provider.Manage): every
// provider of the default list that names the page where a person removes
// connected apps gets that link, exactly, in the popup's finding rows; a
// provider without one gets none; a consent-time warning carries its
// provider's link.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/paths.mjs';
import { consentTab, CONSENT_PAGES } from './consent.mjs';
import { openReported, waitFor } from './scenarios.mjs';

const PROVIDERS = join(root, 'wasm', 'list', 'defaultlist', 'providers');

/** The default list's providers, read from its source. */
export function sourceProviders() {
  return readdirSync(PROVIDERS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(PROVIDERS, f), 'utf8')));
}

/**
 * A sign-in text of a provider's login widgets (the first widget with
 * texts), which fires that widget on its own.
 * @param {any} p
 */
function signInText(p) {
  return p.widgets.find((/** @type {any} */ w) => w.kind === 'login' && w.signals.texts?.length)?.signals.texts[0] ?? '';
}

/** Providers with a manage page, and two without (Facebook, GitLab) as controls. */
function pageProviders() {
  const all = sourceProviders();
  const withManage = all.filter((p) => p.manage);
  const without = all.filter((p) => !p.manage && ['facebook', 'gitlab'].includes(p.id));
  return { withManage, without };
}

export const MANAGE_PAGE = 'http://www.example-shop.test/manage/signin';

/** @param {any} server */
export function serveManagePage(server) {
  const { withManage, without } = pageProviders();
  const buttons = [...withManage, ...without].map((p) => `<p><button type="button" data-p="${p.id}">${signInText(p)}</button></p>`).join('\n');
  const u = new URL(MANAGE_PAGE);
  server.pages.set(`${u.host}${u.pathname}`, { type: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8"><title>Sign in</title><h1>Sign in</h1>\n${buttons}` });
}

/** @type {[string, (env: any) => Promise<void>][]} */
export const manageScenarios = [
  [
    'manage-access links: every provider with a manage page has its exact link in the popup, others have none',
    async ({ driver, ctl, server }) => {
      serveManagePage(server);
      const { withManage, without } = pageProviders();
      assert.ok(withManage.length >= 5, `the list names manage pages: ${withManage.map((p) => p.id)}`);
      for (const p of withManage) assert.ok(signInText(p), `${p.id} has a sign-in text the test page can show`);
      const { page, tabId } = await openReported(driver, ctl, MANAGE_PAGE);
      const want = [...withManage, ...without].map((p) => p.id).sort();
      await waitFor(async () => {
        const s = await ctl.state(tabId);
        const got = [...new Set(s.findings.map((/** @type {any} */ f) => f.provider))].sort();
        return JSON.stringify(got) === JSON.stringify(want);
      }, `findings of ${want.join(', ')}`);
      const popup = await driver.newPage();
      await popup.goto(`${driver.extBase}popup/popup.html?tab=${tabId}`);
      await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      // (As JSON text: WebDriver BiDi, in Firefox, cuts deep objects.)
      const rows = JSON.parse(await popup.evaluate(() =>
        JSON.stringify([...document.querySelectorAll('#findings > li')].map((li) => ({
          provider: /** @type {HTMLElement} */ (li).dataset.provider,
          links: [...li.querySelectorAll('a.manage')].map((a) => ({
            href: a.getAttribute('href'),
            target: a.getAttribute('target'),
            rel: a.getAttribute('rel'),
            text: a.textContent,
            children: a.children.length,
          })),
        }))),
      ));
      for (const p of withManage) {
        const mine = rows.filter((r) => r.provider === p.id);
        assert.ok(mine.length > 0, `a finding row for ${p.id}`);
        for (const r of mine) {
          assert.deepEqual(r.links, [{ href: new URL(p.manage.url).href, target: '_blank', rel: 'noopener noreferrer', text: `Manage the apps connected to your ${p.name} account`, children: 0 }], p.id);
        }
      }
      for (const p of without) {
        const mine = rows.filter((r) => r.provider === p.id);
        assert.ok(mine.length > 0, `a finding row for ${p.id}`);
        for (const r of mine) assert.deepEqual(r.links, [], `${p.id} has no manage page`);
      }
      await popup.close();
      await page.close();
    },
  ],
  [
    'manage-access links: the consent-time warning for Google links to Google\'s connections page',
    async ({ driver, ctl }) => {
      const google = sourceProviders().find((p) => p.id === 'google');
      const { page } = await openReported(driver, ctl, CONSENT_PAGES.google.url);
      await page.click('#login');
      const tab = await consentTab(ctl, 'google');
      const popup = await driver.newPage();
      await popup.goto(`${driver.extBase}popup/popup.html?tab=${tab}`);
      await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      const links = JSON.parse(await popup.evaluate(() =>
        JSON.stringify([...document.querySelectorAll('#consent-section:not([hidden]) #consent-manage a')].map((a) => ({ href: a.getAttribute('href'), provider: /** @type {HTMLElement} */ (a).dataset.provider, text: a.textContent }))),
      ));
      assert.deepEqual(links, [{ href: google.manage.url, provider: 'google', text: 'Manage the apps connected to your Google account' }]);
      await popup.close();
      await page.close();
    },
  ],
];
