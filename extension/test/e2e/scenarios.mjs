// The end-to-end scenarios, written once for both browsers. Each one loads
// fixture pages on their real hosts through the test proxy and checks what a
// user would see: the toolbar badge (read from the browser through an
// extension page), the in-page notice (read from its closed shadow root
// through the browser's automation protocol: drivers.mjs, notices), and the
// popup's rows.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../helpers/paths.mjs';

export const FIXTURES = join(root, 'testdata', 'e2e');

/** Fixture pages and the URLs they are served at. */
export const PAGES = {
  spotify: { url: 'http://accounts.spotify.com/en/login', file: 'spotify-login.html' },
  shop: { url: 'http://www.example-shop.test/login', file: 'shop-google.html' },
  news: { url: 'http://www.example-news.test/today', file: 'news-plain.html' },
  late: { url: 'http://www.netflix.com/login', file: 'netflix-late.html' },
};

/**
 * Small pages written here rather than as fixture files: script that runs
 * from an event-handler attribute, and a link of an app scheme, which the
 * content script must collect as the static observer does.
 */
export const INLINE_PAGES = {
  onclick: {
    url: 'http://www.netflix.com/e2e/onclick-login',
    body: '<!doctype html><meta charset="utf-8"><title>Sign in</title><h1>Sign in</h1><button type="button" id="fb" onclick="FB.login(function (r) { go(r); }, {scope: \'email\'})">Continue</button>',
  },
  viber: {
    url: 'http://www.example-shop.test/contact',
    body: '<!doctype html><meta charset="utf-8"><title>Contact</title><h1>Contact</h1><p>Questions? <a id="viber" href="viber://chat?number=%2B4930123456">Write to us</a></p>',
  },
};

/** @param {import('./server.mjs').startServer extends () => Promise<infer S> ? S : never} server */
export function servePages(server) {
  for (const p of Object.values(PAGES)) server.page(p.url, join(FIXTURES, p.file));
  for (const p of Object.values(INLINE_PAGES)) {
    const u = new URL(p.url);
    server.pages.set(`${u.host}${u.pathname}`, { type: 'text/html; charset=utf-8', body: p.body });
  }
}

/**
 * Polls fn until it answers a truthy value.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
export async function waitFor(fn, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * An extension page kept open to talk to the extension as the popup does.
 * @param {import('./drivers.mjs').Driver} driver
 */
export async function controlPage(driver) {
  const page = await driver.newPage();
  await page.goto(`${driver.extBase}options/options.html`);
  const api = {
    page,
    /** @param {any} msg */
    send: (msg) => page.evaluate((m) => chrome.runtime.sendMessage(m), msg),
    /**
     * The tab the extension has reported on at a URL (prefix), found in the
     * extension's per-tab session state (tab URLs need the "tabs"
     * permission, which the extension does not ask for).
     * @param {string} url
     * @param {number} [since] only a report made at or after this time
     *   (Date.now()): a tab closed just before may not be forgotten yet
     */
    tabId: (url, since = 0) =>
      waitFor(
        () =>
          page.evaluate(async ([u, t]) => {
            const all = await chrome.storage.session.get(null);
            const hit = Object.entries(all)
              .filter(([k, v]) => k.startsWith('tab:') && typeof v?.url === 'string' && v.url.startsWith(u) && (v.timing?.at ?? 0) >= t)
              .sort(([, a], [, b]) => (b.timing?.at ?? 0) - (a.timing?.at ?? 0))[0];
            return hit ? Number(hit[0].slice(4)) : undefined;
          }, [url, since]),
        `a report on a tab at ${url}`,
      ),
    /** The badge as the browser shows it. @param {number} tabId */
    badge: (tabId) =>
      page.evaluate(async (id) => ({ text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }), tabId),
    /**
     * The notices drawn in a page's top frame, read from their closed shadow
     * roots through the browser's automation protocol.
     * @param {import('./drivers.mjs').Page} p
     */
    notices: (p) => driver.notices(p),
    /**
     * A tab's state (getTabState). It crosses as JSON text: WebDriver BiDi
     * (Firefox) cuts deep objects returned by evaluate.
     * @param {number} tabId
     */
    state: async (tabId) =>
      JSON.parse((await page.evaluate(async (id) => JSON.stringify(await chrome.runtime.sendMessage({ type: 'getTabState', tabId: id })), tabId)) ?? 'null'),
  };
  return api;
}

