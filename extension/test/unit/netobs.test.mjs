// Network observation: the URL filter built from the list's hosts, the
// conversion of webRequest details, the bounded per-tab buffer and what each
// frame's observation gets. The last test feeds the buffer's answer to the
// real core: a widget loaded inside a cross-origin frame is reported for the
// top page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_FRAMES,
  MAX_FRAME_REQUESTS,
  MAX_TAB_REQUESTS,
  MAX_URL_BYTES,
  WATCHED_TYPES,
  addRequest,
  commitNavigation,
  emptyBuffer,
  frameOf,
  normalizeBuffer,
  requestFilter,
  requestsFor,
  toRequest,
  urlPatterns,
} from '../../src/lib/netobs.js';
import { haveCore } from '../helpers/paths.mjs';
import { coreWithList } from '../helpers/realcore.mjs';

const skip = haveCore ? false : 'needs build/core/core.wasm and build/list/default.signed.json (make core-wasm list)';

/** A webRequest details object of tab 5, top frame, at time 100. @param {any} over */
const req = (over = {}) => ({ tabId: 5, frameId: 0, parentFrameId: -1, type: 'script', url: 'https://connect.facebook.net/en_US/sdk.js', timeStamp: 100, ...over });

/** Whether a match pattern matches a URL, the way browsers read "*://host/*" and "*://*.host/*". */
function patternMatches(/** @type {string} */ pattern, /** @type {string} */ url) {
  const m = /^\*:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const host = new URL(url).hostname;
  return m[1] ? host === m[2] || host.endsWith(`.${m[2]}`) : host === m[2];
}

test('urlPatterns', () => {
  const cases = [
    // exact hosts and suffixes
    { hosts: ['connect.facebook.net'], want: ['*://connect.facebook.net/*'] },
    { hosts: ['*.intercom.io'], want: ['*://*.intercom.io/*'] },
    { hosts: ['m.me', 'accounts.google.com'], want: ['*://accounts.google.com/*', '*://m.me/*'] },
    // duplicates and exact hosts under a suffix collapse
    { hosts: ['*.facebook.com', 'www.facebook.com', 'facebook.com', 'facebook.com', 'm.facebook.com'], want: ['*://*.facebook.com/*'] },
    { hosts: ['a.example.org', '*.b.example.org'], want: ['*://*.b.example.org/*', '*://a.example.org/*'] },
    // refused: not a host a match pattern can name, or far too broad
    { hosts: ['Upper.Case.com', 'host:8080', 'a.com/path', 'a.*.com', '*', '*.com', '*.1.2.3', '[::1]', '', 'a..b', '-a.com', 7, null], want: [] },
    { hosts: ['192.168.1.1'], want: ['*://192.168.1.1/*'] },
    // not a list
    { hosts: 'connect.facebook.net', want: [] },
    { hosts: undefined, want: [] },
  ];
  for (const c of cases) assert.deepEqual(urlPatterns(c.hosts), c.want, JSON.stringify(c.hosts));
});

test('requestFilter watches scripts, frames and XHR on the list hosts, or nothing', () => {
  assert.deepEqual(requestFilter(['connect.facebook.net']), { urls: ['*://connect.facebook.net/*'], types: ['script', 'sub_frame', 'xmlhttprequest'] });
  assert.equal(requestFilter([]), null, 'no listener that would see every request');
  assert.equal(requestFilter(['*']), null);
});

