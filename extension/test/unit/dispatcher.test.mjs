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
    // extension pages
    { s: pageSender, m: { type: 'getTabState', tabId: 1 }, ok: true, ran: 'page.getTabState' },
    { s: pageSender, m: { type: 'setSettings', settings: { notices: 'all' } }, ok: true, ran: 'page.setSettings' },
    { s: pageSender, m: { type: 'dismiss', tabId: 1, scope: 'provider', provider: 'google' }, ok: true, ran: 'page.dismiss' },
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
