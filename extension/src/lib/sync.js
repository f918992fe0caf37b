// List sync as a pure state machine. Nothing here touches the browser: the
// clock, fetch, the verifier (the core's loadList), hashing and the commit
// (store the new envelope and info, then switch) are injected, so that the
// unit tests drive it with a fake clock and a fake server.
//
// One attempt (syncOnce) fetches the list URL with If-None-Match, caps the
// size while reading, skips a body identical to the current list, has the
// core verify signature, version and times with min_version = the current
// version, and commits. Any failure keeps the last good list and schedules a
// retry after a bounded exponential back-off: after the N-th failure in a
// row, a delay in [2^(N-1), 2^N] x 15 minutes, capped at a day, or later when
// the server asked for it with Retry-After (honoured up to the same day). A
// success resets the back-off and schedules the next check after the regular
// interval (±10 %). Every delay is random within its window, so that clients
// do not hit a mirror in step; the first attempt after the browser starts
// comes at a random time within FIRST_WINDOW_MS (firstAttemptAt).
//
// Each list (lib/subscriptions.js) has its own state: one list's failures
// never delay or reset another's.
//
// The request carries no cookie, no referrer and nothing about the pages the
// user visits: only the list URL is fetched. Redirects are refused, not
// followed (a mirror or a network attacker could otherwise send the client
// to any host), and a 304 counts only as the answer to an If-None-Match the
// client sent: a mirror that always answers 304 is failing, not healthy.

import { MaxEnvelopeBytes } from './bounds.js';

/**
 * @typedef {{
 *   etag: string,
 *   lastAttempt: number,
 *   lastSuccess: number,
 *   failures: number,
 *   nextAt: number,
 *   lastOutcome: string,
 *   lastError: {code: string, message: string, at: number}|null,
 * }} SyncState
 *
 * @typedef {{
 *   intervalMs: number,
 *   minBackoffMs: number,
 *   maxBackoffMs: number,
 *   jitter: number,
 *   timeoutMs: number,
 *   maxBytes: number,
 * }} SyncConfig
 */

/** @type {SyncConfig} */
export const DEFAULT_CONFIG = Object.freeze({
  intervalMs: 6 * 60 * 60 * 1000, // a list is checked four times a day
  minBackoffMs: 15 * 60 * 1000, // first retry 15 to 30 minutes after a failure...
  maxBackoffMs: 24 * 60 * 60 * 1000, // ...doubling up to a day
  jitter: 0.1, // ±10 % on the regular interval
  timeoutMs: 30 * 1000,
  maxBytes: MaxEnvelopeBytes,
});

/** @returns {SyncState} */
export function initialState() {
  return { etag: '', lastAttempt: 0, lastSuccess: 0, failures: 0, nextAt: 0, lastOutcome: 'never', lastError: null };
}

/**
 * The furthest ahead a next attempt can lie: the longest sync interval the
 * settings allow (a week), with jitter. A stored nextAt beyond it was not
 * written by syncOnce (storage edited or corrupted) and would park sync.
 */
export const MAX_NEXT_MS = 7 * 24 * 60 * 60 * 1000 * 1.2;

/**
 * Repairs a state read from storage: anything malformed starts over, and a
 * next attempt further ahead than MAX_NEXT_MS is due now.
 * @param {unknown} raw
 * @param {number} [now] the current time (Date.now() by default)
 * @returns {SyncState}
 */
