// Dismissals: the warnings a person chose to stop seeing, for one site or
// for a platform everywhere. They are recorded only from extension pages
// (lib/messages.js: a content script cannot dismiss) and kept in local
// storage under DISMISSALS_KEY. The pure functions read and change a
// Dismissals value; createDismissals reads and writes storage.

import { errorReply } from './dispatcher.js';

/** Storage key (local) of the dismissals. */
export const DISMISSALS_KEY = 'dismissals';

/**
 * @typedef {{sites: Record<string, string[]>, providers: string[]}} Dismissals
 * @typedef {import('./dispatcher.js').Reply} Reply
 */

/** @returns {Dismissals} */
export function emptyDismissals() {
  return { sites: {}, providers: [] };
}

/**
 * Repairs dismissals read from storage.
 * @param {unknown} raw
 * @returns {Dismissals}
 */
export function normalizeDismissals(raw) {
  const d = emptyDismissals();
  const r = /** @type {any} */ (raw);
  if (!r || typeof r !== 'object') return d;
  if (Array.isArray(r.providers)) d.providers = r.providers.filter((/** @type {unknown} */ p) => typeof p === 'string').slice(0, 1000);
  if (r.sites && typeof r.sites === 'object') {
    for (const [site, ps] of Object.entries(r.sites).slice(0, 10000)) {
      if (Array.isArray(ps)) d.sites[site] = ps.filter((p) => typeof p === 'string').slice(0, 100);
    }
  }
  return d;
}

/**
 * Whether a provider's warnings are dismissed on a site.
 * @param {Dismissals} d
 * @param {string} site
 * @param {string} provider
 */
export function isDismissed(d, site, provider) {
  return d.providers.includes(provider) || (d.sites[site] ?? []).includes(provider);
}

/**
 * Adds a dismissal to d (in place): a provider everywhere, or a provider on
 * a site.
 * @param {Dismissals} d
 * @param {'site'|'provider'} scope
 * @param {string} site
 * @param {string} provider
 */
export function addTo(d, scope, site, provider) {
  if (scope === 'provider') {
    if (!d.providers.includes(provider)) d.providers.push(provider);
    return;
  }
  const ps = (d.sites[site] ??= []);
  if (!ps.includes(provider)) ps.push(provider);
}

/**
 * Removes a dismissal from d (in place); a site left with none is dropped.
 * @param {Dismissals} d
 * @param {'site'|'provider'} scope
 * @param {string|undefined} site
 * @param {string} provider
 */
export function removeFrom(d, scope, site, provider) {
  if (scope === 'provider') d.providers = d.providers.filter((p) => p !== provider);
  else if (site && Object.hasOwn(d.sites, site)) {
    d.sites[site] = d.sites[site].filter((p) => p !== provider);
    if (d.sites[site].length === 0) delete d.sites[site];
  }
}

/**
 * The dismissals in storage.
 * @param {{store: {get: Function, set: Function}}} deps
 */
export function createDismissals({ store }) {
  /** @returns {Promise<Dismissals>} */
  async function get() {
    return normalizeDismissals(await store.get('local', DISMISSALS_KEY, null));
  }

  return {
    get,

    /**
     * Records a dismissal for a site or a provider.
     * @param {'site'|'provider'} scope
     * @param {string} site the site of the tab's report ('' when it has none)
     * @param {string} provider
     * @returns {Promise<Reply>}
     */
    async add(scope, site, provider) {
      if (scope !== 'provider' && !site) return errorReply('bad_request', 'There is no report for this page to dismiss.');
      const d = await get();
      addTo(d, scope, site, provider);
      const ok = await store.set('local', { [DISMISSALS_KEY]: d });
      return ok ? { ok: true, dismissals: d } : errorReply('storage', 'The dismissal could not be saved.');
    },

    /**
     * Undoes a dismissal.
     * @param {'site'|'provider'} scope
     * @param {string|undefined} site
     * @param {string} provider
     * @returns {Promise<Reply>}
     */
    async undo(scope, site, provider) {
      const d = await get();
      removeFrom(d, scope, site, provider);
      const ok = await store.set('local', { [DISMISSALS_KEY]: d });
      return ok ? { ok: true, dismissals: d } : errorReply('storage', 'The dismissal could not be undone.');
    },
  };
}
