// What the user sees, computed from reports: the toolbar badge, the popup's
// rows and the in-page notices. Pure functions: the caller passes the reports, the
// settings, the dismissals and a message lookup (browser i18n in the
// extension, a table in the unit tests). No rule logic: which widget is there
// and whether the site's operator holds a grant is the core's answer.

import { grantParts } from './claims.js';
import { COLORS } from './colors.js';
import { isDismissed } from './dismissals.js';
import { bySeverity } from './severity.js';

/** Badge colours: an alert must not look like a plain count; "off" is grey. */
export const OFF_COLOR = COLORS.off;
export const ALERT_COLOR = COLORS.alert;
export const NEUTRAL_COLOR = COLORS.neutral;
/** The badge's text colour. */
export const BADGE_TEXT_COLOR = COLORS.paper;

/**
 * @typedef {(name: string, subs?: string[]) => string} Translate
 * @typedef {import('./dismissals.js').Dismissals} Dismissals
 * @typedef {{notices: 'partners'|'all'|'none', listUrl: string, listId: string, keys: {id: string, public_key: string}[], syncMinutes: number}} Settings
 */

/**
 * All findings of a tab's frames, one per provider and widget; the top
 * frame's finding wins.
 * @param {Record<string, {report: any}>} frames by frame ID
 * @returns {{finding: any, report: any, frameId: number}[]}
 */
export function tabFindings(frames) {
  const seen = new Map();
  const ids = Object.keys(frames)
    .map(Number)
    .sort((a, b) => a - b);
  for (const id of ids) {
    const report = frames[id]?.report;
    for (const f of report?.findings ?? []) {
      const key = `${f.provider}\u0000${f.widget}`;
      if (!seen.has(key)) seen.set(key, { finding: f, report, frameId: id });
    }
  }
  return [...seen.values()];
}

/**
 * Whether a dismissal for a provider may be recorded for a tab: only for a
 * provider that the tab's reports found, so that a message cannot silence a
 * platform the user was never shown.
 * @param {Record<string, {report: any}>} frames
 * @param {string} provider
 */
export function canDismiss(frames, provider) {
  return tabFindings(frames).some((x) => x.finding.provider === provider);
}

/** Confidence order, strongest first. */
const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 };

/**
 * One finding per platform: a page with Google's button and its "Sign in
 * with Google" text has one Google widget for the user, not two. The
 * strongest finding stands for its platform (the first of equals), and it
 * alerts when any of the platform's findings does.
 * @template {{finding: any}} T
 * @param {T[]} items
 * @returns {T[]}
 */
export function byProvider(items) {
  /** @type {Map<string, T>} */
  const best = new Map();
  for (const x of items) {
    const p = x.finding.provider;
    const cur = best.get(p);
    const rank = (/** @type {any} */ f) => CONFIDENCE_RANK[f.confidence] ?? 3;
    if (!cur) best.set(p, { ...x, finding: { ...x.finding } });
    else {
      const alert = cur.finding.alert || x.finding.alert;
      if (rank(x.finding) < rank(cur.finding)) best.set(p, { ...x, finding: { ...x.finding, alert } });
      else cur.finding.alert = alert;
    }
  }
  return [...best.values()];
}

/**
 * The popup's rows: one per (provider, kind), whatever number of widgets
 * fired for it (a Facebook SDK button is also a site-rendered control). The
 * row takes the name, anchor and frame of its strongest finding, is an
 * alert or FedCM when any of its findings is, and carries every evidence
 * line once: the same value seen twice (a script tag and its request) is
 * shown once, under its strongest signal.
 * @param {any[]} findings in the order the popup lists them
 * @returns {any[]}
 */
