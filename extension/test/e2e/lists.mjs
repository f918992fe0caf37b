// End-to-end scenarios of several signed lists and of list freshness, for
// both browsers: two grants lists served by the test proxy, subscribed
// beside the bundled list and merged with each grant's list shown in the
// popup and, for a grant from another list than the detection list, in the
// in-page notice; one of them failing (tampered, then unreachable) while the other
// and the failing one's last good copy stay; and the popup turning stale
// when the list in use expires (audit check B3).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MIRROR, PAGES, openReported, readPopup, waitFor } from './scenarios.mjs';

const LIST_A = 'http://lists-a.partnerwatch.test/v1/list';
const LIST_B = 'http://lists-b.partnerwatch.test/v1/list';
const CORS = { 'access-control-allow-origin': '*' };

/**
 * Serves list bodies at their URLs through the test proxy: a string is
 * served as the list, null as a 503 (the server down). Answers the route's
 * remover.
 * @param {any} server
 * @param {Record<string, string|null>} served
 */
function serveLists(server, served) {
  const route = (/** @type {any} */ _req, /** @type {URL} */ url) => {
    if (!(url.href in served)) return null;
    const body = served[url.href];
    return body === null ? { status: 503, body: 'down', headers: CORS } : { type: 'application/json', body, headers: CORS };
  };
  server.routes.push(route);
  return () => server.routes.splice(server.routes.indexOf(route), 1);
}

/**
 * The grants rows of a tab's popup as [platform, list id] pairs, the list id
 * read from the text the popup shows.
 * @param {any} driver @param {number} tabId
 */
async function popupGrants(driver, tabId) {
  const { popup, view } = await readPopup(driver, tabId);
  const lists = await popup.evaluate(() => [...document.querySelectorAll('#grants tbody tr')].map((tr) => [/** @type {HTMLElement} */ (tr).dataset.platform, tr.querySelector('.from-list')?.textContent ?? '']));
  await popup.close();
  return { view, grants: /** @type {[string, string][]} */ (lists) };
}

/** @type {[string, (env: import('./scenarios.mjs').Env) => Promise<void>][]} */
export const listScenarios = [];

