// The list the core works with: the bundled snapshot from the first second,
// then the last good synced list. Stored in local storage as
// {envelope, info, source}; on every start of the core the stored envelope
// is verified again (storage can be corrupted or edited), and a bundled list
// newer than the stored one (after an extension update) replaces it.
//
// Verifying again costs a service worker's start most: the Ed25519 check
// runs in Go inside WebAssembly, whose first calls run in V8's baseline
// tier. After a full verification the worker records in session storage
// (which pages and content scripts cannot read or write, and which the
// browser clears when it closes) the envelope's SHA-256 and the keys that
// verified it. A worker started again in the same browser session that
// finds the stored envelope's SHA-256 (hashed natively with
// crypto.subtle) and the keys unchanged asks the core to skip the
// signature check and the validation (verified_before: the same bytes pass
// the same checks; session storage is also cleared when the extension is
// updated); the core still decodes the list and checks its key, rollback
// and the clock. Any change to the envelope or the keys means a full
// verification.
//
// Decoding and compiling the list is then most of a restart's load. A few
// seconds after a load that did that work (snapshotLater), the core's
// snapshot of the loaded list (its compiled engine as bytes, made by this
// build: wasm/core/snapshot.go) is kept in local storage beside the envelope's
// SHA-256, and the snapshot's own SHA-256 joins the session record. A
// restarted worker whose record names the stored envelope, the keys and a
// snapshot whose bytes hash to the recorded SHA-256 hands the core the
// snapshot (LoadRequest.snapshot) instead of the envelope; the core checks
// the key, rollback and clock as for verified_before. A snapshot the core
// refuses is only a slower start: the envelope is loaded as before.
//
// Keys: the bundled list is verified with the bundled keys (the development
// key in a development build; a release build pins the release key, see
// extension/README.md). A synced list is verified with the keys the user
// pinned for its URL, or the bundled keys when none are pinned.

import { MaxSkewSeconds } from './bounds.js';
import { sha256Hex } from './hash.js';
import { unverifiedPayload } from './precheck.js';

/**
 * @typedef {{id: string, public_key: string}} Key
 * @typedef {{envelope: string, info: any, source: 'bundled'|'synced'}} StoredList
 * @typedef {{
 *   storage: {get: Function, set: Function},
 *   core: {loadList: (req: any) => Promise<any>, running: boolean, ensure?: () => Promise<any>, snapshot?: () => Promise<Uint8Array|null>},
 *   loadBundled: () => Promise<{envelope: string, keys: Key[]}>,
 *   syncKeys: () => Promise<Key[]>,
 *   syncListId?: () => Promise<string>,
 *   onFallback?: () => void,
 *   afterLoad?: () => Promise<void>,
 *   now?: () => number,
 *   mark?: (name: string) => void,
 *   snapshotDelayMs?: number,
 * }} ListDeps
 *
 * onFallback, when given, is told when a stored synced list failed
 * verification and the bundled list stands in: the service worker then
 * fetches the list again at once rather than at the next alarm.
 *
 * afterLoad, when given, runs at the end of every load, with the core up:
 * the grants lists (lib/subscriptions.js) are loaded into a core just
 * (re)started there.
 *
 * mark, when given, is told when each step of a load ends (storage read,
 * bundled list read, verifications, store), for the cold-start benchmark.
 *
 * snapshotDelayMs is how long after a full load the snapshot is made
 * (SNAPSHOT_DELAY_MS by default): late enough not to hold up the first
 * reports of a worker's start. Without core.snapshot no snapshot is kept.
 */

/**
 * What a content script's hello gets: the selector set and control tokens,
 * and the hosts and link words by which it leaves out links that cannot
 * matter (content/rules.js, linkFilter). Those two come only from the
 * running core's own load: an info stored earlier may have been made by
 * another build of the core (before an update), whose words need not
 * cover this build's needles, and then every link is sent.
 * @typedef {{selectors: string[], tokens: string[], hosts?: string[], linkWords?: string[], version: number}} SelectorSet
 */

/** @param {unknown} v @returns {v is string[]} */
const strings = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * The hello's part of a list's info (core ListInfo).
 * @param {any} info
 * @param {boolean} loaded whether the running core made this info
 * @returns {SelectorSet}
 */