export function normalizeState(raw, now = Date.now()) {
  const s = initialState();
  if (!raw || typeof raw !== 'object') return s;
  const r = /** @type {any} */ (raw);
  const num = (/** @type {unknown} */ v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  s.etag = typeof r.etag === 'string' && r.etag.length <= 512 ? r.etag : '';
  s.lastAttempt = num(r.lastAttempt);
  s.lastSuccess = num(r.lastSuccess);
  s.failures = Math.min(num(r.failures), 64);
  s.nextAt = num(r.nextAt);
  if (s.nextAt > now + MAX_NEXT_MS) s.nextAt = now;
  s.lastOutcome = typeof r.lastOutcome === 'string' ? r.lastOutcome.slice(0, 32) : 'never';
  s.lastError =
    r.lastError && typeof r.lastError.code === 'string' && typeof r.lastError.message === 'string'
      ? { code: r.lastError.code.slice(0, 64), message: r.lastError.message.slice(0, 500), at: num(r.lastError.at) }
      : null;
  return s;
}

/**
 * The delay before the next attempt: the regular interval ±jitter after a
 * success; after the N-th failure in a row, base·(1 + random) with base =
 * min·2^(N−1), that is within [2^(N−1), 2^N]·min, never above
 * maxBackoffMs (audit check B7).
 * @param {number} failures consecutive failures so far (0 after a success)
 * @param {SyncConfig} cfg
 * @param {() => number} random uniform in [0, 1)
 * @returns {number} milliseconds
 */
export function nextDelay(failures, cfg, random) {
  const r = Math.min(Math.max(random(), 0), 1);
  if (failures <= 0) return Math.round(cfg.intervalMs * (1 + cfg.jitter * (2 * r - 1)));
  const base = cfg.minBackoffMs * 2 ** Math.min(failures - 1, 30);
  return Math.round(Math.min(cfg.maxBackoffMs, base * (1 + r)));
}

/** The window the first attempt after a start falls in, after MIN_ALARM_MS. */
export const FIRST_WINDOW_MS = 5 * 60 * 1000;
/** The soonest an alarm fires (browsers clamp shorter ones to 30 s). */
export const MIN_ALARM_MS = 30 * 1000;

/**
 * When to run an attempt that a state schedules at nextAt, seen at time
 * now: at nextAt when it lies ahead, else (never tried, or due while the
 * browser was closed) at a random time within FIRST_WINDOW_MS after the
 * soonest alarm, so that browsers started together do not fetch in step.
 * @param {number} nextAt
 * @param {number} now
 * @param {() => number} random uniform in [0, 1)
 */
export function firstAttemptAt(nextAt, now, random) {
  const soonest = now + MIN_ALARM_MS;
  if (nextAt >= soonest) return nextAt;
  return soonest + Math.round(FIRST_WINDOW_MS * Math.min(Math.max(random(), 0), 1));
}

/**
 * The wait a server asked for with Retry-After (delay-seconds or an HTTP
 * date), in milliseconds from now; 0 when absent or unreadable.
 * @param {string|null} value
 * @param {number} now
 */
export function retryAfterMs(value, now) {
  if (!value) return 0;
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) && t > now ? t - now : 0;
}

