// How a grant's claim reads: its evidence, the state of its access, and each
// response. Pure functions over the list's fields (wasm/list/list.go is the
// reference) and a message lookup. A quote is shown in quotation marks with
// its speaker and date; a summary is the list's own words and is never shown
// in quotation marks; a refusal to comment is said in words.

import { formatDate } from './present.js';

/** @typedef {import('./present.js').Translate} Translate */

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
