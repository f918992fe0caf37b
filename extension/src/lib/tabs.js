// Per-tab state and the tab's badge. A tab's reports (one per frame with
// findings), its top frame's URL and timing live in session storage under
// tab:<id>, so that they survive the service worker's eviction and die with
// the browser session. Changes to one tab's state are serialised by withTab
// within this worker's life.

import { consentBadge } from './consent.js';
import { BADGE_TEXT_COLOR, badgeFor } from './present.js';

/**
 * @typedef {{frames: Record<string, {report: any, at: number}>, url?: string, timing?: any}} TabState
 * @typedef {(name: string, subs?: string[]) => string} Translate
 */

/** The session storage key of a tab's state. @param {number} tabId */
export const tabKey = (tabId) => `tab:${tabId}`;

/**
 * The badge for a tab: a consent screen's warning wins over the widgets of
 * the page it is on; a dismissed warning leaves it neutral.
 * @param {{warning: any}|null} consent
 * @param {Record<string, {report: any}>} frames
 * @param {Translate} t
 * @param {any} [dismissals]
 */
export function tabBadge(consent, frames, t, dismissals = null) {
  return consent ? consentBadge(consent.warning) : badgeFor(frames, t, dismissals);
}

/**
 * The report standing for a tab: the given frame's, else the top frame's,
 * else any frame's.
 * @param {Record<string, {report: any}>} frames
 * @param {number} [frameId]
 */
export function tabReport(frames, frameId = 0) {
  return frames[frameId]?.report ?? frames[0]?.report ?? Object.values(frames)[0]?.report ?? null;
}

/**
 * Serialises work on one key (a tab): each call runs after the previous
 * one for the same key has settled.
 */
export function createLocks() {
  /** @type {Map<number, Promise<unknown>>} */
  const locks = new Map();
  /**
   * @template T
   * @param {number} tabId
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  return function withTab(tabId, fn) {
    const prev = locks.get(tabId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => {});
    locks.set(tabId, tail);
    tail.then(() => {
      if (locks.get(tabId) === tail) locks.delete(tabId);
    });
    return next;
  };
}

/**
 * Tab state and badges.
 * @param {{
 *   ext: any,
 *   store: {get: Function, set: Function, remove: Function},
 *   t: Translate,
 *   consentFor: (tabId: number) => Promise<{warning: any}|null>,
 *   dismissals: () => Promise<any>,
 * }} deps consentFor: the consent screen a tab shows (lib/netwatch.js);
 *   dismissals: the recorded dismissals (lib/dismissals.js)
 */
export function createTabs({ ext, store, t, consentFor, dismissals }) {
  const withTab = createLocks();

  /** @param {number} tabId @returns {Promise<TabState>} */
  async function read(tabId) {
    const s = await store.get('session', tabKey(tabId), null);
    return s && typeof s === 'object' && s.frames && typeof s.frames === 'object' ? s : { frames: {} };
  }

  /**
   * Draws a tab's badge from its frames' reports, its consent screen and
   * the dismissals; answers the badge.
   * @param {number} tabId
   * @param {Record<string, {report: any}>} frames
   */
  async function drawBadge(tabId, frames) {
    const [consent, d] = await Promise.all([consentFor(tabId), dismissals()]);
    const b = tabBadge(consent, frames, t, d);
    // Title and colours first, text last: whoever sees the new text (a person,
    // or a test polling the badge) also sees the title that explains it.
    try {
      await ext.action.setTitle({ tabId, title: b.title || t('extName') });
      if (b.text) {
        await ext.action.setBadgeBackgroundColor({ tabId, color: b.color });
        if (ext.action.setBadgeTextColor) await ext.action.setBadgeTextColor({ tabId, color: BADGE_TEXT_COLOR });
      }
      await ext.action.setBadgeText({ tabId, text: b.text });
    } catch {
      // the tab is gone
    }
    return b;
  }

  return {
    withTab,
    read,
    drawBadge,

    /**
     * Writes a tab's state.
     * @param {number} tabId @param {TabState} state
     */
    write: (tabId, state) => store.set('session', { [tabKey(tabId)]: state }),

    /** Draws a tab's badge from its stored state. @param {number} tabId */
    redraw: async (tabId) => drawBadge(tabId, (await read(tabId)).frames),

    /**
     * Forgets a tab's reports (it navigated) and draws its badge: empty,
     * unless the tab now shows a consent screen.
     * @param {number} tabId
     */
    async clear(tabId) {
      await store.remove('session', tabKey(tabId));
      await drawBadge(tabId, {});
    },

    /** Forgets a closed tab. @param {number} tabId */
    forget: (tabId) => store.remove('session', tabKey(tabId)),

    /** Draws the badge of every open tab again (after a dismissal is undone). */
    async redrawAll() {
      let tabs = [];
      try {
        tabs = await ext.tabs.query({});
      } catch {
        return;
      }
      for (const tab of tabs) {
        if (typeof tab.id === 'number' && tab.id >= 0) await drawBadge(tab.id, (await read(tab.id)).frames);
      }
    },
  };
}