export function popupRows(findings) {
  const rank = (/** @type {any} */ f) => CONFIDENCE_RANK[f.confidence] ?? 3;
  /** @type {Map<string, any[]>} */
  const groups = new Map();
  for (const f of findings) {
    const k = `${f.provider}\u0000${f.kind}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()].map((g) => {
    const best = g.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const evidence = [];
    const seen = new Set();
    for (const f of [best, ...g.filter((x) => x !== best)]) {
      for (const ev of f.evidence ?? []) {
        if (seen.has(ev.value)) continue;
        seen.add(ev.value);
        evidence.push(ev);
      }
    }
    return { ...best, alert: g.some((f) => f.alert), fedcm: g.some((f) => f.fedcm), evidence, widgets: g.map((f) => f.widget) };
  });
}

/**
 * The toolbar badge while the core is off (core.wasm missing or corrupt):
 * "off", grey, and a title with the reason and the next try. It is the
 * badge of every tab without one of its own.
 * @param {string} reason
 * @param {number} retryInMs
 * @param {(name: string, subs?: string[]) => string} t
 */
export function offBadge(reason, retryInMs, t) {
  return { text: t('badgeOff'), color: OFF_COLOR, title: t('badgeTitleOff', [reason.slice(0, 200), String(Math.max(1, Math.ceil(retryInMs / 1000)))]) };
}

/**
 * The badge for a tab.
 * @param {Record<string, {report: any}>} frames
 * @param {Translate} t
 * @param {{providers: string[], sites: Record<string, string[]>}|null} [dismissals]
 * @returns {{text: string, color: string, title: string}}
 */
export function badgeFor(frames, t, dismissals = null) {
  const all = byProvider(tabFindings(frames));
  if (all.length === 0) return { text: '', color: NEUTRAL_COLOR, title: t('badgeTitleNone') };
  // A warning the person dismissed (for this site or this platform) no
  // longer colours the badge: it counts as a widget.
  const alerts = all.filter((x) => x.finding.alert && !(dismissals && isDismissed(dismissals, x.report.site, x.finding.provider)));
  if (alerts.length > 0) {
    const a = alerts[0];
    const partner = a.report.partner?.name ?? a.report.site;
    const platforms = [...new Set(alerts.map((x) => x.finding.provider_name))].join(', ');
    return { text: '!', color: ALERT_COLOR, title: t('badgeTitleAlert', [a.report.site, partner, platforms]) };
  }
  const names = [...new Set(all.map((x) => x.finding.widget_name))].join(', ');
  const site = all[0].report.site;
  return { text: String(Math.min(all.length, 99)), color: NEUTRAL_COLOR, title: t('badgeTitleWidgets', [String(all.length), names, site]) };
}

/**
 * The grants behind a finding, most severe first.
 * @param {any} report
 * @param {any} finding
 * @returns {any[]}
 */
export function findingGrants(report, finding) {
  const grants = report?.partner?.grants ?? [];
  return (finding.grants ?? [])
    .map((/** @type {number} */ i) => grants[i])
    .filter(Boolean)
    .sort(bySeverity);
}

/** Permissions a notice names; the rest is an ellipsis. */
const NOTICE_PERMISSIONS = 3;

/**
 * The one-line text of a notice, for example "spotify.com — Facebook
 * partner: could read, write and delete your Facebook messages (confirmed by
 * the platform: The New York Times, 18 Dec 2018)". A grant from another
 * signed list than the detection list is followed by that list's id, as the
 * popup shows it: "… (list: my-grants)".
 * @param {any} report
 * @param {any} finding
 * @param {Translate} t
 * @param {string} [detectionList] the detection list's id
 * @returns {string}
 */
export function noticeText(report, finding, t, detectionList = '') {
  const g = findingGrants(report, finding)[0];
  if (!g) return t('noticeWidget', [report.site, finding.widget_name, finding.provider_name]);
  const p = grantParts(g, t, { max: NOTICE_PERMISSIONS, more: () => '…' });
  const cite = p.source ? t('noticeCite', [p.evidence, p.source.publisher, p.source.date]) : p.evidence;
  const claim = p.labels.length ? t('noticeClaim', [p.labels.join(', ')]) : p.summary;
  const text = t('noticePartner', [report.site, finding.provider_name, claim, cite]);
  // The grant's list (lib/subscriptions.js, markProvenance), as text.
  return p.list && p.list !== detectionList ? `${text} ${t('consentFromList', [p.list])}` : text;
}

/**
 * The notices a frame should draw.
 * @param {any} report the frame's report
 * @param {Settings} settings
 * @param {Dismissals} dismissals
 * @param {Translate} t
 * @param {string} [detectionList] the detection list's id: a grant from
 *   another list is named with its list
 * @returns {{anchor: number, provider: string, kind: string, widget: string, alert: boolean, text: string}[]}
 */
export function noticesFor(report, settings, dismissals, t, detectionList = '') {
  if (!report || settings.notices === 'none') return [];
  const out = [];
  const findings = byProvider((report.findings ?? []).map((/** @type {any} */ f) => ({ finding: f }))).map((x) => x.finding);
  for (const f of findings) {
    if (settings.notices === 'partners' && !f.alert) continue;
    if (isDismissed(dismissals, report.site, f.provider)) continue;
    out.push({
      anchor: typeof f.anchor === 'number' ? f.anchor : -1,
      provider: f.provider,
      kind: f.kind,
      widget: f.widget,
      alert: !!f.alert,
      text: noticeText(report, f, t, detectionList),
    });
  }
  return out;
}
