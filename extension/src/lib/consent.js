// Consent-time warnings, computed from the core's answer to inspect (a
// Consent: the parsed authorize request and what the list says about the
// site that asks). Pure functions, like present.js: the caller passes the
// Consent and a message lookup; nothing here touches the browser.
//
// Everything produced is plain text, meant for textContent or a badge
// title, never for innerHTML. Most of a Consent comes from a URL
// that any page can write (client_id, redirect_uri, unknown scope names are
// echoed back as their own labels), so every string is cleaned first:
// control and bidirectional-override characters are removed, white space is
// folded and lengths are bounded, so that a crafted URL can neither break a
// line nor make "evil.example" read as "spotify.com".
//
// The record kept for the opener tab (attemptRecord) holds what the warning
// showed, never the authorize URL itself: its query carries state and nonce
// values that are nobody's business, and the redirect URI's path is not
// needed to name the site.

import { ALERT_COLOR, NEUTRAL_COLOR, findingGrants } from './present.js';
import { grantParts } from './claims.js';
import { inSentence } from './labels.js';
import { withEnglish } from './i18n.js';
import { severityOf } from './severity.js';

/** Scopes named in a warning line; the rest are counted. */
export const MAX_SCOPES_SHOWN = 8;
/** Scopes kept in an attempt record. */
export const MAX_RECORD_SCOPES = 32;
/** Grants named in a warning. */
export const MAX_GRANTS_SHOWN = 2;
/** Attempts kept per opener tab, newest first. */
export const MAX_ATTEMPTS = 10;

/**
 * @typedef {(name: string, subs?: string[]) => string} Translate
 * @typedef {{name: string, label: string, severity: string, high: boolean}} ScopeView
 * @typedef {{kind: 'intro'|'scopes'|'high'|'grant', text: string, severity: string}} Line
 * @typedef {{
 *   provider: string, providerName: string, site: string, clientId: string, login: boolean,
 *   severity: string, alert: boolean, partner: {id: string, name: string}|null,
 *   scopes: ScopeView[], title: string, lines: Line[],
 * }} Warning
 * @typedef {{
 *   at: number, provider: string, provider_name: string, endpoint: string, site: string, client_id: string,
 *   login: boolean, severity: string, alert: boolean, partner: {id: string, name: string}|null,
 *   scopes: {name: string, label: string, severity: string}[], grants: number[], tabId: number,
 * }} Attempt
 */

/**
 * English texts, used when the browser's message catalogue has no entry (the
 * unit tests check that the catalogue says the same). Placeholders are $1..$9.
 */
export const ENGLISH = {
  consentIntroLogin: 'You are about to sign in to $1 with $2.',
  consentIntroApp: 'You are about to give $1 access to your $2 account.',
  consentIntroNoSite: 'An app (client $1) asks you to sign in with $2; the request does not name the site that receives your answer.',
  consentAsks: 'It asks for: $1.',
  consentAsksNothing: 'It asks for no permission beyond signing you in.',
  consentMore: 'and $1 more',
  consentHigh: 'High risk: $1.',
  consentGrant: "$1's operator, $2, was granted by $3: $4 ($5).",
  consentCite: '$1: $2, $3',
  consentFromList: '(list: $1)',
  consentBadgeAlert: "PartnerWatch: $1 asks you to sign in with $2. $1's operator was granted access to your data by $2. Click for details.",
  consentBadgeHigh: 'PartnerWatch: $1 asks for high-risk access to your $2 account. Click for details.',
  consentBadgePlain: 'PartnerWatch: $1 asks you to sign in with $2. Click for details.',
  consentUnknownSite: 'an unnamed site',
  grantEvidence_reported_by_press: 'reported by the press',
  grantEvidence_confirmed_by_platform: 'confirmed by the platform',
  grantEvidence_confirmed_by_partner: 'confirmed by the partner',
  grantEvidence_alleged_in_court: 'alleged in a court filing',
  grantEvidence_denied_by_partner: 'denied by the partner',
};

