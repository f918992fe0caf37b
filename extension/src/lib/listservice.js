// The service worker's lists: the detection list (lib/lists.js) and the
// grants lists subscribed beside it (lib/subscriptions.js), their sync
// (lib/sync.js), one alarm per list, and the status the extension pages
// read. background.js hands it the browser, storage and the core, and
// routes the list messages here.
//
// Each list syncs on its own: its own URL, keys, list id, sync state,
// back-off and alarm ("list-sync" for the detection list, "list-sync:<id>"
// for a grants list). A list request is a plain GET of the list URL: it
// names no page the user visits.

import { createLists, LIST_ERROR_KEY, peekId } from './lists.js';
import { createSubscriptions, checkNew, errorKey, syncKey } from './subscriptions.js';
import { DEFAULT_CONFIG, firstAttemptAt, freshness, MIN_ALARM_MS, normalizeState, syncOnce } from './sync.js';
import { sha256Hex } from './hash.js';
import { precheckEnvelope } from './precheck.js';
import { normalizeSettings, SETTINGS_KEY } from './settings.js';
import { errorReply } from './dispatcher.js';

export const SYNC_ALARM = 'list-sync';
export const SYNC_KEY = 'sync';
const PREFIX = `${SYNC_ALARM}:`;

/**
 * Public view of a list's info: no selector set, freshness recomputed now
 * against its sync state (sync.js, freshness).
 * @param {any} info
 * @param {any} sync the stored sync state, or null
 * @param {number} [now]
 */
export function listStatus(info, sync, now = Date.now()) {
  if (!info) return null;
  const { selectors, hosts, tokens, link_words: linkWords, ...rest } = info;
  const f = freshness(info, sync, now);
  return { ...rest, freshness: f, stale: f === 'stale', selectors: selectors?.length ?? 0 };
}

/**
 * @param {{
 *   ext: any,
 *   store: {get: Function, set: Function, remove: Function},
 *   core: any,
 *   mark?: (name: string) => void,
 *   onHosts?: (hosts: string[]) => void,
 *   fetch?: typeof fetch,
 *   random?: () => number,
 *   readPackaged?: (path: string) => Promise<string>,
 * }} deps
 *   fetch fetches list URLs; readPackaged reads a file of the package (the
 *   bundled list and keys); both default to the browser's (tests pass
 *   their own).
 */
