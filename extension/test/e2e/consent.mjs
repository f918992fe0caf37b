// End-to-end scenarios for consent-time warnings, network observation and
// hostile pages, written once for both browsers like scenarios.mjs.
//
// Consent: a partner page opens Facebook's authorize dialog in a popup; a
// shop sends its own tab to Google's authorize endpoint asking for Gmail; a
// partner page embeds a cross-origin frame that embeds Facebook's login
// button. Hostile pages (testdata/hostile/) attack the extension; none may
// change its state, make it send a request or produce a false report.
// Privacy: with every fixture page browsed, the only request the extension
// makes is the list fetch, which carries nothing about the pages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, signedList } from '../helpers/paths.mjs';
import { PAGES, openReported, readPopup, waitFor } from './scenarios.mjs';

export const CONSENT_FIXTURES = join(root, 'testdata', 'consent');
export const HOSTILE_FIXTURES = join(root, 'testdata', 'hostile');

/** Consent fixture pages and the URLs they are served at. */
export const CONSENT_PAGES = {
  facebook: { url: 'http://accounts.spotify.com/consent/login', file: 'facebook-popup.html' },
  google: { url: 'http://www.example-shop.test/consent/login', file: 'google-redirect.html' },
  framed: { url: 'http://www.netflix.com/help/contact', file: 'framed-widget.html' },
  vendor: { url: 'http://widget.support-vendor.test/frame.html', file: 'vendor-frame.html' },
};

/** Hostile fixture pages, all on a partner site. */
export const HOSTILE_PAGES = Object.fromEntries(
  ['forge-messages', 'synthetic-clicks', 'remove-cover', 'read-shadow', 'mutation-flood', 'inert-markup'].map((n) => [n, { url: `http://www.netflix.com/hostile/${n}.html`, file: `${n}.html` }]),
);

/** The list URL of the privacy check, answered by the test proxy. */
export const LIST_URL = 'http://lists.partnerwatch.test/v1/list';

/** @param {any} server */
export function serveConsentPages(server) {
  for (const p of Object.values(CONSENT_PAGES)) server.page(p.url, join(CONSENT_FIXTURES, p.file));
  for (const p of Object.values(HOSTILE_PAGES)) server.page(p.url, join(HOSTILE_FIXTURES, p.file));
}

/**
 * The tab that shows a consent screen of a provider, from the extension's
 * session state.
 * @param {any} ctl
 * @param {string} provider
 * @param {number} [notTab]
 */
export function consentTab(ctl, provider, notTab = -1) {
  return waitFor(
    () =>
      ctl.page.evaluate(
        async ([p, not]) => {
          const all = await chrome.storage.session.get(null);
          const k = Object.keys(all).find((key) => key.startsWith('consent:') && all[key]?.warning?.provider === p && Number(key.slice(8)) !== not);
          return k ? Number(k.slice(8)) : undefined;
        },
        [provider, notTab],
      ),
    `a consent screen of ${provider}`,
  );
}

