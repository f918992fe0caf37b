// Badge and notice texts from reports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALERT_COLOR, NEUTRAL_COLOR, badgeFor, canDismiss, noticesFor, popupRows } from '../../src/lib/present.js';
import { emptyDismissals, normalizeDismissals } from '../../src/lib/dismissals.js';
import { normalizeSettings } from '../../src/lib/settings.js';
import { t } from '../helpers/i18n.mjs';
import { accessText, evidenceText, formatDate, responseText, sourceText } from '../../src/lib/claims.js';


const spotifyGrant = {
  platform: 'facebook',
  permissions: ['thread_participants', 'read_messages', 'write_messages', 'delete_messages'],
  summary: 'long summary',
  evidence: 'reported-by-press',
  access: { state: 'ended', from: '2017', by: '2016' },
  sources: [{ title: 'T', publisher: 'The New York Times', date: '2018-12-18', url: 'https://www.nytimes.com/' }],
  resolved: [
    { id: 'thread_participants', label: 'See everyone in your message threads', severity: 'medium' },
    { id: 'read_messages', label: 'Read your private messages', severity: 'high' },
    { id: 'write_messages', label: 'Send private messages in your name', severity: 'high' },
    { id: 'delete_messages', label: 'Delete your private messages', severity: 'high' },
  ],
  severity: 'high',
};

const fbFinding = { provider: 'facebook', provider_name: 'Facebook', kind: 'login', widget: 'facebook-login-sdk', widget_name: 'Facebook Login', confidence: 'high', evidence: [], anchor: 4, grants: [0], alert: true };
const googleFinding = { provider: 'google', provider_name: 'Google', kind: 'login', widget: 'google-gis', widget_name: 'Sign in with Google', confidence: 'high', evidence: [], anchor: -1, grants: [], alert: false };

const partnerReport = {
  site: 'spotify.com',
  findings: [fbFinding],
  partner: { id: 'spotify', name: 'Spotify', domain: 'spotify.com', grants: [spotifyGrant] },
};
const shopReport = { site: 'example-shop.test', findings: [googleFinding] };

test('badge: nothing, a neutral count, or an alert', () => {
  const none = badgeFor({}, t);
  assert.equal(none.text, '');
  const textOnly = { ...googleFinding, widget: 'google-login-site', widget_name: 'Sign in with Google (site button)', confidence: 'low' };
  const cases = [
    // frames → badge text; one count per platform, whatever the frames and widgets
    { frames: { 0: { report: shopReport } }, text: '1' },
    { frames: { 0: { report: shopReport }, 3: { report: shopReport } }, text: '1' },
    { frames: { 0: { report: { ...shopReport, findings: [textOnly, googleFinding] } } }, text: '1' },
    { frames: { 0: { report: { ...shopReport, findings: [googleFinding, { ...fbFinding, alert: false, grants: [] }] } } }, text: '2' },
  ];
  for (const c of cases) {
    const b = badgeFor(c.frames, t);
    assert.equal(b.text, c.text, JSON.stringify(c.frames));
    assert.equal(b.color, NEUTRAL_COLOR);
  }
  const neutral = badgeFor({ 0: { report: { ...shopReport, findings: [textOnly, googleFinding] } } }, t);
  assert.equal(neutral.title, 'PartnerWatch: 1 widget(s) found (Sign in with Google). The list names no grant to the operator of example-shop.test from these platforms.');
  const alert = badgeFor({ 0: { report: partnerReport } }, t);
  assert.equal(alert.text, '!');
  assert.equal(alert.color, ALERT_COLOR);
  assert.equal(alert.title, 'PartnerWatch: spotify.com is operated by Spotify, which was granted access to your data by Facebook. Click for details.');
});

test('notice text names the site, the platform, the most severe permissions and the source', () => {
  const [n] = noticesFor(partnerReport, normalizeSettings(null), emptyDismissals(), t);
  assert.equal(
    n.text,
    'spotify.com — Facebook partner: could read your private messages, send private messages in your name, delete your private messages, … (reported by the press: The New York Times, 18 Dec 2018)',
  );
  assert.equal(n.anchor, 4);
  assert.equal(n.alert, true);
});

test('notice text names the list of a grant from another list than the detection list, as text', () => {
  const text = (/** @type {string|undefined} */ list, /** @type {string} */ detection) => {
    const report = { ...partnerReport, partner: { ...partnerReport.partner, grants: [{ ...spotifyGrant, list }] } };
    return noticesFor(report, normalizeSettings(null), emptyDismissals(), t, detection)[0].text;
  };
  const plain = 'spotify.com — Facebook partner: could read your private messages, send private messages in your name, delete your private messages, … (reported by the press: The New York Times, 18 Dec 2018)';
  const cases = [
    // the grant's list, the detection list's id, the text
    [undefined, 'partnerwatch-default', plain],
    ['partnerwatch-default', 'partnerwatch-default', plain],
    ['my-grants', 'partnerwatch-default', `${plain} (list: my-grants)`],
    ['<b>x</b>', 'partnerwatch-default', `${plain} (list: <b>x</b>)`], // text, never markup (notice.js sets textContent)
  ];
  for (const [list, detection, want] of cases) assert.equal(text(list, /** @type {string} */ (detection)), want, String(list));
});