/**
 * Looks a message up, falling back to ENGLISH.
 * @param {Translate|undefined} t
 * @param {keyof typeof ENGLISH} name
 * @param {string[]} [subs]
 * @returns {string}
 */
export function message(t, name, subs = []) {
  return withEnglish(t, ENGLISH)(name, subs);
}

/**
 * Characters removed from any text taken from a Consent: C0 and C1 controls
 * (but tab and newlines, which fold to spaces), zero-width and
 * bidirectional formatting characters, and the Unicode line and paragraph
 * separators.
 */
// eslint-disable-next-line no-control-regex
const STRIP_RE = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Cleans a string taken from a Consent for display as plain text.
 * @param {unknown} s
 * @param {number} max characters kept (an ellipsis marks a cut)
 * @returns {string}
 */
export function clean(s, max) {
  if (typeof s !== 'string') return '';
  let out = s.slice(0, max * 4).replace(STRIP_RE, '').replace(/[\s\u2028\u2029]+/g, ' ').trim();
  if (out.length > max) {
    out = out.slice(0, max - 1);
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
    out += '…';
  }
  return out;
}

/** @param {unknown} v @returns {any[]} */
const list = (v) => (Array.isArray(v) ? v : []);

/**
 * The scopes of a Consent, cleaned, in request order.
 * @param {any} consent
 * @returns {ScopeView[]}
 */
export function scopeViews(consent) {
  return list(consent?.request?.scopes)
    .slice(0, 200)
    .filter((s) => s && typeof s.name === 'string')
    .map((s) => {
      const severity = severityOf(s.severity);
      const name = clean(s.name, 200);
      return { name, label: clean(s.label, 200) || name, severity, high: severity === 'high' };
    });
}

/**
 * Joins labels into one phrase, naming at most MAX_SCOPES_SHOWN.
 * @param {string[]} labels
 * @param {Translate} m
 */
function joinLabels(labels, m) {
  const shown = labels.slice(0, MAX_SCOPES_SHOWN);
  if (labels.length > shown.length) shown.push(m('consentMore', [String(labels.length - shown.length)]));
  return shown.join(', ');
}

/**
 * Builds the consent warning, or null when the answer is no consent (the
 * URL was not an authorize URL) or malformed.
 * @param {any} consent Response.consent from core.inspect
 * @param {Translate} [t]
 * @returns {Warning|null}
 */
export function consentWarning(consent, t) {
  const req = consent?.request;
  if (!req || typeof req !== 'object' || typeof req.provider !== 'string' || !req.provider) return null;
  const provider = clean(req.provider, 64);
  const providerName = clean(consent.provider_name, 64) || provider;
  const site = clean(req.redirect_site, 253);
  const clientId = clean(req.client_id, 64);
  const login = req.login !== false;
  const scopes = scopeViews(consent);
  const severity = severityOf(req.severity);
  const p = consent.partner && typeof consent.partner === 'object' ? consent.partner : null;
  const partner = p ? { id: clean(p.id, 64), name: clean(p.name, 100) || clean(p.id, 64) } : null;
  // The grants that concern this provider, resolved and most severe first.
  const grants = partner ? findingGrants({ partner: p }, { grants: list(consent.grants).filter((i) => Number.isInteger(i)) }) : [];
  const alert = consent.alert === true && grants.length > 0;

  const m = withEnglish(t, ENGLISH);
  /** @type {Line[]} */
  const lines = [];
  const intro = !site ? m('consentIntroNoSite', [clientId || '?', providerName]) : m(login ? 'consentIntroLogin' : 'consentIntroApp', [site, providerName]);
  lines.push({ kind: 'intro', text: intro, severity });
  const labels = scopes.map((s) => inSentence(s.label, t));
  lines.push({ kind: 'scopes', text: labels.length ? m('consentAsks', [joinLabels(labels, m)]) : m('consentAsksNothing'), severity });
  const high = scopes.filter((s) => s.high).map((s) => inSentence(s.label, t));
  if (high.length) lines.push({ kind: 'high', text: m('consentHigh', [joinLabels(high, m)]), severity: 'high' });
  for (const g of alert ? grants.slice(0, MAX_GRANTS_SHOWN) : []) {
    const p = grantParts(g, m, { max: MAX_SCOPES_SHOWN, more: (n) => m('consentMore', [String(n)]), clean });
    const claim = p.labels.length ? p.labels.join(', ') : p.summary;
    const cite = p.source ? m('consentCite', [p.evidence, p.source.publisher, p.source.date]) : p.evidence;
    // The signed list the grant came from (lib/subscriptions.js, markProvenance).
    lines.push({
      kind: 'grant',
      text: m('consentGrant', [site, partner?.name ?? '', providerName, claim, cite]) + (p.list ? ` ${m('consentFromList', [p.list])}` : ''),
      severity: severityOf(g.severity),
    });
  }
  const shownSite = site || m('consentUnknownSite');
  const title = alert
    ? m('consentBadgeAlert', [shownSite, providerName])
    : severity === 'high'
      ? m('consentBadgeHigh', [shownSite, providerName])
      : m('consentBadgePlain', [shownSite, providerName]);
  return { provider, providerName, site, clientId, login, severity, alert, partner, scopes, title, lines };
}

