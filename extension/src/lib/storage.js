// Storage helpers that never throw. The service worker may be evicted at any
// time, so every piece of state lives in extension storage: "session" for
// per-tab reports (cleared when the browser closes), "local" for the list,
// settings, dismissals and the sync state.
//
// A failed read answers the given fallback; a failed write answers false.
// Callers decide what a failure means; nothing here throws.

import { ext } from './browser.js';

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
  const a = areaOf(area);
  if (!a) return false;
  try {
    await a.remove(keys);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a storage facade over a plain Map, with the same never-throwing
 * contract. Unit tests use it; the service worker uses the module functions.
 * @returns {{get: typeof get, set: typeof set, remove: typeof remove, dump: () => Record<string, any>}}
 */
export function memoryStorage() {
  /** @type {Record<string, Map<string, any>>} */
  const areas = { local: new Map(), session: new Map() };
  return {
    async get(area, key, fallback) {
      const m = areas[area];
      return m.has(key) ? structuredClone(m.get(key)) : fallback;
    },
    async set(area, items) {
      for (const [k, v] of Object.entries(items)) areas[area].set(k, structuredClone(v));
      return true;
    },
    async remove(area, keys) {
      for (const k of [keys].flat()) areas[area].delete(k);
      return true;
    },
    dump() {
      return { local: Object.fromEntries(areas.local), session: Object.fromEntries(areas.session) };
    },
  };
}
