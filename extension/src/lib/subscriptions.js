// The grants lists a user subscribes to beside the detection list.
//
// Subscription #0 is the detection list (lib/lists.js): the bundled list, or
// its synced successor from settings.listUrl, with settings.keys and
// settings.listId, in the records it always had (list, sync, listError).
// It cannot be removed. Every other subscription is {url, listId, keys}:
// a signed list of that id, from that URL, signed by one of those keys. The
// core (wasm/core/merge.go) uses only its partners and their grants, and
// names the list each grant came from.
//
// Each subscription has its own records, keyed by its list id (unique among
// the subscriptions, and never the detection list's): the last good envelope
// and its info (list:<id>), the sync state (sync:<id>), the last load error
// (listError:<id>), and in session storage the verified_before record
// (listVerified:<id>, see lib/lists.js). A failure of one (bad signature,
// rollback, network, a stored copy that no longer verifies) writes only its
// own sync state or error: no other record is touched, and its own last
// good envelope is kept.
//
// All of it lives in the trusted area (lib/storage.js): content scripts can
// neither read nor change a subscription, and only extension pages may ask
// for a change (lib/messages.js).

import { sha256Hex } from './hash.js';
import { keysFingerprint } from './lists.js';

export const SUBS_KEY = 'subscriptions';
/** At most this many lists beside the detection list. */
export const MAX_SUBSCRIPTIONS = 8;
/** At most this many pinned keys per list. */
export const MAX_KEYS = 8;

/** @param {string} id */
export const listKey = (id) => `list:${id}`;
/** @param {string} id */
export const syncKey = (id) => `sync:${id}`;
/** @param {string} id */
export const errorKey = (id) => `listError:${id}`;
/** @param {string} id */
export const verifiedKey = (id) => `listVerified:${id}`;

/**
 * @typedef {{id: string, public_key: string}} Key
 * @typedef {{url: string, listId: string, keys: Key[]}} Subscription
 */

const LIST_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Whether a list URL is acceptable: http(s), no credentials, no fragment.
 * @param {string} url
 */
export function goodUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.hash && url.length <= 2048;
  } catch {
    return false;
  }
}

/**
 * Repairs one subscription read from storage; null when unusable.
 * @param {unknown} raw
 * @returns {Subscription|null}
 */
export function normalizeSubscription(raw) {
  const r = /** @type {any} */ (raw);
  if (!r || typeof r !== 'object') return null;
  if (typeof r.url !== 'string' || !goodUrl(r.url)) return null;
  if (typeof r.listId !== 'string' || r.listId.length > 64 || !LIST_ID.test(r.listId)) return null;
  if (!Array.isArray(r.keys)) return null;
  const keys = r.keys
    .filter((/** @type {any} */ k) => k && typeof k.id === 'string' && KEY_ID.test(k.id) && typeof k.public_key === 'string' && PUBLIC_KEY.test(k.public_key))
    .slice(0, MAX_KEYS)
    .map((/** @type {any} */ k) => ({ id: k.id, public_key: k.public_key }));
  if (keys.length === 0) return null;
  return { url: r.url, listId: r.listId, keys };
}

/**
 * Repairs the stored subscriptions: unusable ones and repeated list ids are
 * left out.
 * @param {unknown} raw
 * @returns {Subscription[]}
 */
export function normalizeSubscriptions(raw) {
  if (!Array.isArray(raw)) return [];
  /** @type {Subscription[]} */
  const out = [];
  for (const r of raw) {
    const s = normalizeSubscription(r);
    if (s && !out.some((o) => o.listId === s.listId) && out.length < MAX_SUBSCRIPTIONS) out.push(s);
  }
  return out;
}

/**
 * The key ID of a base64 Ed25519 public key: the first 16 hex digits of the
 * SHA-256 of its 32 bytes (wasm/list/keyid.go).
 * @param {string} publicKey
 * @returns {Promise<string>}
 */
