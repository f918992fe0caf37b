// End-to-end scenarios for manage-access links (list.Provider.Manage): every
// provider of the default list that names the page where a person removes
// connected apps gets that link, exactly, in the popup's finding rows; chat
// vendors, which hold no account that could connect apps, get none; a
// consent-time warning carries its provider's link.

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

/**
 * A chat link of a provider's messaging widgets: the first link pattern on a
 * literal https host, its wildcards filled in and its query keys given a
 * value, which fires that widget on its own. '' when it has none.
 * @param {any} p
 */
function chatLink(p) {
  for (const w of p.widgets.filter((/** @type {any} */ w) => w.kind === 'messaging')) {
    const l = (w.signals.links ?? []).find((/** @type {any} */ l) => !l.scheme && !l.host.includes('*') && !l.weak);
    if (!l) continue;
    const u = new URL(`https://${l.host}${(l.path ?? '/').replaceAll('*', 'e2e')}`);
    for (const q of l.query ?? []) {
      const [k, v = 'e2e'] = q.split('=');
      u.searchParams.set(k, v);
    }
    return u.href;
  }
  return '';
}

/** Chat vendors that serve as controls: they hold no user account that could connect apps. */
const CONTROLS = ['tawk', 'crisp'];

/** Providers with a manage page, and the chat controls without one. */
function pageProviders() {
  const all = sourceProviders();
  const withManage = all.filter((p) => p.manage);
  const without = all.filter((p) => CONTROLS.includes(p.id));
  return { withManage, without };
}

export const MANAGE_PAGE = 'http://www.example-shop.test/manage/signin';

/** @param {any} server */
export function serveManagePage(server) {
  const { withManage, without } = pageProviders();
  const buttons = withManage.map((p) => `<p><button type="button" data-p="${p.id}">${signInText(p)}</button></p>`);
  const chats = without.map((p) => `<p><a data-p="${p.id}" href="${chatLink(p)}">Chat with us</a></p>`);
  const u = new URL(MANAGE_PAGE);
  server.pages.set(`${u.host}${u.pathname}`, { type: 'text/html; charset=utf-8', body: `<!doctype html><meta charset="utf-8"><title>Sign in</title><h1>Sign in</h1>\n${[...buttons, ...chats].join('\n')}` });
}

/** @type {[string, (env: any) => Promise<void>][]} */
export const manageScenarios = [
  [
    'manage-access links: every provider with a manage page has its exact link in the popup, others have none',
    async ({ driver, ctl, server }) => {
      serveManagePage(server);
      const { withManage, without } = pageProviders();
      assert.ok(withManage.length >= 16, `the list names manage pages: ${withManage.map((p) => p.id)}`);
      for (const p of withManage) assert.ok(signInText(p), `${p.id} has a sign-in text the test page can show`);
      assert.deepEqual(without.map((p) => p.id).sort(), [...CONTROLS].sort(), 'the chat controls are in the list');
      for (const p of without) {
        assert.ok(!p.manage, `${p.id} is a control without a manage page`);
        assert.ok(!p.widgets.some((/** @type {any} */ w) => w.kind === 'login'), `${p.id} is a chat vendor, not a login provider`);
        assert.ok(chatLink(p), `${p.id} has a chat link the test page can show`);
      }
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
    'manage-access links: the consent-time warnings for Google and Facebook link to each platform\'s own manage page',
    async ({ driver, ctl }) => {
      const byID = new Map(sourceProviders().map((p) => [p.id, p]));
      // Google's consent screen replaces the page; Facebook's opens in a popup.
      for (const [id, inPopup] of /** @type {const} */ ([['google', false], ['facebook', true]])) {
        const p = byID.get(id);
        assert.ok(p?.manage, `${id} has a manage page`);
        const { page, tabId } = await openReported(driver, ctl, CONSENT_PAGES[id].url);
        await page.click('#login');
        const tab = await consentTab(ctl, id, inPopup ? tabId : -1);
        const popup = await driver.newPage();
        await popup.goto(`${driver.extBase}popup/popup.html?tab=${tab}`);
        await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
        const links = JSON.parse(await popup.evaluate(() =>
          JSON.stringify([...document.querySelectorAll('#consent-section:not([hidden]) #consent-manage a')].map((a) => ({ href: a.getAttribute('href'), provider: /** @type {HTMLElement} */ (a).dataset.provider, text: a.textContent }))),
        ));
        assert.deepEqual(links, [{ href: new URL(p.manage.url).href, provider: id, text: `Manage the apps connected to your ${p.name} account` }], id);
        await popup.close();
        await page.close();
      }
    },
  ],
];