/**
 * Opens a page and waits until the extension has reported on it.
 * @param {import('./drivers.mjs').Driver} driver
 * @param {Awaited<ReturnType<typeof controlPage>>} ctl
 * @param {string} url
 */
export async function openReported(driver, ctl, url) {
  const page = await driver.newPage();
  const since = Date.now();
  await page.goto(url);
  const tabId = await ctl.tabId(url, since);
  await waitFor(async () => (await ctl.state(tabId))?.timing, `a report on ${url}`);
  return { page, tabId };
}

/**
 * Reads the popup for a tab.
 * @param {import('./drivers.mjs').Driver} driver
 * @param {number} tabId
 */
export async function readPopup(driver, tabId) {
  const popup = await driver.newPage();
  // The popup must read at 800×600 without scrolling sideways.
  if (typeof popup.raw.setViewportSize === 'function') await popup.raw.setViewportSize({ width: 800, height: 600 });
  else await popup.raw.setViewport({ width: 800, height: 600 });
  await popup.goto(`${driver.extBase}popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
  const view = await popup.evaluate(() => ({
    site: document.getElementById('site')?.textContent,
    badge: document.getElementById('badge')?.dataset.text,
    findings: [...document.querySelectorAll('#findings > li')].map((li) => ({
      provider: /** @type {HTMLElement} */ (li).dataset.provider,
      kind: /** @type {HTMLElement} */ (li).dataset.kind,
      alert: /** @type {HTMLElement} */ (li).dataset.alert,
      evidence: [...li.querySelectorAll('.evidence li')].map((e) => e.textContent),
      dismissed: !!li.querySelector('.dismissed'),
    })),
    partner: /** @type {HTMLElement} */ (document.getElementById('partner-section')).hidden ? null : document.getElementById('partner-section')?.dataset.partner,
    grants: [...document.querySelectorAll('#grants tbody tr')].map((tr) => ({
      platform: /** @type {HTMLElement} */ (tr).dataset.platform,
      evidence: /** @type {HTMLElement} */ (tr).dataset.evidence,
      cells: [...tr.children].map((td) => td.textContent),
      links: [...tr.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      responses: [...tr.querySelectorAll('.response')].map((r) => ({ kind: /** @type {HTMLElement} */ (r).dataset.kind, text: r.textContent })),
    })),
    listVersion: document.getElementById('list-status')?.dataset.version,
    overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  return { popup, view };
}

/** @typedef {{driver: import('./drivers.mjs').Driver, ctl: Awaited<ReturnType<typeof controlPage>>, server: any, worker: any}} Env */

/** @type {[string, (env: Env) => Promise<void>][]} */
export const scenarios = [
  [
    'a partner site with Facebook Login shows the alert badge, the notice and the grants',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tabId);
        return b.text === '!' && b;
      }, 'the alert badge');
      assert.equal(badge.title, 'PartnerWatch: spotify.com is operated by Spotify, which was granted access to your data by Facebook. Click for details.');
      const notices = await waitFor(async () => {
        const n = await ctl.notices(page);
        return n.length > 0 && n;
      }, 'the in-page notice');
      assert.equal(notices.length, 1);
      assert.equal(notices[0].provider, 'facebook');
      assert.equal(notices[0].connected, true);
      assert.equal(notices[0].anchorTag, 'div', 'anchored next to the Facebook button');
      assert.match(notices[0].text, /^spotify\.com — Facebook partner: could read your private messages, send private messages in your name, delete your private messages/);
      assert.match(notices[0].text, /Facebook newsroom, Portuguese edition \(Ime Archibong\), Dec 2018\)$/);
      // The page sees a host element and nothing inside it.
      const seen = await page.evaluate(() => {
        const host = document.querySelector('partnerwatch-notice');
        return { host: !!host, shadowRoot: host?.shadowRoot ?? null, text: host?.textContent ?? '', next: host?.previousElementSibling?.className };
      });
      assert.deepEqual(seen, { host: true, shadowRoot: null, text: '', next: 'fb-login-button' });
      if (driver.piercedText) assert.match(await driver.piercedText(page), /spotify\.com — Facebook partner: could read your private messages/);
      // A page that removes the notice gets it back.
      await page.evaluate(() => document.querySelector('partnerwatch-notice')?.remove());
      await waitFor(async () => (await page.evaluate(() => !!document.querySelector('partnerwatch-notice'))), 'the notice put back');
      // The popup: the finding row and the grants table.
      const { popup, view } = await readPopup(driver, tabId);
      assert.equal(view.site, 'spotify.com');
      assert.equal(view.badge, '!');
      // One row per platform and kind, each evidence line once, at 800×600 without sideways scrolling.
      assert.equal(view.findings.length, 1, JSON.stringify(view.findings));
      for (const f of view.findings) assert.deepEqual([f.provider, f.kind, f.alert], ['facebook', 'login', 'true']);
      for (const f of view.findings) assert.equal(new Set(f.evidence).size, f.evidence.length, JSON.stringify(f.evidence));
      assert.ok(view.overflowX <= 0, `the popup scrolls sideways by ${view.overflowX} px at 800×600`);
      assert.ok(view.findings.some((f) => f.evidence.includes("has the widget's markup (div.fb-login-button)")), JSON.stringify(view.findings));
      assert.equal(view.partner, 'spotify');
      assert.ok(view.grants.length >= 1);
      assert.equal(view.grants[0].platform, 'facebook');
      assert.match(/** @type {string} */ (view.grants[0].cells[1]), /Read your private messages/);
      assert.ok(view.grants[0].links.includes('https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html'), JSON.stringify(view.grants[0].links));
      assert.match(/** @type {string} */ (view.grants[0].cells[6]), /Spotify/);
      // Quotes read as quotes with their speaker; summaries are our words, never in quotation marks.
      const responses = view.grants.flatMap((g) => g.responses);
      assert.ok(responses.some((r) => r.kind === 'quote' && /^“.+” — .+, \d/.test(r.text)), JSON.stringify(responses));
      assert.ok(responses.some((r) => r.kind === 'summary'), JSON.stringify(responses));
      for (const r of responses.filter((x) => x.kind !== 'quote')) assert.doesNotMatch(r.text, /[“”"„«»]/, `a ${r.kind} in quotation marks: ${r.text}`);
      assert.ok(Number(view.listVersion) > 0);
      await popup.close();
      await page.close();
    },
  ],
  [
    'a non-partner site with Google Sign-In shows the neutral badge and no notice',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.shop.url);
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tabId);
        return b.text !== '' && b;
      }, 'the badge');
      assert.equal(badge.text, '1');
      assert.match(badge.title, /^PartnerWatch: 1 widget\(s\) found \(Sign in with Google.*\)\. The list names no grant to the operator of example-shop\.test/);
      assert.deepEqual(await ctl.notices(page), [], 'notices only for partner sites by default');
      const { popup, view } = await readPopup(driver, tabId);
      assert.ok(view.findings.length >= 1);
      for (const f of view.findings) assert.deepEqual([f.provider, f.kind, f.alert], ['google', 'login', 'false']);
      assert.equal(view.partner, null);
      await popup.close();
      await page.close();
    },
  ],
  [
    'a page without widgets shows nothing',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.news.url);
      const state = await ctl.state(tabId);
      assert.deepEqual(state.findings, []);
      assert.equal((await ctl.badge(tabId)).text, '');
      assert.deepEqual(await ctl.notices(page), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('partnerwatch-notice').length), 0);
      await page.close();
    },
  ],
  [
    'a widget injected two seconds after load is found',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.late.url);
      // Badge first, page second: if the widget is still missing after the
      // badge was read, the badge was read before it appeared (the other
      // order races with the injection on a slow machine).
      const early = await ctl.badge(tabId);
      const before = await page.evaluate(() => document.body.dataset.injected ?? 'no');
      if (before === 'no') assert.equal(early.text, '', 'nothing before the widget appears');
      const badge = await waitFor(async () => {
        const b = await ctl.badge(tabId);
        return b.text === '!' && b;
      }, 'the alert badge after the injection', 10_000);
      assert.match(badge.title, /netflix\.com is operated by Netflix/);
      assert.equal(await page.evaluate(() => document.body.dataset.injected), 'true');
      const notices = await waitFor(async () => {
        const n = await ctl.notices(page);
        return n.length > 0 && n;
      }, 'the notice after the injection');
      assert.match(notices[0].text, /^netflix\.com — Facebook partner: /);
      await page.close();
    },
  ],
  [
    'an onclick="FB.login(...)" button on a partner site and a viber:// chat link are found',
    async ({ driver, ctl }) => {
      /** The tab's findings as [provider, kind, signal, value]. */
      const findings = async (/** @type {number} */ tabId) => {
        const s = await ctl.state(tabId);
        return /** @type {any[]} */ (s?.findings ?? []).flatMap((f) => f.evidence.map((/** @type {any} */ e) => [f.provider, f.kind, e.signal, e.value]));
      };
      const login = await openReported(driver, ctl, INLINE_PAGES.onclick.url);
      const fb = await waitFor(async () => {
        const f = await findings(login.tabId);
        return f.length > 0 && f;
      }, 'the Facebook finding from the onclick handler');
      // The SDK call, and the button itself read by the control recogniser
      // (fb and login in its handler), on one finding.
      assert.deepEqual(fb, [['facebook', 'login', 'call', 'FB.login('], ['facebook', 'login', 'control', 'route: Continue']]);
      const badge = await waitFor(async () => {
        const b = await ctl.badge(login.tabId);
        return b.text === '!' && b;
      }, 'the alert badge');
      assert.match(badge.title, /netflix\.com is operated by Netflix/);
      await login.page.close();

      const chat = await openReported(driver, ctl, INLINE_PAGES.viber.url);
      const viber = await waitFor(async () => {
        const f = await findings(chat.tabId);
        return f.length > 0 && f;
      }, 'the Viber finding from the viber:// link');
      assert.deepEqual(viber, [['viber', 'messaging', 'link', 'viber://chat?number=%2B4930123456']]);
      assert.equal((await waitFor(async () => {
        const b = await ctl.badge(chat.tabId);
        return b.text !== '' && b;
      }, 'the neutral badge')).text, '1');
      await chat.page.close();
    },
  ],
  [
    'a Google sign-in configured for FedCM is found and marked as running through the browser\'s dialog; the same widget without FedCM is not',
    async ({ driver, ctl, server }) => {
      // Fixture pages of the static scanner (testdata/pages/expect-fedcm.json),
      // served over the test proxy at their own hosts.
      const pages = [
        { url: 'http://www.harbourline-ferries.com/account/login', file: 'google-gis-fedcm-html-api.html', fedcm: true },
        { url: 'http://app.quillpad-notes.com/signin', file: 'google-gis-fedcm-js-api.html', fedcm: true },
        { url: 'http://members.oakridge-rowing.org/', file: 'google-gis-fedcm-off.html', fedcm: false },
      ];
      for (const p of pages) server.page(p.url, join(root, 'testdata', 'pages', 'positive', p.file));
      for (const p of pages) {
        const { page, tabId } = await openReported(driver, ctl, p.url);
        const google = await waitFor(async () => {
          const s = await ctl.state(tabId);
          return /** @type {any[]} */ (s?.findings ?? []).find((f) => f.provider === 'google' && f.kind === 'login');
        }, `the Google sign-in on ${p.file}`);
        assert.equal(google.fedcm === true, p.fedcm, `${p.file}: fedcm is ${google.fedcm}`);
        await page.close();
      }
    },
  ],
  [
    'dismissing always on this site survives a reload, and undo brings the notice back',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
      await waitFor(async () => (await ctl.notices(page)).length === 1, 'the notice');
      const { popup } = await readPopup(driver, tabId);
      await popup.click('#findings li[data-provider="facebook"] button[data-scope="site"]');
      await waitFor(async () => (await ctl.notices(page)).length === 0, 'the notice hidden');
      const d = await ctl.send({ type: 'getStatus' });
      assert.deepEqual(d.dismissals, { sites: { 'spotify.com': ['facebook'] }, providers: [] });
      await popup.close();
      // Reload: a fresh content script, a fresh report, still no notice.
      const before = (await ctl.state(tabId)).timing.at;
      await page.reload();
      await waitFor(async () => (await ctl.state(tabId))?.timing?.at > before, 'a new report after the reload');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await ctl.notices(page), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('partnerwatch-notice').length), 0);
      // A dismissed warning turns the badge neutral: a count, not an alert.
      assert.equal((await ctl.badge(tabId)).text, '1', 'the badge is neutral after the dismissal');
      const again = await readPopup(driver, tabId);
      assert.equal(again.view.findings[0].dismissed, true);
      await again.popup.close();
      // Undo (as the options page does), reload: the notice is back.
      const undo = await ctl.send({ type: 'undoDismissal', scope: 'site', provider: 'facebook', site: 'spotify.com' });
      assert.equal(undo.ok, true);
      await page.reload();
      await waitFor(async () => (await ctl.notices(page)).length === 1, 'the notice after undo');
      await waitFor(async () => (await ctl.badge(tabId)).text === '!', 'the alert badge after undo');
      await page.close();
    },
  ],
  [
    "the worker keeps its list's snapshot as bytes in IndexedDB, vouched for by their SHA-256 in the session record",
    async ({ ctl }) => {
      // Read from an extension page, as the worker reads them; the answer
      // crosses as JSON text (WebDriver BiDi cuts typed arrays).
      const kept = await waitFor(
        async () =>
          JSON.parse(
            await ctl.page.evaluate(async () => {
              const record = (await chrome.storage.session.get('listVerified')).listVerified;
              if (typeof record?.snapshot !== 'string') return 'null';
              /** @type {any} */
              const snap = await new Promise((resolve) => {
                const open = indexedDB.open('partnerwatch', 1);
                open.onerror = () => resolve(null);
                open.onsuccess = () => {
                  const get = open.result.transaction('kv').objectStore('kv').get('listSnapshot');
                  get.onsuccess = () => resolve(get.result);
                  get.onerror = () => resolve(null);
                };
              });
              if (!(snap?.bytes instanceof Uint8Array) || snap.sha256 !== record.sha256) return 'null';
              const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', snap.bytes));
              const hash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
              return hash === record.snapshot ? JSON.stringify({ bytes: snap.bytes.length }) : 'null';
            }),
          ),
        'a snapshot kept, of the verified envelope, whose bytes hash to the session record',
        20_000,
      );
      assert.ok(kept.bytes > 1_000_000, `${kept.bytes} bytes`);
    },
  ],
];

/** The host of the "compromised mirror" the test proxy plays. */
export const MIRROR = 'http://mirror.partnerwatch.test/v1/list';

scenarios.push([
  'a list update from the native worker is verified and applied; a tampered or older list is refused and the last good one kept',
  async ({ driver, ctl, server, worker }) => {
    const { loadKey, payloadOf, signList, tamper, withVersion } = await import('../helpers/sign.mjs');
    const { devKey, signedList } = await import('../helpers/paths.mjs');
    const { readFileSync } = await import('node:fs');
    const start = await ctl.send({ type: 'getStatus' });
    assert.equal(start.ok, true);
    const v0 = start.list.version;
    const base = payloadOf(readFileSync(signedList, 'utf8'));
    const key = loadKey(devKey);
    // Versions are issue times: the update is stamped now (a minute ahead,
    // within the clock skew), so it is newer than the bundled list.
    const vNew = Math.max(v0 + 1, Math.floor(Date.now() / 1000) + 60);
    const newer = signList(withVersion(base, { version: vNew }), key);
    const up = await worker.upload(newer);
    assert.ok(up.status >= 200 && up.status < 300, `upload: ${up.status} ${up.body}`);

    // The worker: fetched as soon as its URL is set, verified and applied.
    let r = await ctl.send({ type: 'setSettings', settings: { listUrl: worker.url } });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.synced?.outcome, 'updated', JSON.stringify(r.synced));
    r = await ctl.send({ type: 'getStatus' });
    assert.equal(r.list.version, vNew);
    assert.equal(r.list.source, 'synced');
    // Again: the ETag gives 304.
    r = await ctl.send({ type: 'syncNow' });
    assert.equal(r.outcome, 'not_modified', JSON.stringify(r.sync));

    // A compromised mirror: tampered, older, and unsigned-by-us lists.
    const served = { body: '' };
    const mirror = (/** @type {any} */ req, /** @type {URL} */ url) =>
      url.href === MIRROR ? { type: 'application/json', body: served.body, headers: { 'access-control-allow-origin': '*' } } : null;
    server.routes.push(mirror);
    try {
      r = await ctl.send({ type: 'setSettings', settings: { listUrl: MIRROR } });
      assert.equal(r.ok, true);
      const cases = [
        { name: 'tampered', body: tamper(signList(withVersion(base, { version: vNew + 1 }), key)), code: 'bad_signature' },
        { name: 'older', body: signList(withVersion(base, { version: vNew - 30 }), key), code: 'rollback' },
        { name: 'signed for another list id', body: signList({ ...withVersion(base, { version: vNew + 2 }), id: 'some-other-list' }, key), code: 'wrong_list' },
        { name: 'not JSON', body: '<html>maintenance</html>', code: 'bad_envelope' },
      ];
      for (const c of cases) {
        served.body = c.body;
        r = await ctl.send({ type: 'syncNow' });
        assert.equal(r.outcome, 'failed', c.name);
        assert.equal(r.sync.lastError.code, c.code, `${c.name}: ${JSON.stringify(r.sync.lastError)}`);
        assert.equal(r.list.version, vNew, `${c.name}: the last good list is kept`);
      }
    } finally {
      server.routes.splice(server.routes.indexOf(mirror), 1);
    }
    // Pages are still reported with the last good list.
    const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
    const state = await ctl.state(tabId);
    assert.equal(state.frames[0].report.list_version, vNew);
    await page.close();

    // Nothing about the pages went to the list servers.
    const listRequests = server.log.filter((/** @type {any} */ l) => l.url.includes('/v1/list'));
    assert.ok(listRequests.length >= 5);
    for (const l of listRequests) {
      assert.equal(l.headers.referer, undefined, 'no referrer');
      assert.equal(l.headers.cookie, undefined, 'no cookie');
      assert.doesNotMatch(l.url, /spotify|netflix|example-shop|example-news/);
    }
    await ctl.send({ type: 'setSettings', settings: { listUrl: '' } });
  },
]);

scenarios.push([
  'settings, pinned keys and dismissals live where content scripts cannot write: what lands in storage.local is never read',
  async ({ ctl }) => {
    const before = await ctl.send({ type: 'getStatus' });
    assert.equal(before.ok, true);
    assert.equal(before.storage.trusted, 'indexeddb', JSON.stringify(before.storage));
    // What a content script could write to extension storage.local in
    // Firefox (Chromium refuses it; see the Chromium-only scenario): an
    // attacker's list URL and key, notices off, Facebook silenced, sync parked.
    const forged = {
      settings: { notices: 'none', listUrl: 'https://evil.test/v1/list', listId: 'evil', keys: [{ id: 'aaaaaaaaaaaaaaaa', public_key: 'A'.repeat(43) + '=' }], syncMinutes: 15 },
      dismissals: { sites: {}, providers: ['facebook', 'google'] },
      sync: { nextAt: Date.now() + 50 * 365 * 86400_000 },
    };
    const wrote = await ctl.page.evaluate(async (items) => {
      try {
        await chrome.storage.local.set(items);
        return 'written';
      } catch (e) {
        return String(e);
      }
    }, forged);
    assert.equal(wrote, 'written', 'an extension page can still write storage.local');
    const after = await ctl.send({ type: 'getStatus' });
    assert.deepEqual(after.settings, before.settings, 'the settings are not read from storage.local');
    assert.deepEqual(after.dismissals, before.dismissals, 'nor the dismissals');
    assert.deepEqual(after.sync, before.sync, 'nor the sync state');
    await ctl.page.evaluate(() => chrome.storage.local.clear());
  },
]);

/**
 * Scenarios that need the DevTools protocol to reach into the closed shadow
 * root (Chromium only).
 * @type {[string, (env: Env) => Promise<void>][]}
 */
export const chromiumOnly = [
  [
    'the notice ignores synthetic clicks, only dismisses here or opens the details page; lasting choices are checked against the tab\'s findings',
    async ({ driver, ctl }) => {
      const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
      await waitFor(async () => (await ctl.notices(page)).length === 1, 'the notice');
      const noticeButton = /** @type {NonNullable<typeof driver.noticeButton>} */ (driver.noticeButton);
      const btn = await noticeButton(page, 'once');
      assert.ok(btn, 'the Dismiss button is in the closed shadow root');
      // No lasting choice inside the page.
      for (const gone of ['site', 'provider']) assert.equal(await noticeButton(page, gone), null, `no "${gone}" button in the notice`);
      // A page script clicks it: nothing happens.
      await btn.syntheticClick();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await ctl.notices(page)).length, 1, 'a synthetic click does not dismiss');
      // The user clicks it: the notice goes, for this page only.
      await page.raw.mouse.click(btn.x, btn.y);
      await waitFor(async () => (await ctl.notices(page)).length === 0, 'the notice dismissed once');
      await btn.detach();
      const d = await ctl.send({ type: 'getStatus' });
      assert.deepEqual(d.dismissals, { sites: {}, providers: [] }, 'dismissing once records nothing');
      await page.reload();
      await waitFor(async () => (await ctl.notices(page)).length === 1, 'the notice back after a reload');
      // "Details" opens the extension's page for this tab, where the lasting choices are.
      const details = await noticeButton(page, 'details');
      const opened = page.raw.context().waitForEvent('page', { timeout: 10_000 });
      await page.raw.mouse.click(details.x, details.y);
      const detailsPage = await opened;
      await details.detach();
      await detailsPage.waitForLoadState('load');
      assert.equal(detailsPage.url(), `${driver.extBase}popup/popup.html?tab=${tabId}`);
      await detailsPage.waitForSelector('#findings li[data-provider="facebook"] button[data-scope="provider"]');
      await detailsPage.click('#findings li[data-provider="facebook"] button[data-scope="provider"]');
      await waitFor(async () => (await ctl.send({ type: 'getStatus' })).dismissals.providers.includes('facebook'), 'the provider dismissal stored');
      await detailsPage.close();
      // A dismissal for a platform this tab never showed is refused.
      const forged = await ctl.send({ type: 'dismiss', tabId, scope: 'provider', provider: 'google' });
      assert.equal(forged.ok, false, JSON.stringify(forged));
      assert.equal(forged.error.code, 'bad_request');
      assert.deepEqual((await ctl.send({ type: 'getStatus' })).dismissals.providers, ['facebook']);
      const undo = await ctl.send({ type: 'undoDismissal', scope: 'provider', provider: 'facebook' });
      assert.deepEqual(undo.dismissals, { sites: {}, providers: [] });
      await page.close();
    },
  ],  [
    'the content script\'s own world cannot read or write extension storage (storage.local restricted to trusted contexts)',
    async ({ driver, ctl }) => {
      const status = await ctl.send({ type: 'getStatus' });
      assert.deepEqual(status.storage.restricted, ['local', 'session'], JSON.stringify(status.storage));
      const { page } = await openReported(driver, ctl, PAGES.spotify.url);
      // The content script's isolated world, through the DevTools protocol.
      const cdp = await page.raw.context().newCDPSession(page.raw);
      /** @type {any[]} */
      const contexts = [];
      cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
      await cdp.send('Runtime.enable');
      const world = await waitFor(async () => contexts.find((c) => c.auxData?.type === 'isolated' && String(c.origin).startsWith(driver.extBase.slice(0, -1))), 'the content script world');
      const run = async (/** @type {string} */ expression) =>
        (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })).result.value;
      assert.equal(await run('typeof PartnerWatchNotices'), 'object', 'this is the content script\'s world');
      const write = await run(`chrome.storage.local.set({ settings: { listUrl: 'https://evil.test/' } }).then(() => 'written', (e) => 'refused: ' + e.message)`);
      assert.match(write, /^refused/, write);
      const read = await run(`chrome.storage.session.get(null).then((v) => 'read ' + Object.keys(v).length, (e) => 'refused: ' + e.message)`);
      assert.match(read, /^refused/, read);
      await cdp.detach();
      await page.close();
    },
  ],
];
