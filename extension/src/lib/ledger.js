// Your sign-ins: a private ledger of every sign-in PartnerWatch saw at
// consent time (the site, the provider, the scopes asked, the date, and the
// site's partner grants as the warning stated them).
//
// The ledger lives in extension local storage under LEDGER_KEY and nowhere
// else: nothing here fetches, and no other module reads it. The ledger page
// (ledger/ledger.html) shows, searches, exports (built in the page, as a
// file the browser saves) and deletes entries; entries older than the
// retention setting (default 365 days) are dropped whenever the ledger is
// read or written.
//
// An entry is built from a consent warning (consent.js), whose strings are
// already cleaned for display as plain text; normalizeLedger repairs and
// bounds whatever storage holds, since storage can be edited.

import { severityOf } from './severity.js';

/** Storage key (local) of the ledger. */
export const LEDGER_KEY = 'ledger';
/** Default retention: one year. */
export const DEFAULT_RETENTION_DAYS = 365;
/** Retention choices offered by the ledger page, in days. */
export const RETENTION_CHOICES = [30, 90, 180, 365, 730];
/** Entries kept at most, newest first. */
export const MAX_ENTRIES = 2000;
/** The same sign-in seen again within this window updates its entry. */
export const SAME_SIGNIN_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/**
 * @typedef {{name: string, label: string, severity: string}} LedgerScope
 * @typedef {{
 *   id: string, at: number, site: string, provider: string, provider_name: string, client_id: string,
 *   login: boolean, severity: string, alert: boolean, partner: {id: string, name: string}|null,
 *   scopes: LedgerScope[], grants: string[],
 * }} LedgerEntry
 * @typedef {{retentionDays: number, entries: LedgerEntry[]}} Ledger
 */

/** @param {unknown} v @returns {any[]} */
const arr = (v) => (Array.isArray(v) ? v : []);
/** @param {unknown} s @param {number} max */
const str = (s, max) => (typeof s === 'string' ? s.slice(0, max) : '');

/** @returns {Ledger} */
export function emptyLedger() {
  return { retentionDays: DEFAULT_RETENTION_DAYS, entries: [] };
}

/**
 * A retention in days: one of RETENTION_CHOICES, else the default.
 * @param {unknown} days
 */
export function normalizeRetention(days) {
  return typeof days === 'number' && RETENTION_CHOICES.includes(days) ? days : DEFAULT_RETENTION_DAYS;
}

/**
 * Repairs one entry read from storage, or null.
 * @param {any} e
 * @returns {LedgerEntry|null}
 */
function normalizeEntry(e) {
  if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !e.id || typeof e.provider !== 'string' || !e.provider) return null;
  if (!Number.isFinite(e.at)) return null;
  const p = e.partner && typeof e.partner === 'object' ? { id: str(e.partner.id, 64), name: str(e.partner.name, 100) } : null;
  return {
    id: str(e.id, 64),
    at: e.at,
    site: str(e.site, 253),
    provider: str(e.provider, 64),
    provider_name: str(e.provider_name, 64) || str(e.provider, 64),
    client_id: str(e.client_id, 64),
    login: e.login !== false,
    severity: severityOf(e.severity),
    alert: e.alert === true,
    partner: p,
    scopes: arr(e.scopes)
      .slice(0, 32)
      .filter((s) => s && typeof s.name === 'string')
      .map((s) => ({ name: str(s.name, 200), label: str(s.label, 200) || str(s.name, 200), severity: severityOf(s.severity) })),
    grants: arr(e.grants).filter((g) => typeof g === 'string').slice(0, 8).map((g) => g.slice(0, 1000)),
  };
}

/**
 * Repairs a ledger read from storage: known retention, well-formed entries,
 * newest first, at most MAX_ENTRIES.
 * @param {unknown} raw
 * @returns {Ledger}
 */
export function normalizeLedger(raw) {
  const r = /** @type {any} */ (raw && typeof raw === 'object' ? raw : {});
  const entries = arr(r.entries)
    .slice(0, MAX_ENTRIES * 2)
    .map(normalizeEntry)
    .filter((e) => e !== null);
  entries.sort((a, b) => b.at - a.at);
  return { retentionDays: normalizeRetention(r.retentionDays), entries: entries.slice(0, MAX_ENTRIES) };
}

/**
 * The ledger without the entries older than its retention.
 * @param {Ledger} ledger
 * @param {number} now
 * @returns {Ledger}
 */
export function prune(ledger, now) {
  const cutoff = now - ledger.retentionDays * DAY_MS;
  return { ...ledger, entries: ledger.entries.filter((e) => e.at >= cutoff) };
}

/** The request a sign-in makes: provider, client, site and scopes. @param {LedgerEntry} e */
const signinKey = (e) => [e.provider, e.client_id, e.site, e.scopes.map((s) => s.name).join(' ')].join('\u0000');

/**
 * A ledger entry from a consent warning (consent.js Warning).
 * @param {any} warning
 * @param {number} at
 * @param {() => string} newId
 * @returns {LedgerEntry|null}
 */
export function entryFromWarning(warning, at, newId) {
  if (!warning || typeof warning !== 'object') return null;
  return normalizeEntry({
    id: newId(),
    at,
    site: warning.site,
    provider: warning.provider,
    provider_name: warning.providerName,
    client_id: warning.clientId,
    login: warning.login,
    severity: warning.severity,
    alert: warning.alert,
    partner: warning.partner,
    scopes: arr(warning.scopes).map((/** @type {any} */ s) => ({ name: s?.name, label: s?.label, severity: s?.severity })),
    grants: arr(warning.lines)
      .filter((/** @type {any} */ l) => l?.kind === 'grant')
      .map((/** @type {any} */ l) => l.text),
  });
}