function selectorSetOf(info, loaded) {
  /** @type {SelectorSet} */
  const set = { selectors: strings(info.selectors) ? info.selectors : [], tokens: strings(info.tokens) ? info.tokens : [], version: info.version };
  if (loaded && strings(info.hosts) && strings(info.link_words)) {
    set.hosts = info.hosts;
    set.linkWords = info.link_words;
  }
  return set;
}

/**
 * The version an envelope claims, read without verifying (0 when unreadable).
 * Only a hint for deciding whether to load it; never trusted.
 * @param {string} envelope
 * @returns {number}
 */
export function peekVersion(envelope) {
  const v = unverifiedPayload(envelope)?.version;
  return Number.isSafeInteger(v) ? v : 0;
}

/**
 * The id an envelope's payload claims, read without verifying ('' when
 * unreadable). Used for the bundled list, which comes from the package.
 * @param {string} envelope
 * @returns {string}
 */
export function peekId(envelope) {
  const id = unverifiedPayload(envelope)?.id;
  return typeof id === 'string' ? id : '';
}

export const LIST_KEY = 'list';
export const LIST_ERROR_KEY = 'listError';
/**
 * Session storage: {sha256, keys} of the envelope last verified in full,
 * and snapshot, the SHA-256 of its stored snapshot once one is kept.
 */
export const VERIFIED_KEY = 'listVerified';
/** Local storage: {sha256, bytes}, the core's snapshot of the list of that envelope. */
export const SNAPSHOT_KEY = 'listSnapshot';
/** How long after a full load its snapshot is made, in milliseconds. */
export const SNAPSHOT_DELAY_MS = 2000;

/**
 * The keys as one string, to tell whether the keys changed.
 * @param {Key[]} keys
 */
export function keysFingerprint(keys) {
  return keys
    .map((k) => `${k.id}:${k.public_key}`)
    .sort()
    .join(',');
}

/**
 * @param {ListDeps} deps
 */
