// The service worker (an event page in Firefox): hosts the WebAssembly core,
// keeps the list, answers the content scripts and extension pages through one
// dispatcher, draws the badge and syncs the list.
//
// It may be evicted at any time: every listener is registered at the top
// level when the script starts, all state lives in extension storage
// (session: per-tab reports; local: list, settings, dismissals, sync state),
// and the core is started again on demand.
//
// Extension points: network observation (webRequest, non-blocking) fills
// Observation.requests in observeFrame; consent inspection (webNavigation +
// core.inspect) becomes one more listener beside tabs.onUpdated. Neither is
// implemented yet.

import './core/wasm_exec.js';
import { ext } from './lib/browser.js';
import { createCore } from './lib/core.js';
import { createDispatcher, errorReply } from './lib/dispatcher.js';
import { CONTENT, PAGE } from './lib/messages.js';
import { createLists } from './lib/lists.js';
import * as store from './lib/storage.js';
import { MaxObservation } from './lib/bounds.js';
import { badgeFor, emptyDismissals, noticesFor, normalizeDismissals, tabFindings } from './lib/present.js';
import { normalizeSettings, SETTINGS_KEY, DISMISSALS_KEY } from './lib/settings.js';
import { DEFAULT_CONFIG, isStale, normalizeState, syncOnce } from './lib/sync.js';
import { sha256Hex } from './lib/hash.js';

const SYNC_ALARM = 'list-sync';
const SYNC_KEY = 'sync';
/** Start-up milestones, read by the cold-start benchmark through getStatus. */
const startedAt = Date.now();
let firstReportAt = 0;

const core = createCore({
  loadBytes: () => fetch(ext.runtime.getURL('core/core.wasm')),
});

/** How long the first list load of this worker's life took (core start included). */
let listLoadMs = 0;

const lists = createLists({
  storage: store,
  core,
  loadBundled: async () => {
    const [envelope, keys] = await Promise.all([
      fetch(ext.runtime.getURL('list/default.signed.json')).then((r) => r.text()),
      fetch(ext.runtime.getURL('list/keys.json')).then((r) => r.json()),
    ]);
    return { envelope, keys: [keys].flat() };
  },
  syncKeys,
});

/** Keys that may sign a synced list: the user's pinned keys, else the bundled ones. */
async function syncKeys() {
  const settings = await getSettings();
  if (settings.keys.length > 0) return settings.keys;
  try {
    return [await fetch(ext.runtime.getURL('list/keys.json')).then((r) => r.json())].flat();
  } catch {
    return [];
  }
}

async function getSettings() {
  return normalizeSettings(await store.get('local', SETTINGS_KEY, null));
}

async function getDismissals() {
  return normalizeDismissals(await store.get('local', DISMISSALS_KEY, null));
}

/** @param {string} name @param {string[]} [subs] */
function t(name, subs) {
  try {
    return ext.i18n.getMessage(name, subs) || '';
  } catch {
    return '';
  }
}

// ---- per-tab state ---------------------------------------------------------

const tabKey = (/** @type {number} */ tabId) => `tab:${tabId}`;

/** Serialises read-modify-write of one tab's state within this worker's life. */
const tabLocks = new Map();
/**
 * @template T
 * @param {number} tabId
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
function withTab(tabId, fn) {
  const prev = tabLocks.get(tabId) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const tail = next.catch(() => {});
  tabLocks.set(tabId, tail);
  tail.then(() => {
    if (tabLocks.get(tabId) === tail) tabLocks.delete(tabId);
  });
  return next;
}

/** @param {number} tabId @returns {Promise<{frames: Record<string, {report: any, at: number}>, url?: string, timing?: any}>} */
async function readTab(tabId) {
  const s = await store.get('session', tabKey(tabId), null);
  return s && typeof s === 'object' && s.frames && typeof s.frames === 'object' ? s : { frames: {} };
}