listScenarios.push([
  'two signed lists merge beside the bundled list with each grant\'s list shown; one failing list leaves the other and its own last good copy intact',
  async ({ driver, ctl, server }) => {
    const { grantsPayload, newKey, partnerWith, payloadOf, signList, tamper } = await import('../helpers/sign.mjs');
    const { signedList } = await import('../helpers/paths.mjs');
    const base = payloadOf(readFileSync(signedList, 'utf8'));
    const now = Math.floor(Date.now() / 1000);
    const keyA = newKey();
    const keyB = newKey();
    // List A names the shop's operator (the bundled list names none), list B
    // adds a grant to Spotify's (which the bundled list names).
    const listA = (/** @type {number} */ v) =>
      signList(grantsPayload(base, { id: 'e2e-grants-a', version: v, partners: [partnerWith(base, { id: 'example-shop', name: 'Example Shop', domains: ['example-shop.test'], platform: 'google', summary: 'List A says Google granted the shop access.' })] }), keyA);
    const listB = (/** @type {number} */ v) =>
      signList(grantsPayload(base, { id: 'e2e-grants-b', version: v, partners: [partnerWith(base, { id: 'spotify', name: 'Spotify', domains: ['spotify.com'], platform: 'google', summary: 'List B says Google granted Spotify access.' })] }), keyB);
    /** @type {Record<string, string|null>} */
    const served = { [LIST_A]: listA(now), [LIST_B]: listB(now) };
    const unserve = serveLists(server, served);
    try {
      let r = await ctl.send({ type: 'addSubscription', url: LIST_A, listId: 'e2e-grants-a', keys: [keyA.pub] });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.outcome, 'updated', JSON.stringify(r.sync));
      r = await ctl.send({ type: 'addSubscription', url: LIST_B, listId: 'e2e-grants-b', keys: [keyB.pub] });
      assert.equal(r.outcome, 'updated', JSON.stringify(r.sync));
      // Bad input: refused with a reason, nothing added.
      r = await ctl.send({ type: 'addSubscription', url: LIST_B, listId: 'partnerwatch-default', keys: [keyB.pub] });
      assert.equal(r.ok, false);
      assert.match(r.error.message, /detection list/);

      // Merged, with provenance, as the popup shows it.
      const shop = await openReported(driver, ctl, PAGES.shop.url);
      let got = await popupGrants(driver, shop.tabId);
      assert.equal(got.view.partner, 'example-shop');
      assert.deepEqual(got.grants, [['google', '(list: e2e-grants-a)']]);
      assert.equal(got.view.findings.find((f) => f.provider === 'google')?.alert, 'true', 'list A\'s grant raises the alert');
      // The in-page notice names list A too, as text (not the detection list).
      const shopNotices = await waitFor(async () => {
        const n = await ctl.notices(shop.page);
        return n.length > 0 && n;
      }, 'the shop\'s notice');
      assert.deepEqual(shopNotices.map((n) => n.provider), ['google']);
      assert.match(shopNotices[0].text, /^example-shop\.test — Google partner: .* \(list: e2e-grants-a\)$/);
      const spotify = await openReported(driver, ctl, PAGES.spotify.url);
      got = await popupGrants(driver, spotify.tabId);
      assert.equal(got.view.partner, 'spotify');
      const bundledRows = got.grants.filter(([, l]) => l === '(list: partnerwatch-default)');
      assert.ok(bundledRows.length > 0, JSON.stringify(got.grants));
      assert.deepEqual(got.grants.slice(bundledRows.length), [['google', '(list: e2e-grants-b)']]);
      // Spotify's Facebook notice comes from the detection list: no list named.
      const spotifyNotices = await waitFor(async () => {
        const n = await ctl.notices(spotify.page);
        return n.length > 0 && n;
      }, 'Spotify\'s notice');
      for (const n of spotifyNotices) {
        if (n.provider === 'google') assert.match(n.text, / \(list: e2e-grants-b\)$/);
        else assert.doesNotMatch(n.text, /\(list: /, n.text);
      }
      assert.ok(spotifyNotices.some((n) => n.provider === 'facebook'), JSON.stringify(spotifyNotices));

      // List A fails: tampered, then its server down.
      for (const c of [
        { body: tamper(listA(now + 10)), code: 'bad_signature' },
        { body: null, code: 'http' },
      ]) {
        served[LIST_A] = c.body;
        r = await ctl.send({ type: 'syncNow', listId: 'e2e-grants-a' });
        assert.equal(r.outcome, 'failed');
        assert.equal(r.sync.lastError.code, c.code, JSON.stringify(r.sync.lastError));
        assert.equal(r.list.version, now, 'A keeps its last good copy');
      }
      const status = await ctl.send({ type: 'getStatus' });
      assert.deepEqual(
        status.subscriptions.map((/** @type {any} */ s) => [s.listId, s.list?.version, s.sync.lastOutcome, s.sync.failures]),
        [['e2e-grants-a', now, 'failed', 2], ['e2e-grants-b', now, 'updated', 0]],
      );
      assert.notEqual(status.sync.lastOutcome, 'failed', 'the detection list\'s sync is not touched');

      // Pages are reported with both: A's last good copy, B intact.
      await shop.page.reload();
      await waitFor(async () => (await ctl.state(shop.tabId))?.frames?.[0]?.report?.partner?.grants?.[0]?.list === 'e2e-grants-a', 'the shop reported again with list A');
      got = await popupGrants(driver, shop.tabId);
      assert.deepEqual(got.grants, [['google', '(list: e2e-grants-a)']]);
      got = await popupGrants(driver, spotify.tabId);
      assert.deepEqual(got.grants.slice(-1), [['google', '(list: e2e-grants-b)']]);
      await shop.page.close();
      await spotify.page.close();

      // The options page shows each list's state.
      await ctl.page.goto(`${driver.extBase}options/options.html`);
      const rows = await waitFor(
        () => ctl.page.evaluate(() => [...document.querySelectorAll('#subs > li')].map((li) => [/** @type {HTMLElement} */ (li).dataset.listId, /** @type {HTMLElement} */ (li).dataset.outcome, li.querySelector('.sub-state')?.textContent ?? ''])).then((x) => (x.length === 2 ? x : null)),
        'the options page lists both',
      );
      assert.deepEqual(rows.map(([id, outcome]) => [id, outcome]), [['e2e-grants-a', 'failed'], ['e2e-grants-b', 'updated']]);
      assert.match(rows[0][2], /HTTP 503/);

      // The list requests named no page.
      for (const l of server.log.filter((/** @type {any} */ x) => /lists-[ab]\.partnerwatch\.test/.test(x.host))) {
        assert.ok(l.url === LIST_A || l.url === LIST_B, l.url);
        assert.equal(l.headers.referer, undefined);
        assert.equal(l.headers.cookie, undefined);
      }
    } finally {
      for (const id of ['e2e-grants-a', 'e2e-grants-b']) await ctl.send({ type: 'removeSubscription', listId: id });
      unserve();
    }
    const after = await ctl.send({ type: 'getStatus' });
    assert.deepEqual(after.subscriptions, []);
  },
]);

