// The dispatcher: sender kinds, allow-lists per kind, payload validation,
// structured replies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDispatcher } from '../../src/lib/dispatcher.js';
import { CONTENT, PAGE, SCHEMAS, senderKind } from '../../src/lib/messages.js';

const ID = 'abcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const contentSender = { id: ID, url: 'https://accounts.spotify.com/en/login', tab: { id: 7 }, frameId: 0 };
const pageSender = { id: ID, url: `${BASE}popup/popup.html` };
const KEY = { id: '0123456789abcdef', public_key: 'A'.repeat(43) + '=' };

test('senderKind tells content scripts from extension pages', () => {
  const cases = [
    // extension pages
    { s: pageSender, want: PAGE },
    { s: { ...pageSender, tab: { id: 3 } }, want: PAGE }, // popup opened in a tab
    // content scripts
    { s: contentSender, want: CONTENT },
    { s: { ...contentSender, url: 'http://www.example-shop.test/' }, want: CONTENT },
    // refused
    { s: { ...contentSender, id: 'other' }, want: null }, // another extension
    { s: { ...pageSender, url: 'chrome-extension://other/popup.html' }, want: null },
    { s: { id: ID, url: 'https://evil.test/' }, want: null }, // no tab
    { s: { ...contentSender, url: 'about:blank' }, want: null },
    // content scripts run in http(s) frames only (build.mjs, content_scripts.matches)
    { s: { ...contentSender, url: 'file:///home/me/page.html' }, want: null },
    { s: { ...contentSender, url: 'data:text/html,<p>x' }, want: null },
    { s: { ...contentSender, url: 'ftp://example.org/' }, want: null },
    { s: { ...contentSender, tab: { id: -1 } }, want: null },
    { s: undefined, want: null },
  ];
  for (const [i, c] of cases.entries()) assert.equal(senderKind(/** @type {any} */ (c.s), ID, BASE), c.want, `case ${i}`);
});

/** A dispatcher whose handlers record what they ran. */
function setup() {
  const ran = [];
  const h = (/** @type {string} */ name) => async (/** @type {any} */ msg) => {
    ran.push(name);
    return { ok: true, echo: msg.type };
  };
  const handlers = {
    [CONTENT]: Object.fromEntries(Object.keys(SCHEMAS[CONTENT]).map((k) => [k, h(`content.${k}`)])),
    [PAGE]: Object.fromEntries(Object.keys(SCHEMAS[PAGE]).map((k) => [k, h(`page.${k}`)])),
  };
  handlers[PAGE].getStatus = async () => {
    throw new Error('boom');
  };
  handlers[PAGE].syncNow = async () => /** @type {any} */ (undefined);
  return { ran, dispatch: createDispatcher({ handlers, runtimeId: ID, extBase: BASE }) };
}

const obs = { url: 'https://accounts.spotify.com/', scripts: ['https://connect.facebook.net/en_US/sdk.js'] };

/** An observe message as a content script sends it: the observation as one JSON string. */
const observe = (/** @type {any} */ o, extra = {}) => ({ type: 'observe', json: JSON.stringify(o), scan: 1, ...extra });