/** The consent section and attempts of the popup for a tab. */
async function readConsentPopup(/** @type {any} */ driver, /** @type {number} */ tabId) {
  const popup = await driver.newPage();
  await popup.goto(`${driver.extBase}popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  const view = await popup.evaluate(() => {
    const section = /** @type {HTMLElement} */ (document.getElementById('consent-section'));
    return {
      shown: !!section && !section.hidden,
      severity: section?.dataset.severity,
      alert: section?.dataset.alert,
      lines: [...document.querySelectorAll('#consent-lines > li')].map((li) => ({ kind: /** @type {HTMLElement} */ (li).dataset.kind, text: li.textContent })),
      scopes: [...document.querySelectorAll('#consent-scopes > li')].map((li) => ({ name: /** @type {HTMLElement} */ (li).dataset.scope, severity: /** @type {HTMLElement} */ (li).dataset.severity, text: li.textContent })),
      attempts: [...document.querySelectorAll('#attempts > li')].map((li) => ({ site: /** @type {HTMLElement} */ (li).dataset.site, provider: /** @type {HTMLElement} */ (li).dataset.provider, text: li.textContent })),
      access: document.getElementById('access-note')?.dataset.mode,
    };
  });
  await popup.close();
  return view;
}

/** What must not change under a hostile page: settings, subscriptions, dismissals, the list and sync state. */
async function snapshot(/** @type {any} */ ctl) {
  const s = JSON.parse(await ctl.page.evaluate(async () => JSON.stringify(await chrome.runtime.sendMessage({ type: 'getStatus' }))));
  assert.equal(s.ok, true);
  return JSON.stringify({ settings: s.settings, subscriptions: s.subscriptions, dismissals: s.dismissals, list: { version: s.list?.version, sha256: s.list?.sha256 }, sync: s.sync, listError: s.listError });
}

/** Waits until a fixture page says its attack is over. */
function attackDone(/** @type {any} */ page) {
  return waitFor(() => page.evaluate(() => document.documentElement.dataset.attack === 'done'), 'the attack to finish', 30_000);
}

/** @type {[string, (env: any) => Promise<void>][]} */
export const consentScenarios = [
  [
    'a popup to a Facebook authorize URL shows the consent warning with the parsed scopes, and the opener records the attempt',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, CONSENT_PAGES.facebook.url);
      await page.click('#login');
      const tab = await consentTab(ctl, 'facebook', tabId);
      assert.notEqual(tab, tabId, 'the warning is on the popup, not the opener');
      // (The badge text and title are two calls: wait for both.)
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tab);
        return b.text === '!' && b.title !== 'PartnerWatch' && b;
      }, 'the consent badge');
      assert.equal(badge.title, "PartnerWatch: spotify.com asks you to sign in with Facebook. spotify.com's operator was granted access to your data by Facebook. Click for details.");
      const st = await ctl.state(tab);
      assert.equal(st.ok, true);
      assert.deepEqual(
        st.consent.lines.slice(0, 2).map((/** @type {any} */ l) => l.text),
        ['You are about to sign in to spotify.com with Facebook.', 'It asks for: your email address, your list of friends who also use this app.'],
      );
      assert.match(st.consent.lines[2].text, /^spotify\.com's operator, Spotify, was granted by Facebook: read your private messages, send private messages in your name, delete your private messages/);
      const view = await readConsentPopup(driver, tab);
      assert.equal(view.shown, true);
      assert.equal(view.alert, 'true');
      assert.deepEqual(view.scopes.map((s) => [s.name, s.severity]), [['email', 'low'], ['user_friends', 'medium']]);
      assert.equal(view.lines[0].text, 'You are about to sign in to spotify.com with Facebook.');
      // The opener's state and popup record the attempt, without the URL's state token.
      const opener = await waitFor(async () => {
        const s = await ctl.state(tabId);
        return s.attempts?.length > 0 && s;
      }, 'the attempt on the opener');
      assert.deepEqual(
        opener.attempts.map((/** @type {any} */ a) => [a.provider, a.site, a.scopes.map((/** @type {any} */ s) => s.name).join(','), a.alert]),
        [['facebook', 'spotify.com', 'email,user_friends', true]],
      );
      assert.ok(!JSON.stringify(opener).includes('st4te-token'));
      const openerView = await readConsentPopup(driver, tabId);
      assert.equal(openerView.shown, false, 'the opener is not a consent screen');
      assert.deepEqual(openerView.attempts.map((a) => [a.provider, a.site]), [['facebook', 'spotify.com']]);
      // Closing the popup forgets its warning; the opener keeps the attempt.
      await ctl.page.evaluate((id) => chrome.tabs.remove(id), tab);
      await waitFor(async () => !(await ctl.page.evaluate(async (id) => Object.keys(await chrome.storage.session.get(`consent:${id}`)).length, tab)), 'the warning forgotten');
      assert.equal((await ctl.state(tabId)).attempts.length, 1);
      await page.close();
    },
  ],
  [
    'a Google authorize URL asking for Gmail shows the warning as high severity',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, CONSENT_PAGES.google.url);
      await page.click('#login');
      const tab = await consentTab(ctl, 'google');
      assert.equal(tab, tabId, 'the same tab moved to the consent screen');
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tab);
        return b.text === '!' && b.title !== 'PartnerWatch' && b;
      }, 'the consent badge');
      assert.equal(badge.title, 'PartnerWatch: example-shop.test asks for high-risk access to your Google account. Click for details.');
      const st = await ctl.state(tab);
      assert.equal(st.consent.severity, 'high');
      assert.equal(st.consent.alert, false);
      assert.deepEqual(
        st.consent.lines.map((/** @type {any} */ l) => [l.kind, l.text]),
        [
          ['intro', 'You are about to sign in to example-shop.test with Google.'],
          ['scopes', 'It asks for: sign you in (OpenID Connect), your email address, read all your Gmail messages and settings.'],
          ['high', 'High risk: read all your Gmail messages and settings.'],
        ],
      );
      const view = await readConsentPopup(driver, tab);
      assert.equal(view.severity, 'high');
      assert.deepEqual(
        view.scopes.filter((s) => s.severity === 'high').map((s) => s.name),
        ['https://www.googleapis.com/auth/gmail.readonly'],
      );
      assert.ok(view.lines.some((l) => l.kind === 'high'));
      await page.close();
    },
  ],
  [
    'a widget inside a cross-origin frame is reported for the top page through network observation',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, CONSENT_PAGES.framed.url);
      const top = await waitFor(async () => {
        const s = await ctl.state(tabId);
        const r = s.frames?.[0]?.report;
        return r?.findings?.some((/** @type {any} */ f) => f.provider === 'facebook') && r;
      }, 'a Facebook finding in the top frame report');
      assert.equal(top.site, 'netflix.com');
      const f = top.findings.find((/** @type {any} */ x) => x.provider === 'facebook');
      assert.equal(f.alert, true);
      // (Firefox upgrades the frame to https: facebook.com is HSTS-preloaded.)
      assert.ok(f.evidence.some((/** @type {any} */ e) => e.signal === 'request' && /^https?:\/\/www\.facebook\.com\/v19\.0\/plugins\/login_button\.php/.test(e.value)), JSON.stringify(f.evidence));
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tabId);
        return b.text === '!' && b.title !== 'PartnerWatch' && b;
      }, 'the alert badge');
      assert.match(badge.title, /netflix\.com is operated by Netflix/);
      await page.close();
    },
  ],
];

/** Hostile pages: what each must leave as it was. */
consentScenarios.push([
  'hostile pages cannot spoof, trigger or change PartnerWatch',
  async ({ driver, ctl, server }) => {
    const before = await snapshot(ctl);
    const logStart = server.log.length;
    /** @type {Record<string, (page: any, tabId: number) => Promise<void>>} */
    const checks = {
      'forge-messages': async (page, tabId) => {
        assert.ok(Number(await page.evaluate(() => document.documentElement.dataset.sent)) > 100);
        await facebookOnly(ctl, tabId);
        await noticeStays(ctl, page);
      },
      'synthetic-clicks': async (page, tabId) => {
        assert.equal(await page.evaluate(() => document.documentElement.dataset.found), 'yes', 'the page saw the notice host');
        assert.ok(Number(await page.evaluate(() => document.documentElement.dataset.clicks)) > 10);
        await noticeStays(ctl, page);
        await facebookOnly(ctl, tabId);
      },
      'remove-cover': async (page, tabId) => {
        const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
        assert.ok(Number(d.reinserted) >= 5, `the notice came back after removals: ${JSON.stringify(d)}`);
        assert.notEqual(d.display, 'none', 'the page\'s styles do not hide it');
        await facebookOnly(ctl, tabId);
      },
      'read-shadow': async (page, tabId) => {
        const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
        assert.equal(d.found, 'yes');
        assert.equal(d.leak, '', `the page read: ${d.leak}`);
        await noticeStays(ctl, page);
        await facebookOnly(ctl, tabId);
      },
      'mutation-flood': async (page, tabId) => {
        const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
        assert.ok(Number(d.mutations) > 10_000, JSON.stringify(d));
        const s = await ctl.state(tabId);
        assert.deepEqual(s.findings, [], 'no false report');
        assert.equal((await ctl.badge(tabId)).text, '');
        assert.deepEqual(await ctl.notices(page), []);
      },
      'inert-markup': async (page, tabId) => {
        const s = await ctl.state(tabId);
        assert.deepEqual(s.findings, [], `no false report: ${JSON.stringify(s.findings)}`);
        assert.equal((await ctl.badge(tabId)).text, '');
        assert.deepEqual(await ctl.notices(page), []);
      },
    };
    for (const [name, p] of Object.entries(HOSTILE_PAGES)) {
      const { page, tabId } = await openReported(driver, ctl, p.url);
      await attackDone(page);
      await new Promise((r) => setTimeout(r, 800));
      await checks[name](page, tabId);
      assert.equal(await snapshot(ctl), before, `${name}: the extension's state is unchanged`);
      await page.close();
    }
    // No request went anywhere the pages did not load themselves: each names
    // its page as referrer, or is a page the test opened.
    const sent = server.log.slice(logStart);
    const opened = Object.values(HOSTILE_PAGES).map((p) => p.url);
    const unexplained = sent.filter((/** @type {any} */ l) => l.method !== 'CONNECT' && !l.headers.referer && !opened.includes(l.url));
    assert.deepEqual(unexplained.map((/** @type {any} */ l) => l.url), [], 'no request by the extension');
    assert.ok(!sent.some((/** @type {any} */ l) => /evil\.test/.test(l.url)), 'nothing to the attacker\'s list URL');
    // (CONNECT is the browser's own HTTPS traffic; every fixture is plain http.)
    for (const l of sent.filter((/** @type {any} */ x) => x.method !== 'CONNECT')) {
      if (/facebook\.com|facebook\.net|google\.com/.test(l.host)) {
        assert.ok(/netflix\.com\/hostile\/(forge-messages|synthetic-clicks|remove-cover|read-shadow)/.test(l.headers.referer ?? ''), `a widget request only from a page that has the widget: ${l.url} from ${l.headers.referer}`);
      }
    }
  },
]);

