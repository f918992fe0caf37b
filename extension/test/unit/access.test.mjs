// Permission handling: what is granted, what the options page says, and
// asking again. A fake permissions API stands in for the browser's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGLISH, NETWORK_ACCESS, accessNote, checkAccess, requestAccess } from '../../src/lib/access.js';

/**
 * A fake extension namespace.
 * @param {{perms?: string[], origins?: string[], apis?: boolean, throws?: boolean, grant?: boolean}} o
 */
function fakeApi({ perms = ['webRequest', 'webNavigation'], origins = ['http://*/*', 'https://*/*'], apis = true, throws = false, grant = true } = {}) {
  const requested = [];
  return {
    requested,
    webRequest: apis ? { onBeforeRequest: {} } : undefined,
    webNavigation: apis ? { onCommitted: {} } : undefined,
    permissions: {
      async contains(/** @type {any} */ p) {
        if (throws) throw new Error('permissions unavailable');
        return (p.permissions ?? []).every((/** @type {string} */ x) => perms.includes(x)) && (p.origins ?? []).every((/** @type {string} */ x) => origins.includes(x));
      },
      async request(/** @type {any} */ p) {
        requested.push(p);
        if (throws) throw new Error('not in a user gesture');
        return grant;
      },
    },
  };
}

test('checkAccess: full only with both APIs, their permissions and every http(s) site', async () => {
  const cases = [
    // what is granted → mode
    { name: 'everything', api: fakeApi(), want: { webRequest: true, webNavigation: true, hosts: true, mode: 'full' } },
    { name: 'site access withheld', api: fakeApi({ origins: [] }), want: { webRequest: true, webNavigation: true, hosts: false, mode: 'dom-only' } },
    { name: 'https only', api: fakeApi({ origins: ['https://*/*'] }), want: { webRequest: true, webNavigation: true, hosts: false, mode: 'dom-only' } },
    { name: 'no webRequest', api: fakeApi({ perms: ['webNavigation'] }), want: { webRequest: false, webNavigation: true, hosts: true, mode: 'dom-only' } },
    { name: 'no webNavigation', api: fakeApi({ perms: ['webRequest'] }), want: { webRequest: true, webNavigation: false, hosts: true, mode: 'dom-only' } },
    { name: 'APIs absent', api: fakeApi({ apis: false }), want: { webRequest: false, webNavigation: false, hosts: true, mode: 'dom-only' } },
    { name: 'query fails', api: fakeApi({ throws: true }), want: { webRequest: false, webNavigation: false, hosts: false, mode: 'dom-only' } },
    { name: 'no extension API', api: undefined, want: { webRequest: false, webNavigation: false, hosts: false, mode: 'dom-only' } },
  ];
  for (const c of cases) assert.deepEqual(await checkAccess(c.api), c.want, c.name);
});

test('accessNote says what works and offers to grant what is missing', () => {
  const full = accessNote({ webRequest: true, webNavigation: true, hosts: true, mode: 'full' });
  assert.deepEqual(full, { mode: 'full', text: ENGLISH.accessFull, action: '' });
  const limited = accessNote({ webRequest: true, webNavigation: true, hosts: false, mode: 'dom-only' });
  assert.equal(limited.mode, 'dom-only');
  assert.match(limited.text, /page content only/);
  assert.match(limited.text, /sign-in screens/);
  assert.equal(limited.action, 'Grant access');
  // A catalogue entry wins; a failing lookup falls back to English.
  assert.equal(accessNote({ webRequest: true, webNavigation: true, hosts: false, mode: 'dom-only' }, (n) => (n === 'accessGrant' ? 'Zugriff erlauben' : '')).action, 'Zugriff erlauben');
  const boom = () => {
    throw new Error('no i18n');
  };
  assert.equal(accessNote({ webRequest: true, webNavigation: true, hosts: true, mode: 'full' }, boom).text, ENGLISH.accessFull);
});

test('requestAccess asks for the origins only and never throws', async () => {
  const ok = fakeApi();
  assert.equal(await requestAccess(ok), true);
  assert.deepEqual(ok.requested, [{ origins: [...NETWORK_ACCESS.origins] }]);
  assert.equal(await requestAccess(fakeApi({ grant: false })), false);
  assert.equal(await requestAccess(fakeApi({ throws: true })), false);
  assert.equal(await requestAccess(undefined), false);
});