test('the filter of the real list covers every host it names', { skip }, async () => {
  const { list } = await coreWithList();
  const hosts = /** @type {string[]} */ (list.hosts);
  const f = requestFilter(hosts);
  assert.ok(f && f.urls.length > 0 && f.urls.length <= hosts.length);
  for (const p of f.urls) assert.match(p, /^\*:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
  for (const h of hosts) {
    const probe = `https://${h.replace(/^\*\./, 'sub.')}/x`;
    assert.ok(f.urls.some((p) => patternMatches(p, probe)), `${h} is watched`);
  }
  // Unrelated hosts are not.
  for (const u of ['https://www.example-news.test/', 'https://facebook.com.evil.io/', 'https://notfacebook.com/']) {
    assert.ok(!f.urls.some((p) => patternMatches(p, u)), u);
  }
});

test('toRequest', () => {
  const long = `https://connect.facebook.net/${'a'.repeat(5000)}`;
  const cases = [
    // kept
    { d: req(), want: { url: 'https://connect.facebook.net/en_US/sdk.js', type: 'script' } },
    { d: req({ type: 'sub_frame', url: 'http://www.facebook.com/v19.0/plugins/login_button.php?app_id=1' }), want: { url: 'http://www.facebook.com/v19.0/plugins/login_button.php?app_id=1', type: 'sub_frame' } },
    { d: req({ type: 'xmlhttprequest', url: 'https://accounts.google.com/gsi/status?client_id=1' }), want: { url: 'https://accounts.google.com/gsi/status?client_id=1', type: 'xmlhttprequest' } },
    // fragment and user information go
    { d: req({ url: 'https://user:pw@connect.facebook.net/sdk.js#frag' }), want: { url: 'https://connect.facebook.net/sdk.js', type: 'script' } },
    // not for the core
    { d: req({ tabId: -1 }), want: null }, // the service worker's own fetch
    { d: req({ tabId: undefined }), want: null },
    { d: req({ type: 'main_frame' }), want: null }, // navigations go to consent inspection
    { d: req({ type: 'image' }), want: null },
    { d: req({ url: 'data:text/javascript,1' }), want: null },
    { d: req({ url: 'not a url' }), want: null },
    { d: req({ initiator: 'chrome-extension://abc' }), want: null },
    { d: req({ originUrl: 'moz-extension://uuid/background.html' }), want: null },
    { d: req({ documentUrl: 'moz-extension://uuid/popup/popup.html' }), want: null },
    { d: null, want: null },
  ];
  for (const c of cases) assert.deepEqual(toRequest(/** @type {any} */ (c.d)), c.want, JSON.stringify(c.d));
  const cut = toRequest(req({ url: long }));
  assert.equal(cut?.url.length, MAX_URL_BYTES);
  assert.ok(long.startsWith(/** @type {string} */ (cut?.url)));
});

test('frameOf: an iframe document belongs to the frame that embeds it', () => {
  const cases = [
    { d: req({ frameId: 0 }), want: 0 },
    { d: req({ frameId: 7, parentFrameId: 0 }), want: 7 }, // a script of frame 7
    { d: req({ type: 'sub_frame', frameId: 7, parentFrameId: 0 }), want: 0 }, // frame 7's own document
    { d: req({ type: 'sub_frame', frameId: 9, parentFrameId: 7 }), want: 7 },
    { d: req({ type: 'sub_frame', frameId: 9, parentFrameId: -1 }), want: 9 },
    { d: req({ frameId: undefined }), want: -1 },
  ];
  for (const c of cases) assert.equal(frameOf(/** @type {any} */ (c.d)), c.want, JSON.stringify(c.d));
});

test('the buffer keeps each request once, per frame, and forgets what a navigation replaced', () => {
  const b = emptyBuffer();
  assert.equal(addRequest(b, req()), true);
  assert.equal(addRequest(b, req()), false, 'the same request again');
  assert.equal(addRequest(b, req({ url: 'https://connect.facebook.net/en_US/sdk.js#other' })), false, 'the same without its fragment');
  // The listener's filter, not the buffer, restricts hosts: frame 4's document is kept for frame 0.
  assert.equal(addRequest(b, req({ type: 'sub_frame', frameId: 4, parentFrameId: 0, url: 'https://widget.partner.test/' })), true);
  assert.equal(b.frames['0'].reqs.length, 2);
  // Frame 4 embeds Facebook's button (frame 6) and loads the SDK.
  assert.equal(addRequest(b, req({ frameId: 6, parentFrameId: 4, url: 'https://www.facebook.com/v19.0/plugins/login_button.php', type: 'sub_frame' })), true);
  assert.equal(addRequest(b, req({ frameId: 4, parentFrameId: 0 })), true, 'the same URL from another frame is kept for that frame');
  assert.deepEqual(Object.keys(b.frames).sort(), ['0', '4']);
  assert.equal(b.total, 4);
  // What each frame's observation gets.
  assert.deepEqual(requestsFor(b, 4), [
    { url: 'https://www.facebook.com/v19.0/plugins/login_button.php', type: 'sub_frame' },
    { url: 'https://connect.facebook.net/en_US/sdk.js', type: 'script' },
  ]);
  const top = requestsFor(b, 0);
  assert.deepEqual(
    top.map((q) => q.url),
    ['https://connect.facebook.net/en_US/sdk.js', 'https://widget.partner.test/', 'https://www.facebook.com/v19.0/plugins/login_button.php'],
    'the top frame gets every frame, each request once',
  );
  assert.deepEqual(requestsFor(b, 99), []);
  top[0].url = 'changed';
  assert.notEqual(b.frames['0'].reqs[0].url, 'changed', 'answers are copies');
  // A subframe navigates: its own requests go, the embedding frame keeps the iframe.
  assert.equal(commitNavigation(b, { frameId: 4, timeStamp: 150 }), true);
  assert.deepEqual(Object.keys(b.frames), ['0']);
  assert.equal(b.total, 2);
  assert.equal(commitNavigation(b, { frameId: 4, timeStamp: 151 }), false);
  // The top frame navigates: everything goes, and late events of the old page are ignored.
  assert.equal(commitNavigation(b, { frameId: 0, timeStamp: 200 }), true);
  assert.deepEqual(b.frames, {});
  assert.equal(b.total, 0);
  assert.equal(addRequest(b, req({ timeStamp: 199 })), false, 'stamped before the commit');
  assert.equal(addRequest(b, req({ timeStamp: 201 })), true);
  assert.equal(addRequest(b, req({ frameId: undefined, timeStamp: 202, url: 'https://m.me/x' })), false, 'no frame');
  // Chrome tells which document made a request: only the active one counts.
  const lifecycles = [
    ['pending_deletion', false], // the old page, unloading after the new one committed
    ['cached', false],
    ['prerender', false],
    ['active', true],
  ];
  for (const [documentLifecycle, kept] of lifecycles) {
    assert.equal(addRequest(b, req({ timeStamp: 203, url: `https://m.me/${documentLifecycle}`, documentLifecycle })), kept, String(documentLifecycle));
  }
  // ...and its ID: after a commit that names the document, requests of the
  // top frame and the iframes it embeds must come from that document.
  assert.equal(commitNavigation(b, { frameId: 0, timeStamp: 300, documentId: 'NEW' }), true);
  const docs = [
    { name: 'the old page', over: { documentId: 'OLD' }, kept: false },
    { name: 'the new page', over: { documentId: 'NEW' }, kept: true },
    { name: 'an iframe of the old page', over: { type: 'sub_frame', frameId: 7, parentFrameId: 0, documentId: 'F', parentDocumentId: 'OLD' }, kept: false },
    { name: 'an iframe of the new page', over: { type: 'sub_frame', frameId: 8, parentFrameId: 0, parentDocumentId: 'NEW' }, kept: true },
    { name: 'no document named (Firefox)', over: {}, kept: true },
  ];
  for (const [i, c] of docs.entries()) {
    assert.equal(addRequest(b, req({ timeStamp: 301, url: `https://m.me/doc${i}`, ...c.over })), c.kept, c.name);
  }
  assert.equal(normalizeBuffer(JSON.parse(JSON.stringify(b))).doc, 'NEW', 'the document ID survives storage');
  commitNavigation(b, { frameId: 0, timeStamp: 400 });
  assert.equal(b.doc, undefined, 'a commit that names no document forgets it');
});

test('a flood of requests is bounded per frame, per tab and in frames', () => {
  const b = emptyBuffer();
  let kept = 0;
  for (let i = 0; i < 1000; i++) if (addRequest(b, req({ url: `https://connect.facebook.net/${i}.js` }))) kept++;
  assert.equal(kept, MAX_FRAME_REQUESTS);
  assert.equal(b.frames['0'].dropped, 1000 - MAX_FRAME_REQUESTS);
  for (let f = 1; f < 100; f++) for (let i = 0; i < 100; i++) addRequest(b, req({ frameId: f, parentFrameId: 0, url: `https://connect.facebook.net/${f}/${i}.js` }));
  assert.ok(Object.keys(b.frames).length <= MAX_FRAMES);
  assert.equal(b.total, MAX_TAB_REQUESTS);
  assert.equal(b.total, Object.values(b.frames).reduce((n, f) => n + f.reqs.length, 0));
  assert.ok(requestsFor(b, 0).length <= MAX_TAB_REQUESTS);
  // The worst case still fits easily in storage.session (10 MB for all tabs).
  const worst = emptyBuffer();
  for (let f = 0; f < 50; f++) for (let i = 0; i < 100; i++) addRequest(worst, req({ frameId: f, parentFrameId: 0, url: `https://connect.facebook.net/${i}/${'x'.repeat(5000)}` }));
  const bytes = JSON.stringify(worst).length;
  assert.ok(bytes <= MAX_TAB_REQUESTS * (MAX_URL_BYTES + 64), `${bytes} bytes`);
});

test('normalizeBuffer repairs what storage gives back', () => {
  const b = emptyBuffer();
  addRequest(b, req());
  addRequest(b, req({ frameId: 3, parentFrameId: 0, url: 'https://m.me/x', type: 'xmlhttprequest' }));
  commitNavigation(b, { frameId: 9, timeStamp: 50 });
  addRequest(b, req({ frameId: 17179869185, parentFrameId: 0 })); // Firefox numbers frames like this
  assert.deepEqual(normalizeBuffer(JSON.parse(JSON.stringify(b))), b, 'a round trip through JSON');
  assert.equal(requestsFor(normalizeBuffer(JSON.parse(JSON.stringify(b))), 17179869185).length, 1);
  const cases = [null, undefined, 'x', [], { v: 2, frames: {} }, { v: 1 }, { v: 1, frames: 'x' }];
  for (const c of cases) assert.deepEqual(normalizeBuffer(c), emptyBuffer(), JSON.stringify(c));
  const bad = normalizeBuffer({
    v: 1,
    since: 'soon',
    dropped: -4,
    frames: {
      0: { reqs: [{ url: 'https://a.test/', type: 'script' }, { url: 1, type: 'script' }, { url: 'https://b.test/', type: 'main_frame' }, { url: 'x'.repeat(MAX_URL_BYTES + 1), type: 'script' }] },
      abc: { reqs: [{ url: 'https://c.test/', type: 'script' }] },
      99999999999999999: { reqs: [{ url: 'https://e.test/', type: 'script' }] }, // not a safe integer
      5: { reqs: Array.from({ length: 500 }, (_, i) => ({ url: `https://d.test/${i}`, type: 'script' })) },
      6: 'nope',
    },
  });
  assert.equal(bad.since, 0);
  assert.equal(bad.dropped, 0);
  assert.deepEqual(Object.keys(bad.frames).sort(), ['0', '5']);
  assert.deepEqual(bad.frames['0'].reqs, [{ url: 'https://a.test/', type: 'script' }]);
  assert.equal(bad.frames['5'].reqs.length, MAX_FRAME_REQUESTS);
  assert.equal(bad.total, 1 + MAX_FRAME_REQUESTS);
  assert.deepEqual([...WATCHED_TYPES], ['script', 'sub_frame', 'xmlhttprequest']);
});

test('a widget loaded inside a cross-origin frame is reported for the top page', { skip }, async () => {
  const { core } = await coreWithList();
  const cases = [
    // The partner page embeds a chat vendor's frame (frame 3), which embeds Facebook's login button (frame 4).
    {
      page: 'http://www.netflix.com/help',
      reqs: [
        req({ type: 'sub_frame', frameId: 3, parentFrameId: 0, url: 'http://widget.support-vendor.test/frame.html' }),
        req({ type: 'sub_frame', frameId: 4, parentFrameId: 3, url: 'http://www.facebook.com/v19.0/plugins/login_button.php?app_id=1' }),
      ],
      want: [['facebook', 'facebook-login-sdk', true]],
    },
    // A script loaded by a frame; Google Identity Services on a site the list does not name.
    { page: 'http://www.example-shop.test/', reqs: [req({ frameId: 3, parentFrameId: 0, url: 'http://accounts.google.com/gsi/client' })], want: [['google', 'google-identity-services', false]] },
    // The Facebook SDK alone is a weak signal: no finding.
    { page: 'http://www.netflix.com/', reqs: [req({ url: 'http://connect.facebook.net/en_US/sdk.js' })], want: [] },
    // Nothing watched.
    { page: 'http://www.example-news.test/', reqs: [], want: [] },
  ];
  for (const c of cases) {
    const b = emptyBuffer();
    for (const d of c.reqs) addRequest(b, d);
    const rep = await core.report({ url: c.page, requests: requestsFor(b, 0) });
    assert.equal(rep.ok, true, JSON.stringify(rep.error));
    assert.deepEqual(
      rep.report.findings.map((/** @type {any} */ f) => [f.provider, f.widget, f.alert]),
      c.want,
      c.page,
    );
    for (const f of rep.report.findings) assert.ok(f.evidence.every((/** @type {any} */ e) => e.signal === 'request' || e.signal === 'authorize'), JSON.stringify(f.evidence));
  }
});