test('allow-lists: each sender kind may send only its own types', async () => {
  const cases = [
    // content scripts
    { s: contentSender, m: { type: 'hello' }, ok: true, ran: 'content.hello' },
    { s: contentSender, m: observe(obs), ok: true, ran: 'content.observe' },
    { s: contentSender, m: { type: 'details' }, ok: true, ran: 'content.details' },
    // a content script cannot record a dismissal: lasting choices are made on extension pages
    { s: contentSender, m: { type: 'dismiss', scope: 'site', provider: 'facebook' }, code: 'forbidden' },
    { s: contentSender, m: { type: 'dismiss', scope: 'provider', provider: 'facebook' }, code: 'forbidden' },
    { s: contentSender, m: { type: 'getTabState', tabId: 1 }, code: 'forbidden' },
    { s: contentSender, m: { type: 'setSettings', settings: { notices: 'none' } }, code: 'forbidden' },
    { s: contentSender, m: { type: 'syncNow' }, code: 'forbidden' },
    { s: contentSender, m: { type: 'undoDismissal', scope: 'provider', provider: 'facebook' }, code: 'forbidden' },
    // nor touch a list subscription
    { s: contentSender, m: { type: 'addSubscription', url: 'https://evil.test/v1/list', listId: 'evil', keys: [KEY] }, code: 'forbidden' },
    { s: contentSender, m: { type: 'removeSubscription', listId: 'e2e-grants-a' }, code: 'forbidden' },
    { s: contentSender, m: { type: 'syncNow', listId: 'e2e-grants-a' }, code: 'forbidden' },
    // extension pages
    { s: pageSender, m: { type: 'getTabState', tabId: 1 }, ok: true, ran: 'page.getTabState' },
    { s: pageSender, m: { type: 'setSettings', settings: { notices: 'all' } }, ok: true, ran: 'page.setSettings' },
    { s: pageSender, m: { type: 'dismiss', tabId: 1, scope: 'provider', provider: 'google' }, ok: true, ran: 'page.dismiss' },
    { s: pageSender, m: { type: 'addSubscription', url: 'https://lists.example.org/v1/list', listId: 'grants', keys: [KEY] }, ok: true, ran: 'page.addSubscription' },
    { s: pageSender, m: { type: 'removeSubscription', listId: 'grants' }, ok: true, ran: 'page.removeSubscription' },
    { s: pageSender, m: { type: 'addSubscription', url: 'https://lists.example.org/v1/list', listId: 'grants', keys: [KEY], extra: 1 }, code: 'bad_request' },
    { s: pageSender, m: observe(obs), code: 'forbidden' },
    { s: pageSender, m: { type: 'hello' }, code: 'forbidden' },
    // inherited names are not message types
    { s: pageSender, m: { type: 'constructor' }, code: 'forbidden' },
    { s: pageSender, m: { type: '__proto__' }, code: 'forbidden' },
    // strangers
    { s: { ...contentSender, id: 'x' }, m: { type: 'hello' }, code: 'forbidden' },
  ];
  for (const [i, c] of cases.entries()) {
    const { ran, dispatch } = setup();
    const r = await dispatch(c.m, /** @type {any} */ (c.s));
    if (c.ok) {
      assert.equal(r.ok, true, `case ${i}: ${JSON.stringify(r)}`);
      assert.deepEqual(ran, [c.ran], `case ${i}`);
    } else {
      assert.equal(r.ok, false, `case ${i}`);
      assert.equal(/** @type {any} */ (r).error.code, c.code, `case ${i}: ${JSON.stringify(r)}`);
      assert.deepEqual(ran, [], `case ${i}: no handler ran`);
    }
  }
});

test('payloads are validated before any handler runs', async () => {
  const long = 'x'.repeat(5000);
  const cases = [
    // shapes
    { m: null },
    { m: 'hello' },
    { m: [] },
    { m: { type: 7 } },
    // observations
    { m: observe({ ...obs, url: `https://a.test/${long}` }) }, // URL over 4096 bytes
    { m: observe({ ...obs, requests: [{ url: 'https://x', type: 'script' }] }) }, // only the worker adds requests
    { m: observe({ ...obs, scripts: Array(1001).fill('https://a.test/') }) },
    { m: observe({ ...obs, links: [{ ref: 1, href: 'https://a.test/', text: 'y'.repeat(201) }] }) },
    { m: observe({ ...obs, elements: [{ ref: -1, tag: 'div' }] }) },
    { m: observe({ ...obs, elements: [{ ref: 1, tag: 'div', attrs: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`a${i}`, ''])) }] }) },
    { m: { type: 'observe', json: JSON.stringify(obs) } }, // scan missing
    { m: observe(obs, { extra: true }) },
    { m: observe(obs, { observation: obs }) }, // the object form is not accepted
    { m: { type: 'observe', json: '{"url":', scan: 1 } }, // not JSON
    { m: { type: 'observe', json: 42, scan: 1 } },
    { m: observe('https://a.test/') }, // JSON, but not an observation
    // details
    { m: { type: 'details', url: 'https://evil.test/' } },
    // dismissals, from an extension page
    { m: { type: 'dismiss', tabId: 1, scope: 'everything', provider: 'facebook' }, s: pageSender },
    { m: { type: 'dismiss', tabId: 1, scope: 'site' }, s: pageSender },
  ];
  for (const [i, c] of cases.entries()) {
    const { ran, dispatch } = setup();
    const r = await dispatch(c.m, /** @type {any} */ (c.s ?? contentSender));
    assert.equal(r.ok, false, `case ${i}`);
    assert.equal(/** @type {any} */ (r).error.code, 'bad_request', `case ${i}: ${JSON.stringify(r)}`);
    assert.deepEqual(ran, [], `case ${i}`);
  }
});