/** @param {number} tabId @param {Record<string, {report: any}>} frames */
async function drawBadge(tabId, frames) {
  const b = badgeFor(frames, t);
  // Title and colours first, text last: whoever sees the new text (a person,
  // or a test polling the badge) also sees the title that explains it.
  try {
    await ext.action.setTitle({ tabId, title: b.title || t('extName') });
    if (b.text) {
      await ext.action.setBadgeBackgroundColor({ tabId, color: b.color });
      if (ext.action.setBadgeTextColor) await ext.action.setBadgeTextColor({ tabId, color: '#FFFFFF' });
    }
    await ext.action.setBadgeText({ tabId, text: b.text });
  } catch {
    // the tab is gone
  }
  return b;
}

/** @param {number} tabId */
async function clearTab(tabId) {
  await store.remove('session', tabKey(tabId));
  try {
    await ext.action.setBadgeText({ tabId, text: '' });
    await ext.action.setTitle({ tabId, title: t('extName') });
  } catch {
    // the tab is gone
  }
}

// ---- handlers --------------------------------------------------------------

/** Public view of the list info: no selector set, freshness recomputed now. */
function listStatus(info) {
  if (!info) return null;
  const { selectors, hosts, ...rest } = info;
  return { ...rest, stale: isStale(info, Date.now()), selectors: selectors?.length ?? 0 };
}

/**
 * Reports on one frame's observation and updates the tab.
 * @param {any} observation
 * @param {chrome.runtime.MessageSender} sender
 * @param {number} [scanMicros] how long the content script took to collect
 */
async function observeFrame(observation, sender, scanMicros = 0) {
  const tabId = /** @type {number} */ (sender.tab?.id);
  const frameId = sender.frameId ?? 0;
  // The browser's word for the frame's URL, not the page's.
  const obs = { ...observation, url: sender.url };
  if (frameId !== 0 && sender.tab?.url) obs.top_url = sender.tab.url;
  else delete obs.top_url;
  // Network observation will add obs.requests here (webRequest, per tab and frame).
  const json = JSON.stringify(obs);
  if (json.length > MaxObservation) return errorReply('too_large', `The observation is larger than ${MaxObservation} bytes.`);
  const l0 = performance.now();
  const info = await lists.ensure();
  if (!listLoadMs) listLoadMs = performance.now() - l0;
  if (!info) return errorReply('no_list', 'No list is loaded.');
  const t0 = performance.now();
  const res = await core.report(obs);
  const reportMicros = Math.round((performance.now() - t0) * 1000);
  if (!res.ok) return { ok: false, error: res.error ?? { code: 'internal', message: 'The core failed.' } };
  const report = res.report;
  if (!firstReportAt) firstReportAt = Date.now();
  const frames = await withTab(tabId, async () => {
    const state = await readTab(tabId);
    if (report.findings.length > 0) state.frames[frameId] = { report, at: Date.now() };
    else delete state.frames[frameId];
    if (frameId === 0) {
      state.url = obs.url; // kept in session storage only, for the popup and tests
      state.timing = { scanMicros, reportMicros, at: Date.now() };
    }
    await store.set('session', { [tabKey(tabId)]: state });
    return state.frames;
  });
  await drawBadge(tabId, frames);
  const [settings, dismissals] = await Promise.all([getSettings(), getDismissals()]);
  return { ok: true, site: report.site, findings: report.findings.length, notices: noticesFor(report, settings, dismissals, t) };
}

/**
 * Records a dismissal for a site or a provider.
 * @param {'site'|'provider'} scope
 * @param {string} site
 * @param {string} provider
 */
async function addDismissal(scope, site, provider) {
  const d = await getDismissals();
  if (scope === 'provider') {
    if (!d.providers.includes(provider)) d.providers.push(provider);
  } else {
    if (!site) return errorReply('bad_request', 'There is no report for this page to dismiss.');
    const ps = (d.sites[site] ??= []);
    if (!ps.includes(provider)) ps.push(provider);
  }
  const ok = await store.set('local', { [DISMISSALS_KEY]: d });
  return ok ? { ok: true, dismissals: d } : errorReply('storage', 'The dismissal could not be saved.');
}

