// The service worker's network and navigation listeners, driven with fake
// browser events, a memory store and the real core: a popup to an authorize
// URL gives its tab a consent warning and its opener an attempt; requests
// fill the tab's buffer and ask for a rescan; navigations clear what they
// replace; a missing webRequest or webNavigation API leaves DOM detection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attemptsKey, consentKey, createNetWatch, navigationFilters, netKey, openerKey, watchedURL } from '../../src/lib/netwatch.js';
import { memoryStorage } from '../helpers/memstore.mjs';
import { haveCore } from '../helpers/paths.mjs';
import { coreWithList } from '../helpers/realcore.mjs';

const skip = haveCore ? false : 'needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)';

/** A fake event: records listeners with their filters. */
function event() {
  /** @type {{fn: Function, filter: any, extra: any[]}[]} */
  const listeners = [];
  return {
    listeners,
    addListener: (/** @type {Function} */ fn, /** @type {any} */ filter, /** @type {any[]} */ ...extra) => listeners.push({ fn, filter, extra }),
    removeListener: (/** @type {Function} */ fn) => {
      const i = listeners.findIndex((l) => l.fn === fn);
      if (i >= 0) listeners.splice(i, 1);
    },
  };
}

function fakeExt({ webRequest = true, webNavigation = true } = {}) {
  return {
    webRequest: webRequest ? { onBeforeRequest: event() } : undefined,
    webNavigation: webNavigation ? { onBeforeNavigate: event(), onCommitted: event(), onCreatedNavigationTarget: event() } : undefined,
    tabs: { onRemoved: event() },
  };
}

/** Serialises per tab, like the service worker's withTab. */
function locks() {
  const m = new Map();
  return (/** @type {number} */ id, /** @type {() => Promise<any>} */ fn) => {
    const next = (m.get(id) ?? Promise.resolve()).then(fn, fn);
    m.set(id, next.catch(() => {}));
    return next;
  };
}

let corePromise;
async function loadedCore() {
  corePromise ??= (async () => {
    const { core, list } = await coreWithList();
    return { core, hosts: list.hosts };
  })();
  return corePromise;
}

async function setup(extOpts = {}) {
  const { core, hosts } = await loadedCore();
  const ext = fakeExt(extOpts);
  const store = memoryStorage();
  const consents = [];
  const rescans = [];
  const w = createNetWatch({
    ext,
    store,
    inspect: (url) => core.inspect({ url }),
    withTab: locks(),
    now: () => 1234,
    onConsent: (id) => void consents.push(id),
    onRequests: (id) => void rescans.push(id),
  });
  w.register(hosts);
  return { w, ext, store, consents, rescans, hosts };
}

const AUTH = 'http://www.facebook.com/v19.0/dialog/oauth?client_id=174829003346&redirect_uri=https%3A%2F%2Faccounts.spotify.com%2Flogin%2Ffacebook&scope=email,user_friends&state=s3cr3t';

test('navigation filters follow the match patterns', () => {
  assert.deepEqual(navigationFilters(['*://*.facebook.com/*', '*://m.me/*', 'bogus']), [{ hostEquals: 'facebook.com' }, { hostSuffix: '.facebook.com' }, { hostEquals: 'm.me' }]);
  const cases = [
    // url → watched
    ['https://www.facebook.com/x', true],
    ['http://facebook.com/', true],
    ['https://m.me/p', true],
    ['https://notfacebook.com/', false],
    ['https://facebook.com.evil.test/', false],
    ['https://mm.me/', false],
    ['chrome://settings', false],
    ['garbage', false],
  ];
  for (const [url, want] of cases) assert.equal(watchedURL(/** @type {string} */ (url), ['*://*.facebook.com/*', '*://m.me/*']), want, /** @type {string} */ (url));
});