export function createLists(deps) {
  /** @type {Promise<any>|null} */
  let loading = null;
  /** The storage read of the load in flight (or the last one). @type {Promise<StoredList|null>|null} */
  let storedRead = null;
  /** @type {any} */
  let current = null;

  const nowISO = () => new Date((deps.now ?? Date.now)()).toISOString();
  /** Whether a list claims an issue time beyond now plus the skew. @param {any} info */
  const ahead = (info) => Date.parse(info?.issued_at) > (deps.now ?? Date.now)() + MaxSkewSeconds * 1000;
  const mark = deps.mark ?? (() => {});
  /** The snapshot being made (or the last), for tests. @type {Promise<boolean>} */
  let snapshotting = Promise.resolve(false);
  /** @type {ReturnType<typeof setTimeout>|undefined} */
  let snapshotTimer;

  /**
   * Keeps the core's snapshot of the list it loaded from the envelope of
   * this SHA-256 and these keys, after snapshotDelayMs, unless another list
   * is loaded by then.
   * @param {string} sha256 @param {string} keys keysFingerprint of the keys
   */
  function snapshotLater(sha256, keys) {
    if (!deps.core.snapshot) return;
    clearTimeout(snapshotTimer);
    snapshotting = new Promise((resolve) => {
      snapshotTimer = setTimeout(() => keepSnapshot(sha256, keys).then(resolve, () => resolve(false)), deps.snapshotDelayMs ?? SNAPSHOT_DELAY_MS);
    });
  }

  /**
   * Stores the core's snapshot, then its SHA-256 in the session record of
   * the envelope's verification (in that order: a record never vouches for
   * bytes not stored yet). False when the loaded list or the record is no
   * longer that envelope's, or storage failed.
   * @param {string} sha256 @param {string} keys
   * @returns {Promise<boolean>}
   */
  async function keepSnapshot(sha256, keys) {
    if (loading) await loading.catch(() => null);
    if (current?.sha256 !== sha256) return false;
    const bytes = await deps.core.snapshot?.();
    if (!(bytes instanceof Uint8Array) || current?.sha256 !== sha256) return false;
    const hash = await sha256Hex(bytes);
    if (!(await deps.storage.set('local', { [SNAPSHOT_KEY]: { sha256, bytes } }))) return false;
    const record = await deps.storage.get('session', VERIFIED_KEY, null);
    if (record?.sha256 !== sha256 || record.keys !== keys) return false;
    const ok = await deps.storage.set('session', { [VERIFIED_KEY]: { ...record, snapshot: hash } });
    mark('list.snapshotSaved');
    return ok;
  }

  /**
   * The stored snapshot's bytes when the session record, already found to
   * be of this envelope (sha256) and its keys, vouches for them: the bytes
   * hash to the recorded snapshot SHA-256. Null otherwise.
   * @param {any} record the session record @param {any} snap the stored snapshot
   * @param {string} sha256
   * @returns {Promise<Uint8Array|null>}
   */
  async function vouchedSnapshot(record, snap, sha256) {
    if (typeof record.snapshot !== 'string' || snap?.sha256 !== sha256 || !(snap.bytes instanceof Uint8Array)) return null;
    return (await sha256Hex(snap.bytes)) === record.snapshot ? snap.bytes : null;
  }

  /**
   * Verifies and loads the stored list (again), falling back to the
   * bundled one; answers the loaded ListInfo or null.
   */
  async function load() {
    // All reads at once: none waits for another.
    storedRead = deps.storage.get('local', LIST_KEY, null).then((/** @type {StoredList|null} */ v) => (mark('list.storedRead'), v));
    const [stored, bundled, coreUp, verified, snap] = await Promise.all([
      storedRead,
      deps.loadBundled().then(
        (v) => (mark('list.bundledRead'), v),
        () => null,
      ),
      // A core that is off (lib/core.js) answers at once: nothing is
      // verified, and nothing is written, until it is back.
      deps.core.ensure ? deps.core.ensure().then(() => true, () => false) : true,
      deps.storage.get('session', VERIFIED_KEY, null),
      deps.core.snapshot ? deps.storage.get('local', SNAPSHOT_KEY, null) : null,
    ]);
    if (!coreUp) {
      current = null;
      return null;
    }
    /** @type {any} */
    let info = null;
    let source = 'bundled';
    if (stored && typeof stored.envelope === 'string' && stored.info && Number.isSafeInteger(stored.info.version)) {
      const synced = stored.source === 'synced';
      const keys = synced ? await deps.syncKeys() : bundled?.keys ?? [];
      const listId = synced && deps.syncListId ? await deps.syncListId() : '';
      const sha256 = await sha256Hex(stored.envelope);
      const fingerprint = keysFingerprint(keys);
      const checked = !!verified && verified.sha256 === sha256 && verified.keys === fingerprint;
      /** @type {any} */
      const req = {
        envelope: stored.envelope,
        keys,
        min_version: stored.info.version,
        allow_same_version: true,
        now: nowISO(),
        sha256,
        verified_before: checked,
      };
      if (listId) req.list_id = listId;
      const bytes = checked ? await vouchedSnapshot(verified, snap, sha256) : null;
      if (bytes) mark('list.snapshotVouched');
      let res = bytes ? await deps.core.loadList({ ...req, snapshot: bytes }) : null;
      if (res) mark(res.ok ? 'list.fromSnapshot' : 'list.snapshotRefused');
      const fromSnapshot = !!res?.ok;
      if (!fromSnapshot) res = await deps.core.loadList(req);
      mark('list.storedVerified');
      if (res.ok) {
        info = res.list;
        source = stored.source;
        if (!checked) await deps.storage.set('session', { [VERIFIED_KEY]: { sha256, keys: fingerprint } });
        if (!fromSnapshot) snapshotLater(sha256, fingerprint);
      } else {
        await deps.storage.set('local', {
          [LIST_ERROR_KEY]: { code: res.error?.code ?? 'invalid', message: `The stored list failed verification and was replaced by the bundled list: ${res.error?.message ?? ''}`, at: Date.now() },
        });
        if (synced && res.error?.code !== 'core_unavailable') deps.onFallback?.();
      }
    }
    if (bundled && (!info || (bundled.envelope !== stored?.envelope && peekVersion(bundled.envelope) > info.version))) {
      // The bundled list wins when there is no good stored list, or when it
      // is newer (an extension update shipped a newer snapshot). The peeked
      // version only spares a second verification on every start; the core
      // checks the real one. The stored list is most often the bundled one,
      // whose version need not be peeked (two JSON parses of the list).
      const sha256 = await sha256Hex(bundled.envelope);
      const res = await deps.core.loadList({
        envelope: bundled.envelope,
        keys: bundled.keys,
        min_version: info ? info.version : 0,
        now: nowISO(),
        sha256,
      });
      mark('list.bundledVerified');
      if (res.ok) {
        info = res.list;
        source = 'bundled';
        await deps.storage.set('local', { [LIST_KEY]: { envelope: bundled.envelope, info, source } });
        const fingerprint = keysFingerprint(bundled.keys);
        await deps.storage.set('session', { [VERIFIED_KEY]: { sha256, keys: fingerprint } });
        mark('list.stored');
        snapshotLater(sha256, fingerprint);
      } else if (!info) {
        await deps.storage.set('local', { [LIST_ERROR_KEY]: { code: res.error?.code ?? 'invalid', message: `The bundled list was refused: ${res.error?.message ?? ''}`, at: Date.now() } });
      }
    }
    if (deps.afterLoad) await deps.afterLoad();
    current = info ? { ...info, source } : null;
    mark('list.loaded');
    return current;
  }

  return {
    /**
     * The loaded list's info, loading it first when the core was (re)started.
     * One load at a time.
     * @returns {Promise<any>}
     */
    async ensure() {
      if (current && deps.core.running && !ahead(current)) return current;
      if (current && ahead(current)) current = null;
      if (!loading) {
        loading = load().finally(() => {
          loading = null;
        });
      }
      return loading;
    },
    /**
     * The selector set and version for a content script's hello, without
     * waiting for the core when a list is stored: the loaded list's, else
     * the stored list's as it was verified when stored, while the core
     * verifies it again. Selectors only guide what a content script
     * collects; every report is made by the core with the verified list,
     * which ignores selector matches of another version (stale_selectors,
     * and the content script asks again). Null when no list is loaded.
     * @returns {Promise<SelectorSet|null>}
     */
    async selectorSet() {
      if (current && deps.core.running) return selectorSetOf(current, true);
      const loaded = this.ensure();
      const stored = await (storedRead ?? Promise.resolve(null));
      const info = stored && typeof stored === 'object' ? stored.info : null;
      if (info && Number.isSafeInteger(info.version) && info.version > 0 && strings(info.selectors)) return selectorSetOf(info, false);
      const got = await loaded;
      return got ? selectorSetOf(got, true) : null;
    },
    /** The info of the loaded list, without loading. */
    get current() {
      return current;
    },
    /** Settles when the snapshot being made (or the last) is kept or given up: true when kept. */
    get snapshotting() {
      return snapshotting;
    },
    /**
     * Commits a list that the core has just verified and loaded: store the
     * envelope and info first, then switch. When the store fails, the core
     * goes back to the last good list.
     * @param {string} envelope
     * @param {any} info
     * @returns {Promise<boolean>}
     */
    async commit(envelope, info) {
      // The core bounds versions to 2^53-1; never store one a number cannot hold.
      if (!info || !Number.isSafeInteger(info.version) || info.version <= 0) return false;
      const ok = await deps.storage.set('local', { [LIST_KEY]: { envelope, info, source: 'synced' } });
      if (ok) {
        current = { ...info, source: 'synced' };
        return true;
      }
      current = null; // the next ensure() reloads the last good stored list
      return false;
    },
    /**
     * The rotation path: forgets a stored synced list, and with it its
     * version as the rollback floor, so that the next ensure() loads the
     * bundled list and the next sync accepts any list newer than that,
     * signed by the keys now pinned. Called when the pinned keys or the list
     * id change; never on a sync failure.
     * @returns {Promise<boolean>} whether storage was written
     */
    async forgetSynced() {
      const stored = await deps.storage.get('local', LIST_KEY, null);
      current = null;
      if (!stored || stored.source !== 'synced') return true;
      return deps.storage.set('local', { [LIST_KEY]: null });
    },
    /** Forgets the loaded state so that the next ensure() reloads from storage. */
    reset() {
      current = null;
    },
  };
}