test('one notice per platform, from its strongest finding', () => {
  const weak = { ...fbFinding, widget: 'facebook-login-site', confidence: 'low', anchor: 9, grants: [0], alert: true };
  const got = noticesFor({ ...partnerReport, findings: [weak, fbFinding] }, normalizeSettings(null), emptyDismissals(), t);
  assert.deepEqual(got.map((n) => [n.provider, n.widget, n.anchor]), [['facebook', 'facebook-login-sdk', 4]]);
});

test('notice modes and dismissals decide which notices are drawn', () => {
  const both = { ...partnerReport, findings: [fbFinding, googleFinding] };
  const cases = [
    // mode, dismissals, providers drawn
    { mode: 'partners', d: emptyDismissals(), want: ['facebook'] },
    { mode: 'all', d: emptyDismissals(), want: ['facebook', 'google'] },
    { mode: 'none', d: emptyDismissals(), want: [] },
    { mode: 'all', d: { sites: { 'spotify.com': ['facebook'] }, providers: [] }, want: ['google'] },
    { mode: 'all', d: { sites: { 'other.com': ['facebook'] }, providers: [] }, want: ['facebook', 'google'] },
    { mode: 'all', d: { sites: {}, providers: ['google', 'facebook'] }, want: [] },
  ];
  for (const c of cases) {
    const got = noticesFor(both, normalizeSettings({ notices: c.mode }), c.d, t).map((n) => n.provider);
    assert.deepEqual(got, c.want, `${c.mode} ${JSON.stringify(c.d)}`);
  }
  const [g] = noticesFor(shopReport, normalizeSettings({ notices: 'all' }), emptyDismissals(), t);
  assert.equal(g.text, 'Sign in with Google on example-shop.test: the list names no grant from Google to this site\'s operator.');
});

test('dates are written for reading', () => {
  const cases = [
    ['2018-12-18', '18 Dec 2018'],
    ['2018-03', 'Mar 2018'],
    ['2017', '2017'],
    ['yesterday', 'yesterday'],
    [undefined, ''],
  ];
  for (const [in_, want] of cases) assert.equal(formatDate(in_), want, String(in_));
});

test('a dismissal is allowed only for a provider the tab\'s reports found', () => {
  const frames = {
    0: { report: { site: 'spotify.com', findings: [{ provider: 'facebook', widget: 'facebook-login' }] } },
    3: { report: { site: 'chat.example', findings: [{ provider: 'intercom', widget: 'intercom-chat' }] } },
  };
  assert.equal(canDismiss(frames, 'facebook'), true);
  assert.equal(canDismiss(frames, 'intercom'), true, 'a finding of a subframe counts');
  assert.equal(canDismiss(frames, 'google'), false, 'a platform the tab never showed');
  assert.equal(canDismiss({}, 'facebook'), false, 'a tab without reports');
  assert.equal(canDismiss(frames, '__proto__'), false);
});

test('corrupted dismissals and settings are repaired', () => {
  assert.deepEqual(normalizeDismissals({ providers: ['x', 3], sites: { 'a.com': ['y', null], 'b.com': 'z' } }), { providers: ['x'], sites: { 'a.com': ['y'] } });
  assert.deepEqual(normalizeDismissals('junk'), emptyDismissals());
  assert.deepEqual(normalizeSettings({ notices: 'loud', keys: [{ id: 1 }], syncMinutes: 1 }), { notices: 'partners', listUrl: '', listId: '', keys: [], syncMinutes: 360 });
  assert.equal(normalizeSettings({ listId: 'Not A Slug' }).listId, '');
  assert.equal(normalizeSettings({ listId: 'my-list' }).listId, 'my-list');
});