export function createListService(deps) {
  const { ext, store, core } = deps;
  const random = deps.random ?? Math.random;
  const doFetch = deps.fetch ?? ((/** @type {any} */ u, /** @type {any} */ i) => fetch(u, i));
  const getSettings = async () => normalizeSettings(await store.get('local', SETTINGS_KEY, null));
  const readPackaged = deps.readPackaged ?? ((/** @type {string} */ path) => fetch(ext.runtime.getURL(path)).then((r) => r.text()));
  const bundledEnvelope = () => readPackaged('list/default.signed.json');

  /** The public keys pinned in the package (list/keys.json, written by build.mjs). */
  async function bundledKeys() {
    return [JSON.parse(await readPackaged('list/keys.json'))].flat();
  }

  /** Keys that may sign the synced detection list: the user's pinned keys, else the bundled ones. */
  async function syncKeys() {
    const settings = await getSettings();
    if (settings.keys.length > 0) return settings.keys;
    try {
      return await bundledKeys();
    } catch {
      return [];
    }
  }

  /** The id the synced detection list must carry: the configured one, else the bundled list's. */
  async function syncListId() {
    const settings = await getSettings();
    if (settings.listId) return settings.listId;
    try {
      return peekId(await bundledEnvelope());
    } catch {
      return '';
    }
  }

  const subs = createSubscriptions({ storage: store, core });

  const lists = createLists({
    storage: store,
    core,
    mark: deps.mark,
    loadBundled: async () => {
      const [envelope, keys] = await Promise.all([bundledEnvelope(), bundledKeys()]);
      return { envelope, keys };
    },
    syncKeys,
    syncListId,
    // A core (re)started holds no grants list: load them all again.
    afterLoad: () => subs.loadAll(),
    // A stored synced list failed verification: fetch again now (the sync
    // waits for this load to end).
    onFallback: () => {
      getSettings().then((s) => s.listUrl && runSync(''));
    },
  });

  /** Follows the loaded detection list's hosts. */
  async function followHosts() {
    const info = await lists.ensure();
    if (info) deps.onHosts?.(info.hosts);
  }

  /** @param {string} listId '' for the detection list */
  const alarmName = (listId) => (listId ? PREFIX + listId : SYNC_ALARM);

  /** @param {string} name @param {number} when */
  async function schedule(name, when) {
    try {
      await ext.alarms.create(name, { when: Math.max(when, Date.now() + MIN_ALARM_MS) });
    } catch {
      // alarms unavailable: the next start retries
    }
  }

  /**
   * One attempt for one list, against its own state.
   * @param {string} listId '' for the detection list
   */
  async function attempt(listId) {
    const settings = await getSettings();
    const detection = await lists.ensure();
    /** @type {{stateKey: string, url: string, keys: any[], info: any, load: (req: any) => Promise<any>, commit: (envelope: string, info: any) => Promise<boolean>}} */
    let src;
    if (!listId) {
      const [keys, id] = await Promise.all([syncKeys(), syncListId()]);
      src = {
        stateKey: SYNC_KEY,
        url: settings.listUrl,
        keys,
        info: detection,
        load: async (req) => {
          const res = await core.loadList(id ? { ...req, list_id: id } : req);
          if (!res.ok) lists.reset(); // make sure the last good list is what the core holds
          return res;
        },
        commit: (envelope, info) => lists.commit(envelope, info),
      };
    } else {
      const sub = (await subs.all()).find((s) => s.listId === listId);
      if (!sub) {
        await ext.alarms.clear(alarmName(listId)).catch(() => {});
        return null;
      }
      src = {
        stateKey: syncKey(listId),
        url: sub.url,
        keys: sub.keys,
        info: subs.info(listId),
        // A refused list leaves the core's copy of this list (and every
        // other) as it was.
        load: (req) => core.loadList({ ...req, list_id: listId, extra: true }),
        commit: (envelope, info) => subs.commit(sub, envelope, info),
      };
    }
    const result = await syncOnce({
      state: normalizeState(await store.get('local', src.stateKey, null)),
      url: src.url,
      current: { version: src.info?.version ?? 0, sha256: src.info?.sha256 ?? '' },
      now: Date.now,
      random,
      fetch: doFetch,
      sha256: sha256Hex,
      verify: async (envelope, minVersion) => {
        // Refused here, a forged or damaged download never reaches (and
        // never grows) the core's memory (lib/precheck.js).
        const pre = await precheckEnvelope(envelope, src.keys);
        if (!pre.ok) return pre;
        return src.load({ envelope, keys: src.keys, min_version: minVersion, now: new Date().toISOString() });
      },
      commit: src.commit,
      config: { ...DEFAULT_CONFIG, intervalMs: settings.syncMinutes * 60_000 },
    });
    // Only this list's records: its sync state (and, on commit, its list).
    await store.set('local', { [src.stateKey]: result.state });
    if (src.url) await schedule(alarmName(listId), result.state.nextAt);
    if (!listId) await followHosts();
    return result;
  }

  /** In-flight attempts by list id. @type {Map<string, Promise<any>>} */
  const syncing = new Map();

  /**
   * Runs one sync attempt of a list (one at a time per list) and schedules
   * its next.
   * @param {string} listId '' for the detection list
   */
  function runSync(listId) {
    let p = syncing.get(listId);
    if (!p) {
      p = attempt(listId).finally(() => syncing.delete(listId));
      syncing.set(listId, p);
    }
    return p;
  }

  /**
   * Makes sure every list with a URL has its alarm, and no other list has
   * one. A list never tried, or due while the browser was closed, gets its
   * first attempt at a random time within a window (sync.js, firstAttemptAt).
   */
  async function ensureSyncAlarms() {
    const [settings, all] = await Promise.all([getSettings(), subs.all()]);
    /** @type {[string, string][]} alarm name and sync state key of each list with a URL */
    const want = all.map((s) => [alarmName(s.listId), syncKey(s.listId)]);
    if (settings.listUrl) want.push([SYNC_ALARM, SYNC_KEY]);
    try {
      for (const a of await ext.alarms.getAll()) {
        if ((a.name === SYNC_ALARM || a.name.startsWith(PREFIX)) && !want.some(([n]) => n === a.name)) await ext.alarms.clear(a.name);
      }
      for (const [name, key] of want) {
        if (await ext.alarms.get(name)) continue;
        const state = normalizeState(await store.get('local', key, null));
        await schedule(name, firstAttemptAt(state.nextAt, Date.now(), random));
      }
    } catch {
      // alarms unavailable: the next start retries
    }
  }

  /** The status of every grants list, in subscription order. */
  async function subscriptionStatus() {
    await lists.ensure();
    const all = await subs.all();
    return Promise.all(
      all.map(async (s) => {
        const [sync, error] = await Promise.all([store.get('local', syncKey(s.listId), null), store.get('local', errorKey(s.listId), null)]);
        return { listId: s.listId, url: s.url, keys: s.keys.map((k) => k.id), list: listStatus(subs.info(s.listId), sync), sync: normalizeState(sync), error };
      }),
    );
  }

  return {
    lists,
    subs,
    followHosts,
    runSync,
    ensureSyncAlarms,
    getSettings,
    subscriptionStatus,
    /** The detection list's status for the popup and the options page. */
    async detectionStatus() {
      const [info, sync, listError] = await Promise.all([lists.ensure(), store.get('local', SYNC_KEY, null), store.get('local', LIST_ERROR_KEY, null)]);
      return { list: listStatus(info, sync), sync: normalizeState(sync), listError };
    },
    /** Handles an alarm; answers whether it was a list's. @param {string} name */
    onAlarm(name) {
      if (name === SYNC_ALARM) runSync('');
      else if (name.startsWith(PREFIX)) runSync(name.slice(PREFIX.length));
      else return false;
      return true;
    },
    /**
     * Saves settings from the options page. When the detection list's
     * source changed, its sync starts over and runs at once (the answer
     * says how it went); other keys or another list id take the rotation
     * path (SECURITY.md, "Recovering from a signing mistake").
     * @param {any} changes
     */
    async setSettings(changes) {
      const before = await getSettings();
      const settings = normalizeSettings({ ...before, ...changes });
      if (settings.listUrl && !/^https?:\/\//i.test(settings.listUrl)) {
        return errorReply('bad_request', 'The list URL must start with https:// or http://.');
      }
      if (settings.listId && (await subs.all()).some((s) => s.listId === settings.listId)) {
        return errorReply('bad_request', `The list ${settings.listId} is subscribed under "Other lists"; remove it there first.`);
      }
      const items = /** @type {Record<string, unknown>} */ ({ [SETTINGS_KEY]: settings });
      const rotated = JSON.stringify(settings.keys) !== JSON.stringify(before.keys) || settings.listId !== before.listId;
      const moved = settings.listUrl !== before.listUrl || rotated;
      if (moved) items[SYNC_KEY] = null; // a new source starts without an ETag or back-off
      if (!(await store.set('local', items))) return errorReply('storage', 'The settings could not be saved.');
      // The synced list and its version are forgotten; a new mirror of the
      // same list keeps both.
      if (rotated) {
        await lists.forgetSynced();
        await followHosts();
      }
      await ext.alarms.clear(SYNC_ALARM).catch(() => {});
      /** @type {any} */
      let synced = null;
      if (moved && settings.listUrl) {
        const r = await runSync('');
        synced = { outcome: r.outcome, sync: r.state };
      }
      await ensureSyncAlarms();
      return { ok: true, settings, synced };
    },
    /**
     * Adds a grants list and syncs it at once; answers the first attempt's
     * outcome. Bad input changes nothing.
     * @param {{url: string, listId: string, keys: any[]}} input
     */
    async addSubscription(input) {
      const detection = await lists.ensure();
      const checked = await checkNew(input, await subs.all(), detection?.id ?? (await syncListId()));
      if (!checked.ok) return checked;
      if (!(await subs.add(checked.sub))) return errorReply('storage', 'The subscription could not be saved.');
      const r = await runSync(checked.sub.listId);
      return { ok: true, listId: checked.sub.listId, outcome: r?.outcome ?? 'skipped', sync: r?.state ?? null, subscriptions: await subscriptionStatus() };
    },
    /** @param {string} listId */
    async removeSubscription(listId) {
      if (!(await subs.remove(listId))) return errorReply('bad_request', `No subscription has the list id ${listId}.`);
      await ext.alarms.clear(alarmName(listId)).catch(() => {});
      return { ok: true, subscriptions: await subscriptionStatus() };
    },
    /**
     * Syncs one list now ('' or absent: the detection list).
     * @param {string} [listId]
     */
    async syncNow(listId = '') {
      if (listId && !(await subs.all()).some((s) => s.listId === listId)) return errorReply('bad_request', `No subscription has the list id ${listId}.`);
      const result = await runSync(listId);
      const sync = result?.state ?? null;
      const info = listId ? subs.info(listId) : await lists.ensure();
      return { ok: true, listId, outcome: result?.outcome ?? 'skipped', sync, list: listStatus(info, sync) };
    },
  };
}
