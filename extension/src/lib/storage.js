// Storage helpers that never throw. The service worker may be evicted at any
// time, so every piece of state lives in storage: "session" for per-tab
// reports (extension storage.session, cleared when the browser closes, which
// content scripts cannot reach by default), "local" for the list, settings
// (list URL, pinned keys, list id), dismissals and the sync state.
//
// "local" is kept out of content scripts' reach. Extension storage.local is
// shared with content scripts (Firefox cannot restrict it; MDN,
// StorageArea.setAccessLevel), and the extension treats content scripts as
// untrusted: one could pin an attacker's key or silence warnings. So "local"
// is an IndexedDB database of the extension's own origin, which content
// scripts (running in the page's origin) cannot open, in Chromium and
// Firefox alike. Each set() is one IndexedDB transaction: all its keys are
// written or none. Where the browser allows it (Chromium), storage.local and
// storage.session are also restricted to trusted contexts (restrictAccess),
// and state an earlier release left in storage.local is moved once
// (migrate). Without IndexedDB (node tests), "local" is storage.local.
//
// A failed read answers the given fallback; a failed write answers false.
// Callers decide what a failure means; nothing here throws.

import { ext } from './browser.js';

/** The IndexedDB database and object store of the trusted area. */
export const DB_NAME = 'partnerwatch';
const STORE = 'kv';
/** The keys an earlier release kept in storage.local, moved by migrate. */
export const MIGRATED_KEYS = ['settings', 'dismissals', 'list', 'listError', 'sync'];
const MIGRATED_MARK = 'migratedFromStorageLocal';

/** @type {Promise<IDBDatabase>|null} */
let opening = null;

/** @returns {Promise<IDBDatabase>} */
function openDB() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('the database is blocked'));
  });
}

/**
 * The trusted database, opened once, after moving what an earlier release
 * left in storage.local.
 * @returns {Promise<IDBDatabase>}
 */
function db() {
  if (!opening) {
    opening = openDB()
      .then(async (d) => {
        await migrate(d);
        d.onclose = () => {
          opening = null;
        };
        return d;
      })
      .catch((e) => {
        opening = null;
        throw e;
      });
  }
  return opening;
}

/**
 * Runs one request in a transaction and answers its result when the
 * transaction has committed. When fn throws (a value IndexedDB cannot
 * clone), the transaction is aborted, so that the requests fn made before
 * are not committed either.
 * @param {IDBDatabase} d
 * @param {IDBTransactionMode} mode
 * @param {(s: IDBObjectStore) => IDBRequest|void} fn
 * @returns {Promise<any>}
 */
function inTx(d, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    let req;
    try {
      req = fn(tx.objectStore(STORE));
    } catch (e) {
      tx.abort();
      throw e;
    }
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/**
 * Moves the keys an earlier release kept in storage.local into the trusted
 * database, once, and removes them there.
 * @param {IDBDatabase} d
 */
async function migrate(d) {
  if (await inTx(d, 'readonly', (s) => s.get(MIGRATED_MARK))) return;
  /** @type {Record<string, unknown>} */
  let old = {};
  try {
    old = (await ext?.storage?.local?.get(MIGRATED_KEYS)) ?? {};
  } catch {
    // nothing to move
  }
  await inTx(d, 'readwrite', (s) => {
    for (const [k, v] of Object.entries(old)) if (MIGRATED_KEYS.includes(k)) s.put(v, k);
    s.put(Date.now(), MIGRATED_MARK);
  });
  try {
    await ext?.storage?.local?.remove(MIGRATED_KEYS);
  } catch {
    // left behind, never read again
  }
}

/** Whether "local" is the IndexedDB database (else storage.local). */
const trustedDB = () => typeof indexedDB !== 'undefined';

/**
 * Restricts extension storage.local and storage.session to the extension's
 * own pages and service worker where the browser supports it (Chromium);
 * answers which areas were restricted. Firefox has setAccessLevel on
 * storage.session only (already restricted by default).
 * @returns {Promise<string[]>}
 */
export async function restrictAccess() {
  const done = [];
  for (const area of ['local', 'session']) {
    try {
      const a = /** @type {any} */ (ext?.storage?.[area]);
      if (typeof a?.setAccessLevel !== 'function') continue;
      await a.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      done.push(area);
    } catch {
      // not supported for this area here
    }
  }
  return done;
}

/**
 * @param {'local'|'session'} area
 * @returns {chrome.storage.StorageArea|undefined}
 */
function areaOf(area) {
  try {
    return ext?.storage?.[area];
  } catch {
    return undefined;
  }
}

/**
 * Reads one key.
 * @template T
 * @param {'local'|'session'} area
 * @param {string} key
 * @param {T} fallback answered when the key is missing or the read fails
 * @returns {Promise<T>}
 */
export async function get(area, key, fallback) {
  if (area === 'local' && trustedDB()) {
    try {
      const d = await db();
      const v = await inTx(d, 'readonly', (s) => s.get(key));
      return v === undefined ? fallback : v;
    } catch {
      return fallback;
    }
  }
  const a = areaOf(area);
  if (!a) return fallback;
  try {
    const got = await a.get(key);
    return got && Object.prototype.hasOwnProperty.call(got, key) ? got[key] : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Writes several keys at once (one storage transaction).
 * @param {'local'|'session'} area
 * @param {Record<string, unknown>} items
 * @returns {Promise<boolean>} whether the write succeeded
 */
export async function set(area, items) {
  if (area === 'local' && trustedDB()) {
    try {
      const d = await db();
      await inTx(d, 'readwrite', (s) => {
        for (const [k, v] of Object.entries(items)) s.put(v, k);
      });
      return true;
    } catch {
      return false;
    }
  }
  const a = areaOf(area);
  if (!a) return false;
  try {
    await a.set(items);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes keys.
 * @param {'local'|'session'} area
 * @param {string|string[]} keys
 * @returns {Promise<boolean>}
 */
export async function remove(area, keys) {
  if (area === 'local' && trustedDB()) {
    try {
      const d = await db();
      await inTx(d, 'readwrite', (s) => {
        for (const k of [keys].flat()) s.delete(k);
      });
      return true;
    } catch {
      return false;
    }
  }
  const a = areaOf(area);
  if (!a) return false;
  try {
    await a.remove(keys);
    return true;
  } catch {
    return false;
  }
}