/**
 * Adds an entry: the same sign-in seen again within SAME_SIGNIN_MS (a
 * consent screen is inspected when its navigation starts and again when it
 * commits) updates the earlier entry; otherwise the entry goes first.
 * @param {Ledger} ledger
 * @param {LedgerEntry} entry
 * @returns {Ledger}
 */
export function addEntry(ledger, entry) {
  const key = signinKey(entry);
  const same = ledger.entries.find((e) => signinKey(e) === key && Math.abs(entry.at - e.at) < SAME_SIGNIN_MS);
  if (same) {
    return { ...ledger, entries: ledger.entries.map((e) => (e === same ? { ...entry, id: same.id } : e)).sort((a, b) => b.at - a.at) };
  }
  return { ...ledger, entries: [entry, ...ledger.entries].slice(0, MAX_ENTRIES) };
}

/**
 * The entries matching a search: every word of q appears in the entry's
 * site, provider, partner, scopes, grants or date (case-insensitive).
 * @param {LedgerEntry[]} entries
 * @param {string} q
 * @returns {LedgerEntry[]}
 */
export function search(entries, q) {
  const words = String(q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const hay = [
      e.site,
      e.provider,
      e.provider_name,
      e.client_id,
      e.partner?.name ?? '',
      new Date(e.at).toISOString().slice(0, 10),
      ...e.scopes.flatMap((s) => [s.name, s.label]),
      ...e.grants,
    ]
      .join('\n')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * The rows an export writes, one per entry, with the manage-access link.
 * @param {LedgerEntry[]} entries
 * @param {(provider: string) => string} manage the checked manage URL of a provider, '' for none
 */
export function exportRows(entries, manage) {
  return entries.map((e) => ({
    date: new Date(e.at).toISOString(),
    site: e.site,
    provider: e.provider,
    provider_name: e.provider_name,
    client_id: e.client_id,
    scopes: e.scopes.map((s) => ({ name: s.name, label: s.label, severity: s.severity })),
    severity: e.severity,
    partner: e.partner?.name ?? '',
    partner_grants: e.grants,
    manage_access: manage(e.provider),
  }));
}

/**
 * The ledger as JSON text.
 * @param {LedgerEntry[]} entries
 * @param {(provider: string) => string} manage
 */
export function toJSON(entries, manage) {
  return `${JSON.stringify({ format: 'partnerwatch-signins', version: 1, signins: exportRows(entries, manage) }, null, 2)}\n`;
}

/** CSV columns, in order. */
export const CSV_COLUMNS = ['date', 'site', 'provider', 'client_id', 'scopes', 'severity', 'partner', 'partner_grants', 'manage_access'];

/**
 * One CSV field (RFC 4180), with a leading quote for text a spreadsheet
 * would read as a formula (=, +, -, @, tab, carriage return).
 * @param {string} s
 */
export function csvField(s) {
  let v = String(s);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The ledger as CSV text: a header and one line per sign-in; scopes and
 * grants are joined with "; ".
 * @param {LedgerEntry[]} entries
 * @param {(provider: string) => string} manage
 */
export function toCSV(entries, manage) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of exportRows(entries, manage)) {
    const row = {
      ...r,
      provider: r.provider_name,
      scopes: r.scopes.map((s) => s.label).join('; '),
      partner_grants: r.partner_grants.join('; '),
    };
    lines.push(CSV_COLUMNS.map((c) => csvField(/** @type {any} */ (row)[c] ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The ledger kept in extension storage.
 * @param {{store: {get: Function, set: Function}, now?: () => number, newId?: () => string}} deps
 */
export function createLedger({ store, now = Date.now, newId = () => crypto.randomUUID() }) {
  /** Serialises read-modify-write within this worker's life. @type {Promise<any>} */
  let chain = Promise.resolve();
  /** @template T @param {(l: Ledger) => Promise<{ledger: Ledger|null, result: T}>|{ledger: Ledger|null, result: T}} fn @returns {Promise<T>} */
  function update(fn) {
    const run = async () => {
      const before = prune(normalizeLedger(await store.get('local', LEDGER_KEY, null)), now());
      const { ledger, result } = await fn(before);
      if (ledger) await store.set('local', { [LEDGER_KEY]: ledger });
      return result;
    };
    const next = chain.then(run, run);
    chain = next.catch(() => {});
    return next;
  }
  return {
    /** Records the sign-in of a consent warning. @param {any} warning @param {number} [at] */
    record: (warning, at = now()) =>
      update((l) => {
        const e = entryFromWarning(warning, at, newId);
        return e ? { ledger: addEntry(l, e), result: true } : { ledger: null, result: false };
      }),
    /** The ledger, pruned. @returns {Promise<Ledger>} */
    read: () => update((l) => ({ ledger: l, result: l })),
    /** Deletes entries by id, or all. @param {string[]|'all'} ids */
    remove: (ids) =>
      update((l) => {
        const entries = ids === 'all' ? [] : l.entries.filter((e) => !ids.includes(e.id));
        return { ledger: { ...l, entries }, result: l.entries.length - entries.length };
      }),
    /** Sets the retention (one of RETENTION_CHOICES) and prunes. @param {number} days */
    setRetention: (days) =>
      update((l) => {
        if (!RETENTION_CHOICES.includes(days)) return { ledger: null, result: null };
        const next = prune({ ...l, retentionDays: days }, now());
        return { ledger: next, result: next };
      }),
  };
}