/** The tab's findings are netflix.com's own Facebook widget, nothing else. */
async function facebookOnly(/** @type {any} */ ctl, /** @type {number} */ tabId) {
  // The report and the badge it draws are two writes: poll for both (a busy
  // machine can take longer than any fixed pause) before checking the rest.
  const s = await waitFor(async () => {
    const st = await ctl.state(tabId);
    return st.findings?.length >= 1 && (await ctl.badge(tabId)).text === '!' && st;
  }, 'the real widget reported, with the alert badge');
  assert.equal(s.site, 'netflix.com');
  for (const f of s.findings) assert.deepEqual([f.provider, f.site], ['facebook', 'netflix.com'], JSON.stringify(f));
}

/** The notice is drawn, connected and keeps its text. */
async function noticeStays(/** @type {any} */ ctl, /** @type {any} */ page) {
  const n = await waitFor(async () => {
    const x = await ctl.notices(page);
    return x.length > 0 && x;
  }, 'the notice');
  assert.equal(n[0].connected, true);
  assert.match(n[0].text, /^netflix\.com — Facebook partner: /);
}

consentScenarios.push([
  'privacy: browsing every fixture page, the extension\'s only request is the list fetch, which names no page',
  async ({ driver, ctl, server }) => {
    const body = readFileSync(signedList, 'utf8');
    server.routes.push((/** @type {any} */ _req, /** @type {URL} */ url) => (url.href === LIST_URL ? { type: 'application/json', body, headers: { 'access-control-allow-origin': '*' } } : null));
    const logStart = server.log.length;
    let r = await ctl.send({ type: 'setSettings', settings: { listUrl: LIST_URL } });
    assert.equal(r.ok, true, JSON.stringify(r));
    r = await ctl.send({ type: 'syncNow' });
    assert.equal(r.ok, true, JSON.stringify(r));
    const visited = [...Object.values(PAGES), ...Object.values(CONSENT_PAGES).filter((p) => p !== CONSENT_PAGES.vendor), ...Object.values(HOSTILE_PAGES)].map((p) => p.url);
    for (const url of visited) {
      const { page } = await openReported(driver, ctl, url);
      await page.close();
    }
    r = await ctl.send({ type: 'syncNow' });
    assert.equal(r.ok, true, JSON.stringify(r));
    await ctl.send({ type: 'setSettings', settings: { listUrl: '' } });

    const log = server.log.slice(logStart).filter((/** @type {any} */ l) => l.method !== 'CONNECT');
    // A request the pages made names its page as referrer, or is a page we opened.
    // Chromium's own update checks (update2 with a cup2key, for components
    // and extensions) can come through the proxy despite
    // --disable-component-update; the extension has no update URL and
    // never asks these hosts.
    const browsers = new Set(['update.googleapis.com', 'clients2.google.com', 'clients2.googleusercontent.com']);
    const ours = log.filter((/** @type {any} */ l) => !l.headers.referer && !visited.includes(l.url) && !browsers.has(new URL(l.url).hostname));
    const strays = ours.filter((/** @type {any} */ l) => l.url !== LIST_URL);
    assert.deepEqual(strays.map((/** @type {any} */ l) => l.url), [], 'no request but the list fetch');
    assert.ok(ours.length >= 2, `the list was fetched: ${ours.length}`);
    const hosts = visited.map((u) => new URL(u).hostname.split('.').slice(-2, -1)[0]);
    for (const l of ours) {
      const where = `${l.url} ${JSON.stringify(l.headers)}`;
      for (const h of hosts) assert.ok(!where.includes(h), `${h} in ${where}`);
      assert.equal(new URL(l.url).search, '', 'no query');
      assert.equal(l.headers.cookie, undefined);
    }
  },
]);

