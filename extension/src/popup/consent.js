// The popup's consent sections: the warning of the consent screen shown in
// this tab (one row per line, high-risk scopes marked), the sign-ins this
// tab started, and a note when PartnerWatch works with page content only.
// Every text is set with textContent.

import { manageLink } from '../lib/manage.js';

/**
 * An element with attributes and text (textContent: never HTML).
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
export function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Shows the consent warning of the tab, or hides the section.
 * @param {any} warning getTabState's consent (consent.js Warning) or null
 * @param {(name: string, subs?: string[]) => string} t
 * @param {string} [manage] the provider's manage-access URL (manage.js manageHref), '' for none
 */
export function renderConsent(warning, t, manage = '') {
  const section = byId('consent-section');
  if (!warning || !Array.isArray(warning.lines)) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  section.dataset.severity = String(warning.severity);
  section.dataset.alert = String(!!warning.alert);
  section.dataset.provider = String(warning.provider);
  section.className = warning.alert || warning.severity === 'high' ? 'consent alert' : 'consent';
  byId('consent-lines').replaceChildren(
    ...warning.lines.map((/** @type {any} */ l) => el('li', { 'data-kind': String(l.kind), 'data-severity': String(l.severity) }, String(l.text))),
  );
  byId('consent-scopes').replaceChildren(
    ...(warning.scopes ?? []).map((/** @type {any} */ s) =>
      el('li', { 'data-scope': String(s.name), 'data-severity': String(s.severity), class: `sev-${s.severity}` }, `${s.label} (${t(`severity_${s.severity}`) || s.severity})`),
    ),
  );
  const link = manageLink(document, manage, t('manageAccess', [String(warning.providerName)]), String(warning.provider));
  byId('consent-manage').replaceChildren(...(link ? [link] : []));
}

/**
 * Lists the sign-ins this tab started.
 * @param {any[]} attempts getTabState's attempts, newest first
 * @param {(name: string, subs?: string[]) => string} t
 */
export function renderAttempts(attempts, t) {
  const section = byId('attempts-section');
  const list = Array.isArray(attempts) ? attempts : [];
  section.hidden = list.length === 0;
  byId('attempts').replaceChildren(
    ...list.map((a) => {
      const scopes = (a.scopes ?? []).map((/** @type {any} */ s) => s.label).join(', ') || '—';
      const site = a.site || t('consentUnknownSite') || 'an unnamed site';
      return el(
        'li',
        { 'data-site': String(a.site), 'data-provider': String(a.provider), 'data-severity': String(a.severity), 'data-alert': String(!!a.alert), class: a.alert || a.severity === 'high' ? 'attempt alert' : 'attempt' },
        t('attemptLine', [site, a.provider_name, scopes]) || `${site} with ${a.provider_name}: ${scopes}`,
      );
    }),
  );
}

/**
 * Shows the access note when PartnerWatch works with page content only.
 * @param {any} access getStatus's access ({mode, text, action})
 */
export function renderAccess(access) {
  const note = byId('access-note');
  if (!note) return;
  note.dataset.mode = String(access?.mode ?? '');
  note.hidden = !access || access.mode === 'full';
  note.textContent = access?.mode === 'full' ? '' : String(access?.text ?? '');
}