test('register adds observation-only listeners filtered to the list hosts', { skip }, async () => {
  const { ext, w } = await setup();
  const [req] = ext.webRequest.onBeforeRequest.listeners;
  assert.ok(req, 'a webRequest listener');
  assert.deepEqual(req.filter.types, ['script', 'sub_frame', 'xmlhttprequest']);
  assert.ok(req.filter.urls.includes('*://connect.facebook.net/*'));
  assert.ok(!req.filter.urls.some((/** @type {string} */ u) => u === '<all_urls>' || u.startsWith('*://*/')), 'never every host');
  assert.deepEqual(req.extra, [], 'no extraInfoSpec: never "blocking" or "requestBody"');
  const [nav] = ext.webNavigation.onBeforeNavigate.listeners;
  assert.ok(nav.filter.url.some((/** @type {any} */ f) => f.hostEquals === 'www.facebook.com' || f.hostSuffix === '.facebook.com'));
  assert.equal(ext.webNavigation.onCommitted.listeners.length, 1);
  assert.equal(ext.webNavigation.onCreatedNavigationTarget.listeners.length, 1);
  // A new list with the same hosts changes nothing; other hosts re-register once.
  w.update([...w.patterns].map((p) => p.replace(/^\*:\/\/(\*\.)?([^/]+)\/\*$/, (_, s, h) => (s ? `*.${h}` : h))));
  assert.equal(ext.webRequest.onBeforeRequest.listeners[0].fn, req.fn);
  w.update(['connect.facebook.net']);
  assert.equal(ext.webRequest.onBeforeRequest.listeners.length, 1);
  assert.deepEqual(ext.webRequest.onBeforeRequest.listeners[0].filter.urls, ['*://connect.facebook.net/*']);
  // No hosts at all: no listener that would see every request.
  w.update([]);
  assert.equal(ext.webRequest.onBeforeRequest.listeners.length, 0);
  assert.equal(ext.webNavigation.onBeforeNavigate.listeners.length, 0);
});

test('a popup to an authorize URL warns in its tab and records the attempt for the opener', { skip }, async () => {
  const { w, store, consents } = await setup();
  // The page in tab 3 opens tab 8 on the authorize URL.
  await w.onCreatedNavigationTarget({ sourceTabId: 3, sourceFrameId: 0, tabId: 8, url: AUTH });
  assert.equal(await w.onBeforeNavigate({ tabId: 8, frameId: 0, url: AUTH, timeStamp: 10 }), true);
  const c = await w.consentFor(8);
  assert.ok(c);
  assert.equal(c.warning.lines[0].text, 'You are about to sign in to spotify.com with Facebook.');
  assert.equal(c.warning.lines[1].text, 'It asks for: your email address, your list of friends who also use this app.');
  assert.equal(c.warning.alert, true);
  const attempts = await w.attemptsFor(3);
  assert.deepEqual(attempts.map((a) => [a.site, a.provider, a.tabId, a.at]), [['spotify.com', 'facebook', 8, 1234]]);
  assert.ok(!JSON.stringify(store.dump()).includes('s3cr3t'), 'the URL\'s state is kept nowhere');
  assert.ok(consents.includes(8) && consents.includes(3), 'both badges redrawn');
  // The commit of the same URL keeps the warning and adds no second attempt.
  await w.onCommitted({ tabId: 8, frameId: 0, url: AUTH, timeStamp: 20 });
  assert.ok(await w.consentFor(8));
  assert.equal((await w.attemptsFor(3)).length, 1);
  // The provider redirects to the partner: the warning goes, the attempt stays.
  await w.onCommitted({ tabId: 8, frameId: 0, url: 'https://accounts.spotify.com/login/facebook?code=x', timeStamp: 30 });
  assert.equal(await w.consentFor(8), null);
  assert.equal((await w.attemptsFor(3)).length, 1);
  // Closing the tabs forgets them.
  await w.forget(8);
  await w.forget(3);
  assert.deepEqual(store.dump().session, {});
});

test('the opener learned after the navigation still gets the attempt', { skip }, async () => {
  const { w } = await setup();
  await w.onBeforeNavigate({ tabId: 9, frameId: 0, url: AUTH, timeStamp: 10 });
  await w.onCreatedNavigationTarget({ sourceTabId: 4, sourceFrameId: 0, tabId: 9, url: AUTH });
  assert.deepEqual((await w.attemptsFor(4)).map((a) => a.site), ['spotify.com']);
});