/**
 * The warning as one block of plain text, one line per row.
 * @param {Warning} w
 * @returns {string}
 */
export function warningText(w) {
  return w.lines.map((l) => l.text).join('\n');
}

/**
 * The toolbar badge of the consent page's tab: "!" in the alert colour when
 * the site's operator holds a grant from this provider or a scope is high
 * risk, else "i" in the neutral colour.
 * @param {Warning} w
 * @returns {{text: string, color: string, title: string}}
 */
export function consentBadge(w) {
  const loud = w.alert || w.severity === 'high';
  return { text: loud ? '!' : 'i', color: loud ? ALERT_COLOR : NEUTRAL_COLOR, title: w.title };
}

/**
 * The record of a sign-in attempt, kept in the opener tab's state.
 * @param {any} consent
 * @param {{at: number, tabId: number}} where when, and the consent page's tab
 * @returns {Attempt|null}
 */
export function attemptRecord(consent, { at, tabId }) {
  const w = consentWarning(consent);
  if (!w) return null;
  const endpoint = clean(consent.request.endpoint, 512);
  return {
    at: Number.isFinite(at) ? at : 0,
    provider: w.provider,
    provider_name: w.providerName,
    endpoint,
    site: w.site,
    client_id: w.clientId,
    login: w.login,
    severity: w.severity,
    alert: w.alert,
    partner: w.partner,
    scopes: w.scopes.slice(0, MAX_RECORD_SCOPES).map(({ name, label, severity }) => ({ name, label, severity })),
    grants: w.alert ? list(consent.grants).filter((i) => Number.isInteger(i)).slice(0, 32) : [],
    tabId: Number.isSafeInteger(tabId) ? tabId : -1,
  };
}

/** @param {Attempt} a */
const attemptKey = (a) => [a.provider, a.client_id, a.site, a.scopes.map((s) => s.name).join(' ')].join('\u0000');

/**
 * Repairs a list of attempts read from storage.
 * @param {unknown} raw
 * @returns {Attempt[]}
 */
export function normalizeAttempts(raw) {
  return list(raw)
    .filter((a) => a && typeof a === 'object' && typeof a.provider === 'string' && typeof a.site === 'string' && Array.isArray(a.scopes))
    .slice(0, MAX_ATTEMPTS);
}

/**
 * Adds an attempt to a tab's list: newest first, the same request (provider,
 * client, site and scopes) kept once, at most MAX_ATTEMPTS.
 * @param {unknown} attempts
 * @param {Attempt} record
 * @returns {Attempt[]} a new list
 */
export function addAttempt(attempts, record) {
  const key = attemptKey(record);
  return [record, ...normalizeAttempts(attempts).filter((a) => attemptKey(a) !== key)].slice(0, MAX_ATTEMPTS);
}