/** An RFC 3339 time, the only form Go's time.Parse(time.RFC3339) reads. */
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a list is past its expiry at time now. A stale list keeps working.
 * The core's rule (wasm/list/stamp.go, List.Stale, and core.ListInfo.Stale):
 * no expiry is not stale; an expiry that does not parse as RFC 3339 is
 * stale (the core's verification refuses such lists).
 * @param {{expires_at?: unknown}|null|undefined} info
 * @param {number} now
 */
export function isStale(info, now) {
  const e = info?.expires_at;
  if (e === undefined || e === null || e === '') return false;
  const t = typeof e === 'string' && RFC3339_RE.test(e) ? Date.parse(e) : NaN;
  return !Number.isFinite(t) || now > t;
}

/**
 * How fresh the list in use is (extension/README.md, "Bundled and synced
 * lists"): 'fresh' before its expiry. Past it, 'stale' when the list came
 * from the list server, or the server answered since without anything newer
 * (its publisher stopped publishing): worth a warning. A bundled list past
 * its expiry while the server has not answered (no sync yet, sync off,
 * offline, failing) is 'aged': a release's snapshot that keeps working,
 * shown with its date and why it was not refreshed, not as a warning.
 * @param {{expires_at?: string, source?: string}|null|undefined} info
 * @param {{lastOutcome?: string}|null|undefined} sync
 * @param {number} now
 * @returns {'fresh'|'aged'|'stale'}
 */
export function freshness(info, sync, now) {
  if (!isStale(info, now)) return 'fresh';
  if (info?.source !== 'bundled') return 'stale';
  const answered = ['updated', 'unchanged', 'not_modified'].includes(sync?.lastOutcome ?? '');
  return answered ? 'stale' : 'aged';
}

/**
 * Reads a response body as text, refusing more than maxBytes.
 * @param {Response} res
 * @param {number} maxBytes
 * @returns {Promise<string>}
 */
async function readCapped(res, maxBytes) {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new SyncError('too_large', `The list is ${declared} bytes, more than ${maxBytes}.`);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      try {
        await reader.cancel();
      } catch {
        // the connection is dropped either way
      }
      throw new SyncError('too_large', `The list is more than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

/** An attempt's failure, with a stable code. */
export class SyncError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} [retryAfter]
   */
  constructor(code, message, retryAfter = 0) {
    super(message);
    this.code = code;
    /** The wait the server asked for (Retry-After), in milliseconds. */
    this.retryAfter = retryAfter;
  }
}

/**
 * @typedef {{
 *   state: SyncState,
 *   url: string,
 *   current: {version: number, sha256: string},
 *   now: () => number,
 *   random: () => number,
 *   fetch: typeof fetch,
 *   sha256: (text: string) => Promise<string>,
 *   verify: (envelope: string, minVersion: number) => Promise<{ok: boolean, list?: any, error?: {code: string, message: string}}>,
 *   commit: (envelope: string, info: any) => Promise<boolean>,
 *   config?: SyncConfig,
 * }} SyncDeps
 *
 * @typedef {{state: SyncState, outcome: 'skipped'|'not_modified'|'unchanged'|'updated'|'failed', info?: any}} SyncResult
 */

/**
 * Makes one sync attempt and answers the next state. It never throws.
 * @param {SyncDeps} d
 * @returns {Promise<SyncResult>}
 */
export async function syncOnce(d) {
  const cfg = d.config ?? DEFAULT_CONFIG;
  const start = d.now();
  const state = { ...normalizeState(d.state, start), lastAttempt: start };
  if (!d.url) {
    return { state: { ...state, nextAt: start + nextDelay(0, cfg, d.random), lastOutcome: 'skipped' }, outcome: 'skipped' };
  }
  /**
   * @param {'not_modified'|'unchanged'|'updated'} outcome
   * @param {string} etag
   * @param {any} [info]
   * @returns {SyncResult}
   */
  const succeed = (outcome, etag, info) => ({
    state: {
      ...state,
      etag,
      failures: 0,
      lastSuccess: d.now(),
      nextAt: d.now() + nextDelay(0, cfg, d.random),
      lastOutcome: outcome,
      lastError: null,
    },
    outcome,
    info,
  });
  try {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), cfg.timeoutMs);
    let res;
    let body = '';
    try {
      /** @type {Record<string, string>} */
      const headers = { accept: 'application/json' };
      if (state.etag) headers['if-none-match'] = state.etag;
      try {
        res = await d.fetch(d.url, {
          method: 'GET',
          headers,
          cache: 'no-store',
          credentials: 'omit',
          redirect: 'manual',
          referrerPolicy: 'no-referrer',
          signal: ctl.signal,
        });
      } catch (e) {
        throw new SyncError('network', `The list could not be fetched: ${/** @type {any} */ (e)?.message ?? e}`);
      }
      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) {
        throw new SyncError('redirect', `The list server answered with a redirect (HTTP ${res.status || 'opaque'}); set the list URL to where the list is served.`);
      }
      if (res.status === 304) {
        if (!state.etag) throw new SyncError('http', 'The list server answered 304 Not Modified to a request that named no cached list.');
        return succeed('not_modified', state.etag);
      }
      if (!res.ok) throw new SyncError('http', `The list server answered HTTP ${res.status}.`, retryAfterMs(res.headers.get('retry-after'), d.now()));
      try {
        body = await readCapped(res, cfg.maxBytes);
      } catch (e) {
        if (e instanceof SyncError) throw e;
        throw new SyncError('network', `The list could not be read: ${/** @type {any} */ (e)?.message ?? e}`);
      }
    } finally {
      clearTimeout(timer);
    }
    const etag = (res.headers.get('etag') ?? '').slice(0, 512);
    if ((await d.sha256(body)) === d.current.sha256) return succeed('unchanged', etag);
    const verified = await d.verify(body, d.current.version);
    if (!verified.ok) {
      throw new SyncError(verified.error?.code ?? 'invalid', verified.error?.message ?? 'The list was refused.');
    }
    if (!(await d.commit(body, verified.list))) throw new SyncError('storage', 'The new list could not be stored; the old one is kept.');
    return succeed('updated', etag, verified.list);
  } catch (e) {
    const err = e instanceof SyncError ? e : new SyncError('internal', String(/** @type {any} */ (e)?.message ?? e));
    const failures = state.failures + 1;
    // The server's Retry-After may push the retry later, never past a day.
    const wait = Math.max(nextDelay(failures, cfg, d.random), Math.min(err.retryAfter, cfg.maxBackoffMs));
    return {
      state: {
        ...state,
        failures,
        nextAt: d.now() + wait,
        lastOutcome: 'failed',
        lastError: { code: err.code, message: err.message, at: d.now() },
      },
      outcome: 'failed',
    };
  }
}