/** The site of a tab's report (the top frame's, else any frame's). */
async function tabSite(tabId, frameId = 0) {
  const { frames } = await readTab(tabId);
  return frames[frameId]?.report?.site ?? frames[0]?.report?.site ?? Object.values(frames)[0]?.report?.site ?? '';
}

/** Tells a tab's content scripts to hide the notices of a provider. */
async function hideInTab(tabId, provider) {
  try {
    await ext.tabs.sendMessage(tabId, { type: 'pw:hide', provider });
  } catch {
    // no content script there
  }
}

/** @type {Promise<any>|null} */
let syncing = null;

/** Runs one sync attempt (one at a time) and schedules the next. */
function runSync() {
  if (!syncing) {
    syncing = (async () => {
      const [settings, rawState] = await Promise.all([getSettings(), store.get('local', SYNC_KEY, null)]);
      const info = await lists.ensure();
      const keys = await syncKeys();
      const result = await syncOnce({
        state: normalizeState(rawState),
        url: settings.listUrl,
        current: { version: info?.version ?? 0, sha256: info?.sha256 ?? '' },
        now: Date.now,
        random: Math.random,
        fetch: (u, init) => fetch(u, init),
        sha256: sha256Hex,
        verify: async (envelope, minVersion) => {
          const res = await core.loadList({ envelope, keys, min_version: minVersion, now: new Date().toISOString() });
          if (!res.ok) lists.reset(); // make sure the last good list is what the core holds
          return res;
        },
        commit: (envelope, listInfo) => lists.commit(envelope, listInfo),
        config: { ...DEFAULT_CONFIG, intervalMs: settings.syncMinutes * 60_000 },
      });
      await store.set('local', { [SYNC_KEY]: result.state });
      if (settings.listUrl) await scheduleSync(result.state.nextAt);
      return result;
    })().finally(() => {
      syncing = null;
    });
  }
  return syncing;
}

/** @param {number} when */
async function scheduleSync(when) {
  try {
    await ext.alarms.create(SYNC_ALARM, { when: Math.max(when, Date.now() + 30_000) });
  } catch {
    // alarms unavailable: the next start retries
  }
}

/** Makes sure a sync alarm exists when a list URL is set. */
async function ensureSyncAlarm() {
  const settings = await getSettings();
  if (!settings.listUrl) {
    await ext.alarms.clear(SYNC_ALARM).catch(() => {});
    return;
  }
  const existing = await ext.alarms.get(SYNC_ALARM).catch(() => null);
  if (!existing) {
    const state = normalizeState(await store.get('local', SYNC_KEY, null));
    await scheduleSync(state.nextAt);
  }
}