test('handler failures become structured replies', async () => {
  const { dispatch } = setup();
  const thrown = await dispatch({ type: 'getStatus' }, /** @type {any} */ (pageSender));
  assert.deepEqual(thrown, { ok: false, error: { code: 'internal', message: 'The handler for "getStatus" failed: boom' } });
  const empty = await dispatch({ type: 'syncNow' }, /** @type {any} */ (pageSender));
  assert.equal(empty.ok, false);
  assert.equal(/** @type {any} */ (empty).error.code, 'internal');
});

/**
 * A small seeded generator of random JSON values (mulberry32), so that a
 * failure names a reproducible seed.
 * @param {number} seed
 */
function randomJSON(seed) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const types = [...Object.keys(SCHEMAS[CONTENT]), ...Object.keys(SCHEMAS[PAGE]), '__proto__', 'constructor', 'toString', 'pw:hide', ''];
  const strs = ['', 'facebook', 'site', 'provider', 'once', 'https://evil.test/', '\u0000', '<img src=x onerror=alert(1)>', 'x'.repeat(300), '{"url":"https://a.test/"}'];
  const valid = [{ type: 'hello' }, { type: 'getStatus' }, { type: 'syncNow' }, { type: 'details' }, { type: 'getTabState', tabId: 3 }];
  /** @param {number} depth @returns {any} */
  const value = (depth) => {
    if (depth === 0 && rnd() < 0.1) return { ...valid[Math.floor(rnd() * valid.length)] };
    const k = Math.floor(rnd() * (depth > 3 ? 5 : 8));
    switch (k) {
      case 0: return null;
      case 1: return rnd() < 0.5;
      case 2: return [0, -1, 1e309, NaN, 2 ** 53, 7, 2 ** 31, -0][Math.floor(rnd() * 8)];
      case 3: case 4: return strs[Math.floor(rnd() * strs.length)];
      case 5: return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      default: {
        /** @type {Record<string, any>} */
        const o = {};
        for (const key of ['type', 'json', 'scan', 'scope', 'provider', 'tabId', 'settings', 'observation', 'site', 'url', '__proto__'].filter(() => rnd() < 0.4)) o[key] = value(depth + 1);
        if (rnd() < 0.7) o.type = types[Math.floor(rnd() * types.length)];
        return o;
      }
    }
  };
  return value;
}

test('10,000 random messages from each sender kind: every reply is structured, nothing throws, and no handler runs on a refused message', async () => {
  const value = randomJSON(20261202);
  let handled = 0;
  for (let i = 0; i < 10_000; i++) {
    for (const s of [contentSender, pageSender, { ...contentSender, id: 'another-extension' }]) {
      const { ran, dispatch } = setup();
      const msg = value(0);
      const r = await dispatch(msg, /** @type {any} */ (s));
      assert.ok(r && typeof r === 'object' && typeof r.ok === 'boolean', `message ${i}: ${JSON.stringify(msg)} -> ${JSON.stringify(r)}`);
      if (!r.ok) {
        assert.equal(typeof r.error?.code, 'string', `message ${i}`);
        if (r.error.code !== 'internal') assert.deepEqual(ran, [], `message ${i}: a refused message ran ${ran}`);
      } else handled++;
      if (s.id === 'another-extension') assert.equal(r.ok, false, 'a stranger is always refused');
    }
  }
  assert.ok(handled > 100, `some random messages were valid (${handled})`);
});

test('the service worker listens to no external messages or connections', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const src = new URL('../../src/', import.meta.url).pathname;
  /** @param {string} d @returns {string[]} */
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.js') ? [join(d, e.name)] : []));
  for (const f of walk(src)) {
    const code = readFileSync(f, 'utf8');
    assert.doesNotMatch(code, /onMessageExternal|onConnectExternal|onConnect\b/, `${f} must not listen to external messages or ports`);
  }
});
