// Network observation and consent inspection, wired to the browser's events
// for the service worker. The pure parts live in netobs.js (the request
// buffer) and consent.js (the warning); this module owns the listeners and
// the session-storage keys, and takes everything else as arguments so that
// the unit tests drive it with fake events, a memory store and the real core.
//
// Listeners (register() must run synchronously when the worker starts, so
// that the browser wakes the worker for them):
//   webRequest.onBeforeRequest  observation only: no "blocking", no body;
//                               filtered to the list's hosts and to script,
//                               sub_frame and xmlhttprequest requests
//   webNavigation.onBeforeNavigate   filtered to the list's hosts: a top-level
//                               navigation to an authorize URL is inspected
//   webNavigation.onCommitted   clears the tab's request buffer on a top-level
//                               commit, (re)inspects an authorize URL, and
//                               forgets the consent when the tab moves on
//   webNavigation.onCreatedNavigationTarget   remembers which tab opened a
//                               popup, so the opener records the attempt
//   tabs.onRemoved              forgets the tab
//
// Session keys per tab: net:<id> (netobs buffer), consent:<id> ({warning,
// record} of the consent screen shown in the tab), attempts:<id> (attempts
// the tab started, newest first), opener:<id> (the tab that opened it).
// They are separate from the dispatcher's tab:<id>, which is cleared at
// every navigation, because a consent screen's state must survive the
// navigation that shows it.

import { addRequest, commitNavigation, emptyBuffer, normalizeBuffer, requestFilter, requestsFor } from './netobs.js';
import { addAttempt, attemptRecord, consentWarning, normalizeAttempts } from './consent.js';

/** How long to wait after a new request before asking the top frame to rescan. */
export const RESCAN_DELAY_MS = 400;

export const netKey = (/** @type {number} */ id) => `net:${id}`;
export const consentKey = (/** @type {number} */ id) => `consent:${id}`;
export const attemptsKey = (/** @type {number} */ id) => `attempts:${id}`;
export const openerKey = (/** @type {number} */ id) => `opener:${id}`;

/**
 * webNavigation URL filters for the list's hosts: an exact host, or a suffix
 * and the bare domain for "*.suffix".
 * @param {string[]} patterns match patterns from netobs.urlPatterns
 * @returns {{hostEquals?: string, hostSuffix?: string}[]}
 */
export function navigationFilters(patterns) {
  /** @type {{hostEquals?: string, hostSuffix?: string}[]} */
  const out = [];
  for (const p of patterns) {
    const m = /^\*:\/\/(\*\.)?([^/]+)\/\*$/.exec(p);
    if (!m) continue;
    out.push({ hostEquals: m[2] });
    if (m[1]) out.push({ hostSuffix: `.${m[2]}` });
  }
  return out;
}

/**
 * Whether a URL's host is one of the watched hosts (the same test the
 * browsers apply to the filters above); used for navigations that arrive
 * unfiltered.
 * @param {string} url
 * @param {string[]} patterns
 */
export function watchedURL(url, patterns) {
  let host;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    host = u.hostname;
  } catch {
    return false;
  }
  for (const f of navigationFilters(patterns)) {
    if (f.hostEquals === host || (f.hostSuffix && host.endsWith(f.hostSuffix))) return true;
  }
  return false;
}

/**
 * @typedef {{
 *   get: (area: 'local'|'session', key: string, fallback: any) => Promise<any>,
 *   set: (area: 'local'|'session', items: Record<string, unknown>) => Promise<boolean>,
 *   remove: (area: 'local'|'session', keys: string|string[]) => Promise<boolean>,
 * }} Store
 * @typedef {{warning: import('./consent.js').Warning, record: import('./consent.js').Attempt}} ConsentState
 */