listScenarios.push([
  'the popup turns stale when the list in use expires, without waiting for a sync (audit B3)',
  async ({ driver, ctl, server }) => {
    const { loadKey, payloadOf, signList, withVersion } = await import('../helpers/sign.mjs');
    const { devKey, devPub, signedList } = await import('../helpers/paths.mjs');
    const base = payloadOf(readFileSync(signedList, 'utf8'));
    const start = await ctl.send({ type: 'getStatus' });
    // A list issued now (its version is its issue time) that expires in 20 s.
    const issued = Math.max(start.list.version + 1, Math.floor(Date.now() / 1000));
    const expires = new Date(Math.max(issued * 1000, Date.now()) + 20_000);
    const body = signList(withVersion(base, { version: issued, expires }), loadKey(devKey));
    const unserve = serveLists(server, { [MIRROR]: body });
    try {
      // Setting the URL fetches at once (audit B7: no fixed 30 s wait).
      const r = await ctl.send({ type: 'setSettings', settings: { listUrl: MIRROR } });
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.equal(r.synced?.outcome, 'updated', JSON.stringify(r.synced));
      const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
      const read = async () => {
        const { popup } = await readPopup(driver, tabId);
        const ls = await popup.evaluate(() => {
          const el = /** @type {HTMLElement} */ (document.getElementById('list-status'));
          return { version: el.dataset.version, freshness: el.dataset.freshness, stale: !!el.querySelector('.stale') };
        });
        await popup.close();
        return ls;
      };
      assert.deepEqual(await read(), { version: String(issued), freshness: 'fresh', stale: false });
      // Within one alarm period (30 s) of the expiry, with no sync between.
      const fetches = server.log.length;
      await new Promise((res) => setTimeout(res, Math.max(0, expires.getTime() - Date.now())));
      const stale = await waitFor(async () => {
        const ls = await read();
        return ls.freshness === 'stale' ? ls : null;
      }, 'the popup showing the list stale', 30_000);
      assert.deepEqual(stale, { version: String(issued), freshness: 'stale', stale: true }, 'the same list, still used, shown stale');
      assert.equal(server.log.slice(fetches).filter((/** @type {any} */ l) => l.url === MIRROR).length, 0, 'no sync was needed');
      const state = await ctl.state(tabId);
      assert.equal(state.frames[0].report.list_version, issued, 'matching goes on with the stale list');
      await page.close();
    } finally {
      unserve();
      // Back to the bundled list: other keys take the rotation path, which
      // forgets the synced list; then the defaults again.
      await ctl.send({ type: 'setSettings', settings: { listUrl: '', keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat() } });
      await ctl.send({ type: 'setSettings', settings: { keys: [] } });
    }
    const after = await ctl.send({ type: 'getStatus' });
    assert.equal(after.list.source, 'bundled');
  },
]);

