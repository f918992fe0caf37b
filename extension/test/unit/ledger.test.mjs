import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RETENTION_DAYS, LEDGER_KEY, MAX_ENTRIES, SAME_SIGNIN_MS, addEntry, createLedger, csvField, emptyLedger,
  entryFromWarning, normalizeLedger, prune, search, toCSV, toJSON,
} from '../../src/lib/ledger.js';
import { consentWarning } from '../../src/lib/consent.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T10:00:00Z');

/** A consent answer as core.inspect gives it. */
function consent(site = 'spotify.com', scopes = ['email', 'user_friends'], partner = true) {
  return {
    request: {
      provider: 'facebook', endpoint: 'https://www.facebook.com/v19.0/dialog/oauth', client_id: '174829003346', redirect_site: site, login: true,
      scopes: scopes.map((name) => ({ name, label: name === 'email' ? 'Your email address' : `Label ${name}`, severity: name === 'read_mailbox' ? 'high' : 'low' })),
      severity: scopes.includes('read_mailbox') ? 'high' : 'low',
    },
    provider_name: 'Facebook',
    partner: partner
      ? { id: 'spotify', name: 'Spotify', domain: 'spotify.com', grants: [{ platform: 'facebook', permissions: ['read_messages'], resolved: [{ id: 'read_messages', label: 'Read your private messages', severity: 'high' }], severity: 'high', summary: 'x', evidence: 'reported-by-press', sources: [{ publisher: 'The New York Times', date: '2018-12-18' }] }] }
      : undefined,
    grants: partner ? [0] : [],
    alert: partner,
  };
}

let n = 0;
const newId = () => `id-${++n}`;

test('entryFromWarning keeps site, provider, scopes, partner and the grant lines, not the URL', () => {
  const w = consentWarning(consent());
  const e = /** @type {any} */ (entryFromWarning(w, NOW, newId));
  assert.equal(e.site, 'spotify.com');
  assert.equal(e.provider, 'facebook');
  assert.equal(e.provider_name, 'Facebook');
  assert.deepEqual(e.scopes.map((/** @type {any} */ s) => s.name), ['email', 'user_friends']);
  assert.deepEqual(e.partner, { id: 'spotify', name: 'Spotify' });
  assert.equal(e.alert, true);
  assert.equal(e.grants.length, 1);
  assert.match(e.grants[0], /Spotify, was granted by Facebook: read your private messages/);
  assert.ok(!JSON.stringify(e).includes('dialog/oauth'), 'no endpoint or URL');
  assert.equal(entryFromWarning(null, NOW, newId), null);
});

test('addEntry keeps one entry for the same sign-in seen twice within minutes, and a new one later', () => {
  const w = consentWarning(consent());
  const a = /** @type {any} */ (entryFromWarning(w, NOW, newId));
  const b = /** @type {any} */ (entryFromWarning(w, NOW + 1000, newId));
  let l = addEntry(addEntry(emptyLedger(), a), b);
  assert.equal(l.entries.length, 1);
  assert.equal(l.entries[0].id, a.id, 'the first id stays');
  assert.equal(l.entries[0].at, NOW + 1000);
  const c = /** @type {any} */ (entryFromWarning(w, NOW + SAME_SIGNIN_MS + 1000, newId));
  l = addEntry(l, c);
  assert.equal(l.entries.length, 2);
  const other = /** @type {any} */ (entryFromWarning(consentWarning(consent('spotify.com', ['email'])), NOW + 2000, newId));
  assert.equal(addEntry(l, other).entries.length, 3, 'other scopes are another sign-in');
});

test('prune drops entries older than the retention; the default is one year', () => {
  assert.equal(DEFAULT_RETENTION_DAYS, 365);
  assert.equal(normalizeLedger(null).retentionDays, 365);
  const w = consentWarning(consent());
  const entries = [0, 364, 366].map((d) => /** @type {any} */ (entryFromWarning(w, NOW - d * DAY, newId)));
  const l = normalizeLedger({ entries });
  assert.deepEqual(prune(l, NOW).entries.map((e) => Math.round((NOW - e.at) / DAY)), [0, 364]);
  assert.deepEqual(prune({ ...l, retentionDays: 30 }, NOW).entries.length, 1);
});