test('a response reads as a quote only when it is one: summaries are never in quotation marks', () => {
  const date = '2018-12-19';
  const cases = [
    // A quote: the words in quotation marks, the speaker and the date.
    [{ kind: 'quote', by: 'Spotify', speaker: 'a Spotify spokesperson', text: 'We have no evidence.', date }, 'quote', '“We have no evidence.” — a Spotify spokesperson (Spotify), 19 Dec 2018'],
    [{ kind: 'quote', by: 'Facebook', speaker: 'Facebook', text: 'Yes.', date }, 'quote', '“Yes.” — Facebook, 19 Dec 2018'],
    // A summary: our words, marked as such, no quotation marks added.
    [{ kind: 'summary', by: 'Spotify', text: 'Spotify said it was unaware of the access.', date }, 'summary', 'Spotify, 19 Dec 2018 (summary in our words): Spotify said it was unaware of the access.'],
    // A response of no known kind is never promoted to a quote.
    [{ by: 'Netflix', text: 'Netflix said the feature was unpopular.', date }, 'summary', 'Netflix, 19 Dec 2018 (summary in our words): Netflix said the feature was unpopular.'],
    // Refusals are said in words.
    [{ kind: 'declined', by: 'Amazon', date }, 'declined', 'Amazon declined to comment (19 Dec 2018)'],
    [{ kind: 'no-reply', by: 'Yahoo', date: '2018-12' }, 'no-reply', 'Yahoo did not respond (Dec 2018)'],
  ];
  for (const [r, kind, text] of cases) {
    const got = responseText(r, t);
    assert.deepEqual(got, { kind, text }, JSON.stringify(r));
    if (kind !== 'quote') assert.doesNotMatch(got.text, /[“”"„«»]/, `${kind} shown with quotation marks: ${got.text}`);
  }
});

test('evidence, access and source kind read in words', () => {
  assert.equal(evidenceText('confirmed-by-platform', t), 'confirmed by the platform');
  assert.equal(evidenceText('denied-by-partner', t), 'denied by the partner');
  const cases = [
    [{ state: 'ended', from: '2013-12', to: '2015' }, 'ended 2015 (from Dec 2013)'],
    [{ state: 'ended', by: '2018-10' }, 'ended by Oct 2018'],
    [{ state: 'ongoing', as_of: '2018-12-19' }, 'ongoing as of 19 Dec 2018'],
    [{ state: 'unknown', from: '2015', as_of: '2018-12-06' }, 'unknown as of 6 Dec 2018 (from 2015)'],
  ];
  for (const [a, want] of cases) assert.equal(accessText(a, t), want, JSON.stringify(a));
  assert.equal(sourceText({ kind: 'platform-statement', publisher: 'Facebook', date: '2018-12-18', title: 'Partners' }, t), 'Platform statement: Facebook, 18 Dec 2018: Partners');
});

test('badge: a dismissed warning leaves the badge neutral, for this site or this platform', () => {
  const frames = { 0: { report: partnerReport } };
  const cases = [
    { d: null, text: '!', color: ALERT_COLOR },
    { d: emptyDismissals(), text: '!', color: ALERT_COLOR },
    { d: { providers: [], sites: { 'spotify.com': ['facebook'] } }, text: '1', color: NEUTRAL_COLOR },
    { d: { providers: ['facebook'], sites: {} }, text: '1', color: NEUTRAL_COLOR },
    // Another site's or another platform's dismissal changes nothing.
    { d: { providers: ['google'], sites: { 'netflix.com': ['facebook'] } }, text: '!', color: ALERT_COLOR },
  ];
  for (const c of cases) {
    const b = badgeFor(frames, t, c.d);
    assert.equal(b.text, c.text, JSON.stringify(c.d));
    assert.equal(b.color, c.color, JSON.stringify(c.d));
  }
});

test('popup rows: one per platform and kind, every evidence line once', () => {
  const script = { signal: 'script', value: 'https://connect.facebook.net/en_US/sdk.js', ref: -1 };
  const request = { signal: 'request', value: 'https://connect.facebook.net/en_US/sdk.js', ref: -1 };
  const sdk = { ...fbFinding, evidence: [script, { signal: 'selector', value: 'div.fb-login-button', ref: 4 }, request] };
  const site = { ...fbFinding, widget: 'facebook-login-site', widget_name: 'Sign in with Facebook (site button)', confidence: 'low', alert: false, evidence: [{ signal: 'control', value: 'Continue with Facebook', ref: 4 }, request] };
  const chat = { ...fbFinding, kind: 'messaging', widget: 'facebook-messenger-chat', widget_name: 'Messenger chat', confidence: 'medium', alert: false, fedcm: false, evidence: [{ signal: 'link', value: 'https://m.me/shop', ref: 7 }] };
  const rows = popupRows([site, sdk, chat, googleFinding]);
  assert.deepEqual(rows.map((r) => `${r.provider}/${r.kind}`), ['facebook/login', 'facebook/messaging', 'google/login']);
  const fb = rows[0];
  assert.equal(fb.widget_name, 'Facebook Login'); // the strongest finding names the row
  assert.equal(fb.alert, true);
  assert.deepEqual(fb.widgets, ['facebook-login-site', 'facebook-login-sdk']);
  assert.deepEqual(
    fb.evidence.map((/** @type {any} */ e) => `${e.signal} ${e.value}`),
    ['script https://connect.facebook.net/en_US/sdk.js', 'selector div.fb-login-button', 'control Continue with Facebook'],
  );
  assert.equal(popupRows([{ ...googleFinding, fedcm: true }, { ...googleFinding, widget: 'x', confidence: 'low' }])[0].fedcm, true);
  assert.deepEqual(popupRows([]), []);
});
