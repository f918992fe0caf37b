import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manageHref, safeHTTPS } from '../../src/lib/manage.js';

test('safeHTTPS keeps absolute https URLs and refuses everything else', () => {
  const cases = [
    ['https://myaccount.google.com/connections', 'https://myaccount.google.com/connections'],
    ['https://appleid.apple.com', 'https://appleid.apple.com/'],
    ['http://myaccount.google.com/connections', ''],
    ['javascript:alert(1)', ''],
    ['data:text/html,<b>x</b>', ''],
    ['//myaccount.google.com/connections', ''],
    ['https://user:pw@myaccount.google.com/', ''],
    ['chrome-extension://abc/options.html', ''],
    [`https://x.example/${'a'.repeat(2100)}`, ''],
    [42, ''],
    [null, ''],
  ];
  for (const [raw, want] of cases) assert.equal(safeHTTPS(raw), want, String(raw));
});

test('manageHref reads the list map, and only own keys', () => {
  const list = { manage: { google: 'https://myaccount.google.com/connections', evil: 'javascript:alert(1)' } };
  assert.equal(manageHref(list, 'google'), 'https://myaccount.google.com/connections');
  assert.equal(manageHref(list, 'evil'), '');
  assert.equal(manageHref(list, 'facebook'), '');
  assert.equal(manageHref(list, 'toString'), '');
  assert.equal(manageHref(null, 'google'), '');
  assert.equal(manageHref({}, 'google'), '');
  assert.equal(manageHref({ manage: 'x' }, 'google'), '');
});