/** @type {Record<string, Record<string, import('./lib/dispatcher.js').Handler>>} */
const handlers = {
  [CONTENT]: {
    async hello() {
      const [info, settings] = await Promise.all([lists.ensure(), getSettings()]);
      if (!info) return errorReply('no_list', 'No list is loaded.');
      return { ok: true, selectors: info.selectors ?? [], listVersion: info.version, notices: settings.notices };
    },
    observe: (msg, sender) => observeFrame(msg.observation, sender, msg.scanMicros),
    async dismiss(msg, sender) {
      const tabId = /** @type {number} */ (sender.tab?.id);
      const site = await tabSite(tabId, sender.frameId ?? 0);
      const reply = await addDismissal(msg.scope, site, msg.provider);
      if (reply.ok) await hideInTab(tabId, msg.provider);
      return reply;
    },
  },
  [PAGE]: {
    async getTabState(msg) {
      const [tab, info, dismissals] = await Promise.all([readTab(msg.tabId), lists.ensure(), getDismissals()]);
      const frames = tab.frames;
      const top = frames[0]?.report ?? Object.values(frames)[0]?.report ?? null;
      return {
        ok: true,
        tabId: msg.tabId,
        site: top?.site ?? '',
        partner: top?.partner ?? null,
        findings: tabFindings(frames).map((x) => ({ ...x.finding, site: x.report.site, frameId: x.frameId })),
        frames,
        badge: badgeFor(frames, t),
        list: listStatus(info),
        dismissals,
        timing: tab.timing ?? null,
      };
    },
    async getStatus() {
      const [info, settings, sync, dismissals, listError] = await Promise.all([
        lists.ensure(),
        getSettings(),
        store.get('local', SYNC_KEY, null),
        getDismissals(),
        store.get('local', 'listError', null),
      ]);
      return {
        ok: true,
        list: listStatus(info),
        settings,
        sync: normalizeState(sync),
        dismissals,
        listError,
        timing: { startedAt, firstReportAt, coreStartMs: Math.round(core.startMs), listLoadMs: Math.round(listLoadMs) },
      };
    },
    async setSettings(msg) {
      const before = await getSettings();
      const settings = normalizeSettings({ ...before, ...msg.settings });
      if (settings.listUrl && !/^https?:\/\//i.test(settings.listUrl)) {
        return errorReply('bad_request', 'The list URL must start with https:// or http://.');
      }
      const items = /** @type {Record<string, unknown>} */ ({ [SETTINGS_KEY]: settings });
      if (settings.listUrl !== before.listUrl || JSON.stringify(settings.keys) !== JSON.stringify(before.keys)) {
        items[SYNC_KEY] = null; // a new source starts without an ETag or back-off
      }
      if (!(await store.set('local', items))) return errorReply('storage', 'The settings could not be saved.');
      await ensureSyncAlarm();
      return { ok: true, settings };
    },
    async syncNow() {
      const result = await runSync();
      const info = await lists.ensure();
      return { ok: true, outcome: result.outcome, sync: result.state, list: listStatus(info) };
    },
    async dismiss(msg) {
      const site = await tabSite(msg.tabId);
      const reply = await addDismissal(msg.scope, site, msg.provider);
      if (reply.ok) await hideInTab(msg.tabId, msg.provider);
      return reply;
    },
    async undoDismissal(msg) {
      const d = await getDismissals();
      if (msg.scope === 'provider') d.providers = d.providers.filter((p) => p !== msg.provider);
      else if (msg.site && d.sites[msg.site]) {
        d.sites[msg.site] = d.sites[msg.site].filter((p) => p !== msg.provider);
        if (d.sites[msg.site].length === 0) delete d.sites[msg.site];
      }
      const ok = await store.set('local', { [DISMISSALS_KEY]: d });
      return ok ? { ok: true, dismissals: d } : errorReply('storage', 'The dismissal could not be undone.');
    },
  },
};

const dispatch = createDispatcher({ handlers, runtimeId: ext.runtime.id, extBase: ext.runtime.getURL('') });

// ---- listeners, all registered at the top level -----------------------------

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  dispatch(msg, sender).then(sendResponse, (e) => sendResponse(errorReply('internal', String(e?.message ?? e))));
  return true;
});

ext.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading' && change.url) withTab(tabId, () => clearTab(tabId));
});

ext.tabs.onRemoved.addListener((tabId) => {
  withTab(tabId, () => store.remove('session', tabKey(tabId)));
});

ext.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) runSync();
});

ext.runtime.onInstalled.addListener(() => {
  ensureSyncAlarm();
  lists.ensure();
});

ext.runtime.onStartup.addListener(() => {
  ensureSyncAlarm();
});

// Keep defaults visible to the options page even before the first change.
store.get('local', SETTINGS_KEY, null).then((s) => {
  if (!s) store.set('local', { [SETTINGS_KEY]: normalizeSettings(null), [DISMISSALS_KEY]: emptyDismissals() });
});