// Last, because a browser without site access cannot run the scenarios
// above: the user withdraws site access; PartnerWatch says so in the options
// page and the popup and offers to ask again. Firefox lets the extension drop
// its host permissions (as the user can in about:addons) and grants the
// request again without a prompt in the tests
// (extensions.webextOptionalPermissionPrompts is off). Chromium refuses to
// drop required permissions from the extension (users withhold site access
// in its own menu), so there the scenario checks the full-access state only.
consentScenarios.push([
  'without site access PartnerWatch says it works with page content only, and the options page asks again',
  async ({ driver, ctl }) => {
    const status = async () => JSON.parse(await ctl.page.evaluate(async () => JSON.stringify(await chrome.runtime.sendMessage({ type: 'getStatus' }))));
    /** The access section of a freshly opened options page. */
    const options = async () => {
      const page = await driver.newPage();
      await page.goto(`${driver.extBase}options/options.html`);
      const view = await waitFor(
        () =>
          page.evaluate(() => {
            const note = /** @type {HTMLElement} */ (document.getElementById('access-note'));
            const button = /** @type {HTMLElement} */ (document.getElementById('grant-access'));
            return note.dataset.mode ? { mode: note.dataset.mode, text: note.textContent, button: button.hidden ? '' : button.textContent } : null;
          }),
        'the options page',
      );
      return { page, view };
    };
    assert.equal((await status()).access.mode, 'full');
    const full = await options();
    assert.deepEqual([full.view.mode, full.view.button], ['full', '']);
    await full.page.close();
    if (driver.name !== 'firefox') return;

    const removed = await ctl.page.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }).catch((/** @type {any} */ e) => String(e)));
    assert.equal(removed, true, `site access removed: ${removed}`);
    const limited = await status();
    assert.equal(limited.ok, true, 'the service worker still answers');
    assert.deepEqual([limited.access.mode, limited.access.hosts], ['dom-only', false]);
    assert.ok(limited.list?.version > 0, 'the list is still loaded');
    const { page, view } = await options();
    assert.equal(view.mode, 'dom-only');
    assert.match(/** @type {string} */ (view.text), /page content only/);
    assert.equal(view.button, 'Grant access');
    const { popup } = await readPopup(driver, 0);
    const note = await popup.evaluate(() => ({ hidden: document.getElementById('access-note')?.hidden, mode: document.getElementById('access-note')?.dataset.mode }));
    assert.deepEqual(note, { hidden: false, mode: 'dom-only' });
    await popup.close();
    await page.click('#grant-access');
    await waitFor(async () => (await status()).access.mode === 'full', 'full access again after the click');
    await page.close();
  },
]);
