// The flat form of an observation (lib/flat.js → the core's reportFlat)
// must give the answer the JSON form gives, byte for byte, whatever the
// observation holds; every fixture page is also checked this way by
// wasm/cmd/pwcore's TestWasmMatchesNative.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreWithList } from '../helpers/realcore.mjs';
import { haveCore } from '../helpers/paths.mjs';
import { encodeObservation } from '../../src/lib/flat.js';

const skip = haveCore ? false : 'core.wasm or the signed list is missing: make core-wasm list';

/** @param {number} version */
function observations(version) {
  const fb = 'https://www.facebook.com/v19.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Fwww.spotify.com%2F';
  return {
    empty: { url: 'https://www.spotify.com/' },
    'every field': {
      url: 'https://www.spotify.com/en/login',
      top_url: 'https://www.spotify.com/',
      list_version: version,
      scripts: ['https://connect.facebook.net/en_US/sdk.js', 'https://accounts.google.com/gsi/client'],
      inline: ['FB.init({appId: "1"}); google.accounts.id.initialize({})', 'FB.login()'],
      frames: [{ ref: 1, src: 'https://www.facebook.com/plugins/login_button.php' }],
      links: [
        { ref: 2, href: fb, text: 'Continue with Facebook', label: 'Facebook' },
        { ref: 3, href: 'https://m.me/spotify' },
      ],
      forms: [{ ref: 4, action: 'https://appleid.apple.com/auth/authorize', text: 'Sign in with Apple' }, { ref: 5, action: '' }],
      elements: [
        { ref: 6, tag: 'div', attrs: { class: 'fb-login-button', 'data-size': 'large' }, matches: [0, 1, 2] },
        { ref: 7, tag: 'button', text: 'Log in with Google', label: 'Google' },
      ],
      controls: [{ ref: 8, tag: 'a', href: fb, text: 'Facebook', label: 'Log in', attrs: 'btn fb', handler: 'FB.login()', group: 9, context: 'Log in with' }],
      requests: [{ url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x', type: 'main_frame' }],
    },
    'not ASCII': {
      url: 'https://www.spotify.com/ja/',
      links: [
        { ref: 1, href: fb, text: 'Facebookでログイン ✓', label: 'Войти 𝒳 😀' },
        { ref: 2, href: 'https://example.com/é', text: 'ß'.repeat(150) },
      ],
      elements: [{ ref: 3, tag: 'button', attrs: { 'aria-label': 'Iniciar sesión con Google' }, text: 'Google で続ける' }],
    },
    'bare elements (nothing optional)': { url: 'https://www.spotify.com/', list_version: version, elements: [1, 2, 3, 4, 5].map((ref) => ({ ref, tag: 'button' })) },
    'lone surrogates': { url: 'https://www.spotify.com/', links: [{ ref: 1, href: fb, text: 'a\ud800b\udc00c' }] },
    'bad URL': { url: 'not a url', links: [{ ref: 1, href: fb }] },
    'stale selectors': { url: 'https://www.spotify.com/', list_version: version + 1, elements: [{ ref: 1, tag: 'div', matches: [0] }] },
  };
}

test('reportFlat answers as report does', { skip }, async () => {
  const { core, list } = await coreWithList();
  const api = globalThis.partnerwatch;
  for (const [name, obs] of Object.entries(observations(list.version))) {
    const { text, nums } = encodeObservation(obs);
    const flat = api.reportFlat(text, nums);
    assert.equal(flat, api.report(JSON.stringify(obs)), name);
    assert.deepEqual(await core.report(obs), JSON.parse(flat), `${name}: through core.js`);
  }
  // The fixture above is not vacuous: it finds something.
  assert.ok((await core.report(observations(list.version)['every field'])).report.findings.length > 0);
});

test('an observation that cannot be encoded is a bad request, and the core goes on', { skip }, async () => {
  const { core, list } = await coreWithList();
  for (const [name, obs] of Object.entries({
    'string field': { url: 42 },
    'negative ref': { url: 'https://a.example/', links: [{ ref: -1, href: 'https://b.example/' }] },
    'fractional ref': { url: 'https://a.example/', links: [{ ref: 1.5, href: 'https://b.example/' }] },
    'list field': { url: 'https://a.example/', scripts: 'https://b.example/x.js' },
    'object field': { url: 'https://a.example/', elements: [{ ref: 1, tag: 'div', attrs: ['class'] }] },
    'not an object': 'https://a.example/',
  })) {
    const r = await core.report(obs);
    assert.equal(r.ok, false, name);
    assert.equal(r.error?.code, 'bad_request', name);
  }
  assert.equal((await core.report({ url: 'https://www.spotify.com/', list_version: list.version })).ok, true);
});

test('the core refuses malformed flat input with a bad request', { skip }, async () => {
  await coreWithList();
  const api = globalThis.partnerwatch;
  const { text, nums } = encodeObservation({ url: 'https://a.example/', links: [{ ref: 1, href: 'https://b.example/' }] });
  for (const [name, args] of Object.entries({
    'text cut': [text.subarray(1), nums],
    'nums cut': [text, nums.subarray(8)],
    'strings, not bytes': ['x', 'y'],
    'one argument': [text],
  })) {
    const r = JSON.parse(api.reportFlat(...args));
    assert.equal(r.ok, false, name);
    assert.equal(r.error.code, 'bad_request', name);
  }
});
