// Per-tab state and badges (lib/tabs.js), with a recording stand-in for the
// browser's action API and in-memory storage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocks, createTabs, tabKey, tabReport } from '../../src/lib/tabs.js';
import { ALERT_COLOR, BADGE_TEXT_COLOR } from '../../src/lib/present.js';
import { emptyDismissals } from '../../src/lib/dismissals.js';
import { memoryStorage } from '../helpers/memstore.mjs';
import { t } from '../helpers/i18n.mjs';

test('createLocks runs the work on one tab in order, other tabs alongside, and survives failures', async () => {
  const withTab = createLocks();
  const log = [];
  const wait = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  const a = withTab(1, async () => {
    await wait(30);
    log.push('1a');
  });
  const b = withTab(1, async () => {
    log.push('1b');
    throw new Error('boom');
  });
  const c = withTab(1, async () => log.push('1c'));
  const d = withTab(2, async () => log.push('2a'));
  await Promise.allSettled([a, b, c, d]);
  assert.deepEqual(log, ['2a', '1a', '1b', '1c']);
  await assert.rejects(b, /boom/);
});

test('tabReport: the given frame, else the top frame, else any', () => {
  const r = (/** @type {string} */ site) => ({ report: { site } });
  assert.equal(tabReport({ 0: r('top'), 3: r('sub') }, 3).site, 'sub');
  assert.equal(tabReport({ 0: r('top'), 3: r('sub') }, 5).site, 'top');
  assert.equal(tabReport({ 4: r('sub') }).site, 'sub');
  assert.equal(tabReport({}), null);
});

/** A recording stand-in for ext.action and ext.tabs. */
function fakeExt(/** @type {number[]} */ open = []) {
  const calls = [];
  const rec = (/** @type {string} */ name) => async (/** @type {any} */ arg) => calls.push([name, arg]);
  return {
    calls,
    action: { setTitle: rec('title'), setBadgeBackgroundColor: rec('color'), setBadgeTextColor: rec('textColor'), setBadgeText: rec('text') },
    tabs: { query: async () => open.map((id) => ({ id })) },
  };
}

const alertReport = {
  site: 'spotify.com',
  findings: [{ provider: 'facebook', provider_name: 'Facebook', widget: 'fb', widget_name: 'Facebook Login', kind: 'login', confidence: 'high', alert: true, grants: [0] }],
  partner: { id: 'spotify', name: 'Spotify', grants: [{ platform: 'facebook' }] },
};

test('createTabs: state in session storage, the badge drawn title first, text last, cleared on navigation', async () => {
  const store = memoryStorage();
  const ext = fakeExt([7]);
  let consent = null;
  let dismissals = emptyDismissals();
  const tabs = createTabs({ ext, store, t, consentFor: async () => consent, dismissals: async () => dismissals });
  assert.deepEqual(await tabs.read(7), { frames: {} });
  await store.set('session', { [tabKey(8)]: 'junk' });
  assert.deepEqual(await tabs.read(8), { frames: {} }, 'corrupt state reads as empty');

  await tabs.write(7, { frames: { 0: { report: alertReport, at: 1 } } });
  const b = await tabs.redraw(7);
  assert.equal(b.text, '!');
  assert.deepEqual(ext.calls.map(([n]) => n), ['title', 'color', 'textColor', 'text']);
  assert.deepEqual(ext.calls[1][1], { tabId: 7, color: ALERT_COLOR });
  assert.deepEqual(ext.calls[2][1], { tabId: 7, color: BADGE_TEXT_COLOR });

  // A dismissed warning: the badge turns neutral (a count).
  dismissals = { sites: { 'spotify.com': ['facebook'] }, providers: [] };
  ext.calls.length = 0;
  await tabs.redrawAll();
  assert.deepEqual(ext.calls.at(-1), ['text', { tabId: 7, text: '1' }]);

  // A consent screen's warning wins.
  consent = { warning: { alert: false, severity: 'high', title: 'consent title' } };
  assert.equal((await tabs.redraw(7)).title, 'consent title');

  // Navigation forgets the reports; the badge is empty without a consent screen.
  consent = null;
  ext.calls.length = 0;
  await tabs.clear(7);
  assert.equal(await store.get('session', tabKey(7), null), null);
  assert.deepEqual(ext.calls.map(([n, a]) => [n, a.text ?? a.title]), [['title', t('badgeTitleNone')], ['text', '']]);
});