test('navigations that are not consent screens change nothing', { skip }, async () => {
  const { w, store, consents } = await setup();
  const cases = [
    { tabId: 5, frameId: 0, url: 'http://www.facebook.com/spotify' },
    { tabId: 5, frameId: 0, url: 'http://www.facebook.com.evil.test/v19.0/dialog/oauth?client_id=1' },
    { tabId: 5, frameId: 2, url: AUTH }, // a subframe
    { tabId: -1, frameId: 0, url: AUTH }, // not a tab
    { tabId: 5, frameId: 0, url: 'javascript:void 0' },
  ];
  for (const d of cases) assert.equal(await w.onBeforeNavigate(d), false, JSON.stringify(d));
  assert.deepEqual(store.dump().session, {});
  assert.deepEqual(consents, []);
});

test('requests fill the tab buffer, ask for a rescan, and a top-level commit clears them', { skip }, async () => {
  const { w, store, rescans } = await setup();
  const d = { tabId: 6, frameId: 4, parentFrameId: 0, type: 'sub_frame', url: 'http://www.facebook.com/v19.0/plugins/login_button.php?app_id=1', timeStamp: 50 };
  assert.equal(await w.onRequest(d), true);
  assert.equal(await w.onRequest(d), false, 'once');
  assert.equal(await w.onRequest({ ...d, tabId: -1 }), false, 'the worker\'s own fetch');
  assert.deepEqual(await w.requestsFor(6, 0), [{ url: d.url, type: 'sub_frame' }]);
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(rescans, [6], 'one debounced rescan');
  await w.onCommitted({ tabId: 6, frameId: 0, url: 'http://www.example-news.test/', timeStamp: 60 });
  assert.deepEqual(await w.requestsFor(6, 0), []);
  assert.equal(await w.onRequest({ ...d, timeStamp: 55 }), false, 'a late event of the old page');
  assert.ok(store.dump().session[netKey(6)]);
  assert.equal(store.dump().session[consentKey(6)], undefined);
  assert.equal(store.dump().session[attemptsKey(6)], undefined);
  assert.equal(store.dump().session[openerKey(6)], undefined);
});

test('an observation whose commit event is not handled yet gets none of the previous page\'s requests', { skip }, async () => {
  const { w } = await setup();
  const sdk = { tabId: 7, frameId: 0, type: 'script', url: 'https://connect.facebook.net/en_US/sdk.js' };
  await w.onCommitted({ tabId: 7, frameId: 0, url: 'http://a.test/', timeStamp: 10, documentId: 'A' });
  assert.equal(await w.onRequest({ ...sdk, timeStamp: 11, documentId: 'A' }), true);
  const cases = [
    { name: 'the page that made the request', documentId: 'A', want: 1 },
    { name: 'the next page, observing before its commit event arrives', documentId: 'B', want: 0 },
    { name: 'a browser that names no document (Firefox)', documentId: undefined, want: 1 },
  ];
  for (const c of cases) assert.equal((await w.requestsFor(7, 0, c.documentId)).length, c.want, c.name);
  await w.onCommitted({ tabId: 7, frameId: 0, url: 'http://b.test/', timeStamp: 20, documentId: 'B' });
  assert.equal(await w.onRequest({ ...sdk, timeStamp: 21, documentId: 'B' }), true);
  assert.equal((await w.requestsFor(7, 0, 'B')).length, 1, 'the next page\'s own request, once its commit is handled');
});

test('without webRequest or webNavigation nothing throws and nothing is watched', { skip }, async () => {
  for (const opts of [{ webRequest: false }, { webNavigation: false }, { webRequest: false, webNavigation: false }]) {
    const { ext, w } = await setup(opts);
    if (ext.webRequest) assert.equal(ext.webRequest.onBeforeRequest.listeners.length, 1, JSON.stringify(opts));
    if (ext.webNavigation) assert.equal(ext.webNavigation.onCommitted.listeners.length, 1, JSON.stringify(opts));
    assert.deepEqual(await w.requestsFor(1, 0), []);
  }
});