listScenarios.push([
  'the options page adds a signed list from its form, keeps bad input with a clear error, and removes the list',
  async ({ driver, ctl, server }) => {
    const { grantsPayload, newKey, payloadOf, signList } = await import('../helpers/sign.mjs');
    const { signedList } = await import('../helpers/paths.mjs');
    const base = payloadOf(readFileSync(signedList, 'utf8'));
    const key = newKey();
    const unserve = serveLists(server, { [LIST_A]: signList(grantsPayload(base, { id: 'e2e-form', version: Math.floor(Date.now() / 1000), partners: [] }), key) });
    const page = await driver.newPage();
    try {
      await page.goto(`${driver.extBase}options/options.html`);
      await page.waitForSelector('#no-subs:not([hidden])');
      /** Fills the form, clicks "Add list" and answers the message once it changed, with the form's fields. */
      const submit = async (/** @type {{url: string, id: string, keys: string}} */ f) => {
        await page.evaluate((v) => {
          /** @type {HTMLInputElement} */ (document.getElementById('sub-url')).value = v.url;
          /** @type {HTMLInputElement} */ (document.getElementById('sub-id')).value = v.id;
          /** @type {HTMLTextAreaElement} */ (document.getElementById('sub-keys')).value = v.keys;
          /** @type {HTMLElement} */ (document.getElementById('sub-message')).textContent = '';
        }, f);
        await page.click('#add-sub');
        return waitFor(
          () =>
            page.evaluate(() => {
              const m = /** @type {HTMLElement} */ (document.getElementById('sub-message'));
              const text = m.textContent ?? '';
              if (!text || text === chrome.i18n.getMessage('optSyncing')) return null; // still checking
              const field = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id)).value;
              return { text, bad: m.style.color !== '', url: field('sub-url'), id: field('sub-id'), keys: field('sub-keys') };
            }),
          'the options page to answer',
        );
      };
      const keys = JSON.stringify([key.pub]);
      const bad = [
        { name: 'keys that are not JSON', f: { url: LIST_A, id: 'e2e-form', keys: '{not json' }, want: /./ },
        { name: 'a key without its id', f: { url: LIST_A, id: 'e2e-form', keys: JSON.stringify({ public_key: key.pub.public_key }) }, want: /"id"/ },
        { name: 'not a URL', f: { url: 'lists-a', id: 'e2e-form', keys }, want: /not a valid URL/ },
      ];
      for (const c of bad) {
        const got = await submit(c.f);
        assert.match(got.text, c.want, c.name);
        assert.equal(got.bad, true, `${c.name}: shown as an error`);
        assert.deepEqual([got.url, got.id, got.keys], [c.f.url, c.f.id, c.f.keys], `${c.name}: what was typed is kept`);
      }
      assert.deepEqual((await ctl.send({ type: 'getStatus' })).subscriptions, [], 'nothing was added');
      if (driver.name !== 'firefox') return; // Chromium cannot answer the origin's permission prompt headless (README, Known gaps)
      const refused = await submit({ url: LIST_A, id: 'partnerwatch-default', keys });
      assert.match(refused.text, /detection list/);
      assert.equal(refused.id, 'partnerwatch-default', 'kept');
      const added = await submit({ url: LIST_A, id: 'e2e-form', keys });
      assert.equal(added.bad, false, added.text);
      assert.deepEqual([added.url, added.id, added.keys], ['', '', ''], 'the form is cleared once added');
      const row = await waitFor(() => page.evaluate(() => (/** @type {HTMLElement|null} */ (document.querySelector('#subs > li[data-list-id="e2e-form"]')))?.dataset.outcome), 'the new list on the page');
      assert.equal(row, 'updated');
      await page.click('#subs > li[data-list-id="e2e-form"] .sub-remove');
      await waitFor(() => page.evaluate(() => !document.querySelector('#subs > li') && !(/** @type {HTMLElement} */ (document.getElementById('no-subs')).hidden)), 'the list removed');
      assert.deepEqual((await ctl.send({ type: 'getStatus' })).subscriptions, []);
    } finally {
      await ctl.send({ type: 'removeSubscription', listId: 'e2e-form' });
      unserve();
      await page.close();
    }
  },
]);