export async function keyId(publicKey) {
  const raw = Uint8Array.from(atob(publicKey), (c) => c.charCodeAt(0));
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  return [...d.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a subscription the options page asks to add against the others;
 * answers it normalized, or an error that says what is wrong.
 * @param {{url: string, listId: string, keys: Key[]}} input
 * @param {Subscription[]} existing
 * @param {string} detectionId the detection list's id
 * @returns {Promise<{ok: true, sub: Subscription}|{ok: false, error: {code: string, message: string}}>}
 */
export async function checkNew(input, existing, detectionId) {
  const bad = (/** @type {string} */ message) => ({ ok: /** @type {const} */ (false), error: { code: 'bad_request', message } });
  const url = String(input.url ?? '').trim();
  const listId = String(input.listId ?? '').trim();
  if (!goodUrl(url)) return bad('The list URL must be an http:// or https:// address without user name or fragment.');
  if (!LIST_ID.test(listId) || listId.length > 64) return bad('The list id must be lowercase letters and digits in words joined by single hyphens, at most 64 characters.');
  if (listId === detectionId) return bad(`The list ${listId} is the detection list; set its URL above.`);
  if (existing.some((s) => s.listId === listId)) return bad(`The list ${listId} is subscribed already; remove it first to change it.`);
  if (existing.some((s) => s.url === url)) return bad('Another subscription uses this URL already.');
  if (existing.length >= MAX_SUBSCRIPTIONS) return bad(`At most ${MAX_SUBSCRIPTIONS} lists can be added.`);
  const keys = Array.isArray(input.keys) ? input.keys : [];
  if (keys.length === 0) return bad('Pin at least one public key that signs this list.');
  if (keys.length > MAX_KEYS) return bad(`At most ${MAX_KEYS} keys can be pinned for one list.`);
  for (const k of keys) {
    if (!k || typeof k.public_key !== 'string' || !PUBLIC_KEY.test(k.public_key)) return bad('A public key is not a standard base64 Ed25519 public key (32 bytes).');
    const id = await keyId(k.public_key);
    if (k.id !== id) return bad(`The key id ${String(k.id)} does not belong to its public key, whose id is ${id}.`);
  }
  return { ok: true, sub: { url, listId, keys: keys.map((k) => ({ id: k.id, public_key: k.public_key })) } };
}

/**
 * Writes each grant's list id on a partner's grants (as `list`), from the
 * core's provenance; grants the core named none for get fallback.
 * @param {any} partner a report's or consent's partner, changed in place
 * @param {unknown} provenance the core's Response.provenance
 * @param {string} fallback the detection list's id
 */
export function markProvenance(partner, provenance, fallback) {
  if (!partner || !Array.isArray(partner.grants)) return;
  const prov = Array.isArray(provenance) ? provenance : [];
  partner.grants.forEach((/** @type {any} */ g, /** @type {number} */ i) => {
    if (g && typeof g === 'object') g.list = typeof prov[i] === 'string' && prov[i] ? prov[i] : fallback;
  });
}

/**
 * The subscriptions with their loaded lists.
 * @param {{
 *   storage: {get: Function, set: Function, remove: Function},
 *   core: {loadList: (req: any) => Promise<any>, call: (name: string, req?: any) => Promise<any>},
 *   now?: () => number,
 * }} deps
 */
export function createSubscriptions(deps) {
  /** The info of each loaded grants list, by list id. @type {Map<string, any>} */
  const loaded = new Map();
  const now = deps.now ?? Date.now;

  /** @returns {Promise<Subscription[]>} */
  async function all() {
    return normalizeSubscriptions(await deps.storage.get('local', SUBS_KEY, null));
  }

  /**
   * Verifies a subscription's stored envelope and loads it into the core.
   * A stored copy that fails is kept (a later sync replaces it), its error
   * recorded under its own key.
   * @param {Subscription} sub
   */
  async function loadOne(sub) {
    const stored = await deps.storage.get('local', listKey(sub.listId), null);
    if (!stored || typeof stored.envelope !== 'string' || !Number.isSafeInteger(stored.info?.version)) {
      loaded.delete(sub.listId);
      return null;
    }
    const [sha256, verified] = await Promise.all([sha256Hex(stored.envelope), deps.storage.get('session', verifiedKey(sub.listId), null)]);
    const fingerprint = keysFingerprint(sub.keys);
    const checked = !!verified && verified.sha256 === sha256 && verified.keys === fingerprint;
    const res = await deps.core.loadList({
      envelope: stored.envelope,
      keys: sub.keys,
      list_id: sub.listId,
      extra: true,
      min_version: stored.info.version,
      allow_same_version: true,
      now: new Date(now()).toISOString(),
      sha256,
      verified_before: checked,
    });
    if (!res.ok) {
      loaded.delete(sub.listId);
      await deps.storage.set('local', { [errorKey(sub.listId)]: { code: res.error?.code ?? 'invalid', message: `The stored copy of ${sub.listId} failed verification and is not used: ${res.error?.message ?? ''}`, at: now() } });
      return null;
    }
    if (!checked) await deps.storage.set('session', { [verifiedKey(sub.listId)]: { sha256, keys: fingerprint } });
    const info = { ...res.list, source: 'synced' };
    loaded.set(sub.listId, info);
    return info;
  }

  return {
    all,
    loadOne,
    /**
     * Loads every subscription's stored list into a core just (re)started,
     * one after the other; one that fails leaves the others loaded.
     */
    async loadAll() {
      loaded.clear();
      for (const sub of await all()) await loadOne(sub);
    },
    /** The info of a loaded grants list, or null. @param {string} listId */
    info(listId) {
      return loaded.get(listId) ?? null;
    },
    /**
     * Adds a subscription that checkNew accepted.
     * @param {Subscription} sub
     * @returns {Promise<boolean>} whether storage was written
     */
    async add(sub) {
      const subs = await all();
      return deps.storage.set('local', { [SUBS_KEY]: [...subs, sub], [syncKey(sub.listId)]: null, [errorKey(sub.listId)]: null });
    },
    /**
     * Removes a subscription, its records and its list in the core.
     * @param {string} listId
     * @returns {Promise<boolean>} whether it was subscribed and storage written
     */
    async remove(listId) {
      const subs = await all();
      if (!subs.some((s) => s.listId === listId)) return false;
      if (!(await deps.storage.set('local', { [SUBS_KEY]: subs.filter((s) => s.listId !== listId) }))) return false;
      await deps.storage.remove('local', [listKey(listId), syncKey(listId), errorKey(listId)]);
      await deps.storage.remove('session', verifiedKey(listId));
      loaded.delete(listId);
      await deps.core.call('dropList', { list_id: listId });
      return true;
    },
    /**
     * Stores a list the core has just verified and loaded for a
     * subscription. When the store fails, the core goes back to the stored
     * copy (or drops the list when there is none).
     * @param {Subscription} sub
     * @param {string} envelope
     * @param {any} info
     */
    async commit(sub, envelope, info) {
      if (!info || !Number.isSafeInteger(info.version) || info.version <= 0) return false;
      if (await deps.storage.set('local', { [listKey(sub.listId)]: { envelope, info }, [errorKey(sub.listId)]: null })) {
        loaded.set(sub.listId, { ...info, source: 'synced' });
        return true;
      }
      if (!(await loadOne(sub))) await deps.core.call('dropList', { list_id: sub.listId });
      return false;
    },
  };
}
