// How a grant's claim reads: its dates, its evidence, what it gives, the
// state of its access, and each response. Pure functions over the list's
// fields (wasm/list/list.go is the reference) and a message lookup. A quote
// is shown in quotation marks with its speaker and date; a summary is the
// list's own words and is never shown in quotation marks; a refusal to
// comment is said in words.

import { inSentence, permissionLabel } from './labels.js';
import { bySeverity } from './severity.js';

/** @typedef {(name: string, subs?: string[]) => string} Translate */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Formats "YYYY-MM-DD", "YYYY-MM" or "YYYY" for reading: "18 Dec 2018".
 * @param {string|undefined} date
 * @returns {string}
 */
export function formatDate(date) {
  if (typeof date !== 'string') return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** @param {unknown} s */
const asText = (s) => (typeof s === 'string' ? s : '');

/**
 * A grant's sentence in parts, which the in-page notice (present.js) and
 * the consent warning (consent.js) put into their own messages: the
 * permissions it gives as written inside a sentence, most sensitive first,
 * at most max of them and then what more() says of the rest; the list's
 * summary; its evidence in words; its first source; and the id of the list
 * it came from. clean bounds and cleans every string taken from the grant
 * (the consent warning's clean); by default strings are kept as they are.
 * @param {any} g a grant with its resolved permissions (Partner.grants[i])
 * @param {Translate} t
 * @param {{max: number, more: (n: number) => string, clean?: (s: unknown, max: number) => string}} how
 * @returns {{labels: string[], summary: string, evidence: string, source: {publisher: string, date: string}|null, list: string}}
 */
export function grantParts(g, t, { max, more, clean = asText }) {
  const perms = (Array.isArray(g?.resolved) ? g.resolved : [])
    .slice()
    .sort(bySeverity)
    .map((/** @type {any} */ p) => inSentence(clean(permissionLabel(p, t), 200), t))
    .filter(Boolean);
  const labels = perms.slice(0, max);
  if (perms.length > max) labels.push(more(perms.length - max));
  const src = Array.isArray(g?.sources) ? g.sources[0] : null;
  return {
    labels,
    summary: clean(g?.summary, 300),
    evidence: clean(evidenceText(g?.evidence, t), 40),
    source: src ? { publisher: clean(src.publisher, 100), date: formatDate(src.date) } : null,
    list: clean(g?.list, 64),
  };
}

/**
 * The evidence of a grant in words: "confirmed by the platform".
 * @param {string|undefined} evidence
 * @param {Translate} t
 * @returns {string}
 */
export function evidenceText(evidence, t) {
  const s = String(evidence ?? '');
  return t(`grantEvidence_${s.replace(/-/g, '_')}`) || s;
}

/**
 * The access of a grant in words: "ended by Oct 2018 (from 2010)".
 * @param {{state?: string, from?: string, to?: string, by?: string, as_of?: string}|undefined} a
 * @param {Translate} t
 * @returns {string}
 */
export function accessText(a, t) {
  if (!a) return '';
  let s;
  if (a.state === 'ended') {
    if (a.to) s = t('accessEnded', [formatDate(a.to)]);
    else if (a.by) s = t('accessEndedBy', [formatDate(a.by)]);
    else s = t('accessEndedUndated');
  } else if (a.state === 'ongoing') {
    s = t('accessOngoing', [formatDate(a.as_of)]);
  } else {
    s = t('accessUnknown', [formatDate(a.as_of)]);
  }
  return a.from ? t('accessFrom', [s, formatDate(a.from)]) : s;
}

/**
 * One response in words, with whether it is a quote. A quote reads
 * "“words” — speaker, date"; a summary "Spotify, 19 Dec 2018 (summary in our
 * words): …"; a refusal "Spotify declined to comment (19 Dec 2018)".
 * @param {{kind?: string, by?: string, speaker?: string, text?: string, date?: string}} r
 * @param {Translate} t
 * @returns {{kind: string, text: string}}
 */
export function responseText(r, t) {
  const by = String(r.by ?? '');
  const date = formatDate(r.date);
  switch (r.kind) {
    case 'quote': {
      const speaker = r.speaker && r.speaker !== by ? `${r.speaker} (${by})` : by;
      return { kind: 'quote', text: t('responseQuote', [String(r.text ?? ''), speaker, date]) };
    }
    case 'declined':
      return { kind: 'declined', text: t('responseDeclined', [by, date]) };
    case 'no-reply':
      return { kind: 'no-reply', text: t('responseNoReply', [by, date]) };
    default:
      return { kind: 'summary', text: t('responseSummary', [by, date, String(r.text ?? '')]) };
  }
}

/**
 * A source in words: "Press report: The New York Times, 18 Dec 2018: title".
 * @param {{kind?: string, publisher?: string, date?: string, title?: string}} s
 * @param {Translate} t
 * @returns {string}
 */
export function sourceText(s, t) {
  const kind = String(s.kind ?? '');
  const label = t(`sourceKind_${kind.replace(/-/g, '_')}`) || kind;
  return `${label}: ${s.publisher ?? ''}, ${formatDate(s.date)}: ${s.title ?? ''}`;
}
