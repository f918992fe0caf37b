// The one severity order (lib/severity.js), the core's (wasm/list/severity.go,
// SeverityRank: low 0, medium 1, high 2, anything else 1), and the grant
// sentence that the in-page notice and the consent warning share
// (claims.js, grantParts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bySeverity, severityOf, severityRank } from '../../src/lib/severity.js';
import { grantParts } from '../../src/lib/claims.js';
import { noticeText } from '../../src/lib/present.js';
import { consentWarning } from '../../src/lib/consent.js';
import { t } from '../helpers/i18n.mjs';

test('severityRank and severityOf: unknown ranks as medium, as in the core', () => {
  const cases = [
    // severity, rank, known severity
    ['low', 0, 'low'],
    ['medium', 1, 'medium'],
    ['high', 2, 'high'],
    ['extreme', 1, 'medium'],
    ['', 1, 'medium'],
    ['HIGH', 1, 'medium'],
    [undefined, 1, 'medium'],
    [2, 1, 'medium'],
  ];
  for (const [s, rank, known] of cases) {
    assert.equal(severityRank(s), rank, String(s));
    assert.equal(severityOf(s), known, String(s));
  }
});

test('bySeverity sorts most sensitive first, an unknown severity with medium, equals in order', () => {
  const items = [{ id: 'l', severity: 'low' }, { id: 'u', severity: 'odd' }, { id: 'h', severity: 'high' }, { id: 'm', severity: 'medium' }, { id: 'n' }];
  assert.deepEqual(items.slice().sort(bySeverity).map((x) => x.id), ['h', 'u', 'm', 'n', 'l']);
});

/** A grant whose permissions have every severity, one unknown to the extension. */
const grant = {
  platform: 'facebook',
  summary: 'The list says so.',
  evidence: 'confirmed-by-platform',
  sources: [{ kind: 'press', publisher: 'The Paper', date: '2018-12-18', title: 'T' }],
  resolved: [
    { id: 'x_low', label: 'See your likes', severity: 'low' },
    { id: 'x_new', label: 'Read your drafts', severity: 'critical' },
    { id: 'x_high', label: 'Read your messages', severity: 'high' },
  ],
  severity: 'high',
  list: 'other-list',
};

test('grantParts: labels in sentence case, most sensitive first (unknown as medium), bounded', () => {
  const p = grantParts(grant, t, { max: 2, more: (n) => `+${n}` });
  assert.deepEqual(p.labels, ['read your messages', 'read your drafts', '+1']);
  assert.equal(p.evidence, 'confirmed by the platform');
  assert.deepEqual(p.source, { publisher: 'The Paper', date: '18 Dec 2018' });
  assert.equal(p.summary, 'The list says so.');
  assert.equal(p.list, 'other-list');
  assert.deepEqual(grantParts({ ...grant, resolved: [] }, t, { max: 2, more: String }).labels, []);
});

test('the notice and the consent warning name a grant\'s permissions in the same order', () => {
  const report = { site: 'example.org', partner: { id: 'p', name: 'P', grants: [grant] } };
  const finding = { provider: 'facebook', provider_name: 'Facebook', grants: [0] };
  const notice = noticeText(report, finding, t);
  const w = consentWarning(
    {
      request: { provider: 'facebook', redirect_site: 'example.org', scopes: [], severity: 'low', login: true },
      provider_name: 'Facebook',
      alert: true,
      grants: [0],
      partner: report.partner,
    },
    t,
  );
  const line = w?.lines.find((l) => l.kind === 'grant')?.text ?? '';
  const order = 'read your messages, read your drafts, see your likes';
  assert.ok(notice.includes(order), notice);
  assert.ok(line.includes(order), line);
});