/**
 * Creates the watcher.
 * @param {{
 *   ext: any,
 *   store: Store,
 *   inspect: (url: string) => Promise<{ok: boolean, consent?: any}>,
 *   withTab: <T>(tabId: number, fn: () => Promise<T>) => Promise<T>,
 *   t?: (name: string, subs?: string[]) => string,
 *   now?: () => number,
 *   onConsent?: (tabId: number) => void|Promise<void>,
 *   onRequests?: (tabId: number) => void|Promise<void>,
 * }} opts inspect asks the core (after making sure a list is loaded);
 *   onConsent runs when a tab's consent state or attempts changed (redraw
 *   its badge); onRequests runs, debounced, when a tab's buffer gained a
 *   request (ask its top frame to rescan)
 */
export function createNetWatch({ ext, store, inspect, withTab, t, now = Date.now, onConsent, onRequests }) {
  /** @type {string[]} */
  let patterns = [];
  /** @type {((d: any) => void)|null} */
  let requestListener = null;
  /** @type {((d: any) => void)|null} */
  let navListener = null;
  /** @type {Map<number, any>} */
  const rescans = new Map();

  function scheduleRescan(/** @type {number} */ tabId) {
    if (!onRequests || rescans.has(tabId)) return;
    rescans.set(
      tabId,
      setTimeout(() => {
        rescans.delete(tabId);
        Promise.resolve(onRequests(tabId)).catch(() => {});
      }, RESCAN_DELAY_MS),
    );
  }

  /** @param {any} d webRequest details */
  async function onRequest(d) {
    if (!d || typeof d.tabId !== 'number' || d.tabId < 0) return false;
    const changed = await withTab(d.tabId, async () => {
      const buf = normalizeBuffer(await store.get('session', netKey(d.tabId), null));
      if (!addRequest(buf, d)) return false;
      await store.set('session', { [netKey(d.tabId)]: buf });
      return true;
    });
    if (changed) scheduleRescan(d.tabId);
    return changed;
  }

  /**
   * Inspects a top-level navigation and records what it asks for.
   * @param {number} tabId
   * @param {string} url
   * @returns {Promise<boolean>} whether the URL is a consent screen
   */
  async function inspectTab(tabId, url) {
    let res;
    try {
      res = await inspect(url);
    } catch {
      return false;
    }
    if (!res?.ok || !res.consent) return false;
    const warning = consentWarning(res.consent, t);
    const record = attemptRecord(res.consent, { at: now(), tabId });
    if (!warning || !record) return false;
    await withTab(tabId, () => store.set('session', { [consentKey(tabId)]: { warning, record } }));
    await recordAttempt(tabId);
    await onConsent?.(tabId);
    return true;
  }

  /** Adds a tab's consent to its opener's attempts, once both are known. @param {number} tabId */
  async function recordAttempt(tabId) {
    const [state, opener] = await Promise.all([store.get('session', consentKey(tabId), null), store.get('session', openerKey(tabId), null)]);
    if (!state?.record) return;
    const target = Number.isSafeInteger(opener) && opener >= 0 ? opener : tabId;
    await withTab(target, async () => {
      const list = addAttempt(await store.get('session', attemptsKey(target), null), state.record);
      await store.set('session', { [attemptsKey(target)]: list });
    });
    if (target !== tabId) await onConsent?.(target);
  }

  /** @param {any} d webNavigation details */
  async function onBeforeNavigate(d) {
    if (!d || d.frameId !== 0 || typeof d.tabId !== 'number' || d.tabId < 0 || typeof d.url !== 'string') return false;
    return inspectTab(d.tabId, d.url);
  }

  /** @param {any} d webNavigation details */
  async function onCommitted(d) {
    if (!d || typeof d.tabId !== 'number' || d.tabId < 0) return;
    await withTab(d.tabId, async () => {
      const raw = await store.get('session', netKey(d.tabId), null);
      const buf = raw ? normalizeBuffer(raw) : emptyBuffer();
      if (commitNavigation(buf, d)) await store.set('session', { [netKey(d.tabId)]: buf });
    });
    if (d.frameId !== 0 || typeof d.url !== 'string') return;
    const isConsent = watchedURL(d.url, patterns) && (await inspectTab(d.tabId, d.url));
    if (!isConsent && (await store.get('session', consentKey(d.tabId), null))) {
      await withTab(d.tabId, () => store.remove('session', consentKey(d.tabId)));
      await onConsent?.(d.tabId);
    }
  }

  /** @param {any} d webNavigation.onCreatedNavigationTarget details */
  async function onCreatedNavigationTarget(d) {
    if (!d || typeof d.tabId !== 'number' || typeof d.sourceTabId !== 'number' || d.sourceTabId < 0 || d.tabId === d.sourceTabId) return;
    await store.set('session', { [openerKey(d.tabId)]: d.sourceTabId });
    await recordAttempt(d.tabId);
  }

  /** @param {number} tabId */
  async function forget(tabId) {
    clearTimeout(rescans.get(tabId));
    rescans.delete(tabId);
    await store.remove('session', [netKey(tabId), consentKey(tabId), attemptsKey(tabId), openerKey(tabId)]);
  }

  /** (Re)adds the listeners whose filters depend on the list's hosts. @param {unknown} hosts */
  function listen(hosts) {
    const filter = requestFilter(hosts);
    const next = filter ? filter.urls : [];
    if (requestListener && JSON.stringify(next) === JSON.stringify(patterns)) return;
    patterns = next;
    try {
      if (requestListener) ext.webRequest.onBeforeRequest.removeListener(requestListener);
      if (navListener) ext.webNavigation.onBeforeNavigate.removeListener(navListener);
    } catch {
      // the APIs are missing: nothing was added
    }
    requestListener = (d) => {
      onRequest(d).catch(() => {});
    };
    navListener = (d) => {
      onBeforeNavigate(d).catch(() => {});
    };
    if (!filter) return;
    try {
      ext.webRequest.onBeforeRequest.addListener(requestListener, filter);
    } catch {
      // no webRequest permission: DOM detection only
    }
    try {
      ext.webNavigation.onBeforeNavigate.addListener(navListener, { url: navigationFilters(patterns) });
    } catch {
      // no webNavigation permission
    }
  }

  return {
    /**
     * Registers every listener; call once, synchronously, at start-up with
     * the hosts known then (the bundled list's).
     * @param {unknown} hosts
     */
    register(hosts) {
      listen(hosts);
      try {
        ext.webNavigation.onCommitted.addListener((/** @type {any} */ d) => {
          onCommitted(d).catch(() => {});
        });
        ext.webNavigation.onCreatedNavigationTarget.addListener((/** @type {any} */ d) => {
          onCreatedNavigationTarget(d).catch(() => {});
        });
      } catch {
        // no webNavigation permission
      }
      ext.tabs?.onRemoved?.addListener((/** @type {number} */ tabId) => {
        forget(tabId).catch(() => {});
      });
    },
    /** Follows a new list's hosts. @param {unknown} hosts */
    update: listen,
    /** The watched match patterns (for status and tests). */
    get patterns() {
      return [...patterns];
    },
    /**
     * The requests for a frame's observation.
     * @param {number} tabId
     * @param {number} frameId
     * @param {string} [documentId] the observing document (Chrome's
     *   sender.documentId): when the buffer's last top-level commit named
     *   another document, that commit's event has not been handled yet and
     *   the buffer still holds the previous page's requests, so there are
     *   none for this page yet (its own come with a rescan).
     */
    async requestsFor(tabId, frameId, documentId) {
      const buf = normalizeBuffer(await store.get('session', netKey(tabId), null));
      if (frameId === 0 && typeof documentId === 'string' && buf.doc && buf.doc !== documentId) return [];
      return requestsFor(buf, frameId);
    },
    /** @param {number} tabId @returns {Promise<ConsentState|null>} */
    async consentFor(tabId) {
      const s = await store.get('session', consentKey(tabId), null);
      return s && typeof s === 'object' && s.warning && Array.isArray(s.warning.lines) ? s : null;
    },
    /** @param {number} tabId */
    async attemptsFor(tabId) {
      return normalizeAttempts(await store.get('session', attemptsKey(tabId), null));
    },
    forget,
    // The handlers, for the unit tests.
    onRequest,
    onBeforeNavigate,
    onCommitted,
    onCreatedNavigationTarget,
  };
}