test('normalizeLedger repairs what storage holds', () => {
  const l = normalizeLedger({
    retentionDays: 12345,
    entries: [
      { id: 'a', at: NOW, provider: 'google', site: 'x.test', scopes: [{ name: 'email', severity: 'bogus' }, 7], grants: ['g', 3], partner: 'nope' },
      { id: '', at: NOW, provider: 'google' },
      { id: 'b', at: 'yesterday', provider: 'google' },
      null,
      { id: 'c', at: NOW + 5, provider: 'apple', site: 'y.test' },
    ],
  });
  assert.equal(l.retentionDays, 365);
  assert.deepEqual(l.entries.map((e) => e.id), ['c', 'a'], 'valid entries, newest first');
  assert.deepEqual(l.entries[1].scopes, [{ name: 'email', label: 'email', severity: 'medium' }]);
  assert.deepEqual(l.entries[1].grants, ['g']);
  assert.equal(l.entries[1].partner, null);
  const many = normalizeLedger({ entries: Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ id: `x${i}`, at: i, provider: 'google' })) });
  assert.equal(many.entries.length, MAX_ENTRIES);
});

test('search matches every word in site, provider, partner, scopes and date', () => {
  const w1 = consentWarning(consent());
  const w2 = consentWarning(consent('example-shop.test', ['read_mailbox'], false));
  const l = normalizeLedger({ entries: [entryFromWarning(w1, NOW, newId), entryFromWarning(w2, NOW - DAY, newId)] });
  assert.deepEqual(search(l.entries, 'spotify').map((e) => e.site), ['spotify.com']);
  assert.deepEqual(search(l.entries, 'FACEBOOK read_mailbox').map((e) => e.site), ['example-shop.test']);
  assert.deepEqual(search(l.entries, '2026-12-01').map((e) => e.site), ['example-shop.test']);
  assert.deepEqual(search(l.entries, 'spotify read_mailbox'), []);
  assert.equal(search(l.entries, '  ').length, 2);
});

test('toJSON and toCSV export every entry with its manage link; CSV fields are quoted and formula-safe', () => {
  const w = consentWarning(consent());
  const l = normalizeLedger({ entries: [entryFromWarning(w, NOW, newId)] });
  const manage = (/** @type {string} */ p) => (p === 'facebook' ? 'https://www.facebook.com/settings' : '');
  const doc = JSON.parse(toJSON(l.entries, manage));
  assert.equal(doc.signins[0].manage_access, 'https://www.facebook.com/settings');
  assert.equal(doc.signins[0].date, '2026-12-02T10:00:00.000Z');
  const csv = toCSV(l.entries, manage).split('\r\n');
  assert.equal(csv[0], 'date,site,provider,client_id,scopes,severity,partner,partner_grants,manage_access');
  assert.match(csv[1], /^2026-12-02T10:00:00\.000Z,spotify\.com,Facebook,174829003346,Your email address; Label user_friends,low,Spotify,".*Spotify, was granted.*",https:\/\/www\.facebook\.com\/settings$/);
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-1'), "'-1");
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('plain'), 'plain');
});

test('createLedger records, reads, deletes one or all and sets the retention, in local storage only', async () => {
  /** @type {Record<string, any>} */
  const areas = { local: {}, session: {} };
  const store = {
    get: async (/** @type {string} */ a, /** @type {string} */ k, /** @type {any} */ f) => (k in areas[a] ? structuredClone(areas[a][k]) : f),
    set: async (/** @type {string} */ a, /** @type {Record<string, any>} */ items) => {
      Object.assign(areas[a], structuredClone(items));
      return true;
    },
  };
  let now = NOW;
  const ledger = createLedger({ store, now: () => now, newId });
  assert.equal(await ledger.record(consentWarning(consent())), true);
  assert.equal(await ledger.record(null), false);
  now += SAME_SIGNIN_MS * 2;
  await ledger.record(consentWarning(consent('other.test', ['email'], false)));
  let l = await ledger.read();
  assert.deepEqual(l.entries.map((e) => e.site), ['other.test', 'spotify.com']);
  assert.deepEqual(Object.keys(areas.local), [LEDGER_KEY]);
  assert.deepEqual(areas.session, {});
  assert.equal(await ledger.remove([l.entries[0].id]), 1);
  assert.deepEqual((await ledger.read()).entries.map((e) => e.site), ['spotify.com']);
  assert.equal(await ledger.setRetention(12), null, 'only offered choices');
  now += 40 * DAY;
  l = /** @type {any} */ (await ledger.setRetention(30));
  assert.equal(l.retentionDays, 30);
  assert.equal(l.entries.length, 0, 'older than 30 days: gone');
  await ledger.record(consentWarning(consent()));
  assert.equal(await ledger.remove('all'), 1);
  assert.equal((await ledger.read()).entries.length, 0);
});
