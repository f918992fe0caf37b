// The popup: the report of one tab, in plain words. Opened from the toolbar
// it shows the active tab; popup.html?tab=<tabId> shows that tab (tests and
// the "open in a tab" case). Every text from the list or the page is set
// with textContent; links are built element by element.

import { ext } from '../lib/browser.js';
import { accessText, evidenceText as grantEvidenceText, formatDate, responseText, sourceText } from '../lib/claims.js';
import { popupRows } from '../lib/present.js';
import { isDismissed } from '../lib/dismissals.js';
import { localize, t } from '../lib/i18n.js';
import { el, renderAccess, renderAttempts, renderConsent } from './consent.js';
import { manageHref, manageLink } from '../lib/manage.js';
import { permissionLabel } from '../lib/labels.js';

/** @returns {Promise<number>} */
async function targetTab() {
  const q = new URLSearchParams(location.search).get('tab');
  if (q !== null && /^\d+$/.test(q)) return Number(q);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

/** @param {any} ev */
function evidenceText(ev) {
  let value = String(ev.value ?? '');
  if (['script', 'frame', 'request', 'authorize'].includes(ev.signal)) {
    try {
      const u = new URL(value);
      value = u.host + u.pathname;
    } catch {
      // keep as is
    }
  }
  return t(`evidence_${ev.signal}`, [value]) || `${ev.signal}: ${value}`;
}


/**
 * @param {number} tabId
 * @param {any} f
 * @param {any} state
 */
function findingRow(tabId, f, state) {
  const li = el('li', { class: `finding${f.alert ? ' alert' : ''}`, 'data-provider': f.provider, 'data-kind': f.kind, 'data-widget': f.widget, 'data-alert': String(!!f.alert) });
  li.append(el('div', { class: 'title' }, f.widget_name));
  const kind = t(`kind_${f.kind}`) || f.kind;
  li.append(el('div', { class: 'meta' }, t('findingMeta', [f.provider_name, kind, t(`confidence_${f.confidence}`) || f.confidence])));
  if (f.alert) li.append(el('div', { class: 'partner-note' }, t('findingAlert', [state.partner?.name ?? f.site, f.provider_name])));
  if (f.fedcm) li.append(el('div', { class: 'fedcm-note' }, t('findingFedCM')));
  const evs = el('ul', { class: 'evidence' });
  for (const ev of (f.evidence ?? []).slice(0, 6)) evs.append(el('li', { 'data-signal': ev.signal }, evidenceText(ev)));
  li.append(evs);
  const manage = manageLink(document, manageHref(state.list, f.provider), t('manageAccess', [f.provider_name]), f.provider);
  if (manage) {
    const line = el('div', { class: 'manage-line' });
    line.append(manage);
    li.append(line);
  }
  if (isDismissed(state.dismissals, f.site, f.provider)) li.append(el('div', { class: 'dismissed' }, t('findingDismissed')));
  const actions = el('div', { class: 'actions' });
  for (const scope of /** @type {const} */ (['site', 'provider'])) {
    const b = el('button', { type: 'button', 'data-scope': scope }, t(scope === 'site' ? 'dismissSite' : 'dismissProvider'));
    b.addEventListener('click', async (e) => {
      if (!e.isTrusted) return;
      const r = await ext.runtime.sendMessage({ type: 'dismiss', tabId, scope, provider: f.provider });
      if (r?.ok) render();
    });
    actions.append(b);
  }
  li.append(actions);
  return li;
}

/**
 * @param {any} partner
 * @param {Record<string, string>} names provider display names by ID
 */
function grantsTable(partner, names) {
  const body = /** @type {HTMLElement} */ (document.querySelector('#grants tbody'));
  body.replaceChildren();
  for (const g of partner.grants ?? []) {
    const tr = el('tr', { 'data-platform': g.platform, 'data-evidence': g.evidence, 'data-access': g.access?.state, 'data-severity': g.severity });
    tr.append(el('td', {}, names[g.platform] ?? g.platform));
    const perms = el('td');
    const labels = el('ul', { class: 'perms' });
    for (const p of g.resolved ?? []) labels.append(el('li', { 'data-severity': p.severity, 'data-permission': String(p.id ?? '') }, permissionLabel(p, t)));
    perms.append(labels, el('div', { class: 'summary' }, g.summary ?? ''));
    // The signed list the grant came from (wasm/core/merge.go), as text.
    if (g.list) perms.append(el('div', { class: 'from-list', 'data-list': String(g.list) }, t('consentFromList', [String(g.list)])));
    tr.append(perms);
    tr.append(el('td', { class: `sev-${g.severity}` }, t(`severity_${g.severity}`) || g.severity));
    tr.append(el('td', {}, accessText(g.access, t)));
    tr.append(el('td', {}, grantEvidenceText(g.evidence, t)));
    const src = el('td');
    for (const s of g.sources ?? []) {
      const safe = /^https:\/\//i.test(s.url ?? '');
      const a = el(safe ? 'a' : 'span', safe ? { href: s.url, target: '_blank', rel: 'noopener noreferrer' } : {}, sourceText(s, t));
      src.append(a, el('br'));
    }
    tr.append(src);
    const resp = el('td');
    for (const r of g.responses ?? []) {
      const line = responseText(r, t);
      const safe = /^https:\/\//i.test(r.url ?? '');
      const div = el('div', { class: `response response-${line.kind}`, 'data-kind': line.kind }, line.text);
      if (safe) div.append(' ', el('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, '↗'));
      resp.append(div);
    }
    tr.append(resp);
    body.append(tr);
  }
}

async function render() {
  const tabId = await targetTab();
  const state = await ext.runtime.sendMessage({ type: 'getTabState', tabId });
  const site = /** @type {HTMLElement} */ (document.getElementById('site'));
  if (!state?.ok) {
    site.textContent = state?.error?.message ?? t('popupError');
    document.body.dataset.ready = 'error';
    return;
  }
  site.textContent = state.site || t('popupNoSite');
  document.body.dataset.tab = String(tabId);

  // The toolbar badge as the browser shows it.
  const badge = /** @type {HTMLElement} */ (document.getElementById('badge'));
  let text = '';
  let title = '';
  try {
    text = await ext.action.getBadgeText({ tabId });
    title = await ext.action.getTitle({ tabId });
  } catch {
    // no such tab
  }
  badge.dataset.text = text;
  badge.dataset.title = title;
  badge.className = `badge-line${text === '!' ? ' alert' : ''}`;
  const alerts = state.findings.filter((/** @type {any} */ f) => f.alert);
  if (alerts.length && state.partner) {
    const platforms = [...new Set(alerts.map((/** @type {any} */ f) => f.provider_name))].join(', ');
    badge.textContent = t('popupSummaryAlert', [state.site, state.partner.name, platforms]);
  } else badge.textContent = text ? title.replace(/^PartnerWatch\s*:\s*/, '') : t('badgeTitleNone');

  const list = /** @type {HTMLElement} */ (document.getElementById('findings'));
  list.replaceChildren(...popupRows(state.findings).map((/** @type {any} */ f) => findingRow(tabId, f, state)));
  /** @type {HTMLElement} */ (document.getElementById('no-findings')).hidden = state.findings.length > 0;

  const section = /** @type {HTMLElement} */ (document.getElementById('partner-section'));
  if (state.partner) {
    section.hidden = false;
    section.dataset.partner = state.partner.id;
    /** @type {HTMLElement} */ (document.getElementById('partner-title')).textContent = t('partnerTitle', [state.partner.name, state.partner.domain]);
    grantsTable(state.partner, Object.fromEntries(state.findings.map((/** @type {any} */ f) => [f.provider, f.provider_name])));
  } else section.hidden = true;

  const ls = /** @type {HTMLElement} */ (document.getElementById('list-status'));
  ls.replaceChildren();
  if (state.list) {
    ls.dataset.version = String(state.list.version);
    ls.dataset.stale = String(!!state.list.stale);
    ls.append(t('listStatus', [String(state.list.version), formatDate(state.list.issued_at?.slice(0, 10)), formatDate(state.list.expires_at?.slice(0, 10))]));
    ls.dataset.freshness = state.list.freshness ?? '';
    if (state.list.stale) ls.append(' ', el('span', { class: 'stale' }, t('listStale')));
    else if (state.list.freshness === 'aged') ls.append(' ', el('span', { class: 'aged' }, t('listAged')));
  }
  renderConsent(state.consent, t, manageHref(state.list, state.consent?.provider));
  renderAttempts(state.attempts, t);
  const status = await ext.runtime.sendMessage({ type: 'getStatus' }).catch(() => null);
  renderAccess(status?.ok ? status.access : null);
  document.body.dataset.ready = 'true';
}

localize(document);
render();
