// User settings and their defaults.

import { NOTICE_MODES } from './messages.js';

export const SETTINGS_KEY = 'settings';

/**
 * Repairs settings read from storage or merged from the options page.
 * @param {unknown} raw
 * @returns {import('./present.js').Settings}
 */
export function normalizeSettings(raw) {
  const r = /** @type {any} */ (raw) ?? {};
  return {
    notices: NOTICE_MODES.includes(r.notices) ? r.notices : 'partners',
    listUrl: typeof r.listUrl === 'string' ? r.listUrl.trim().slice(0, 2048) : '',
    // The id a synced list must carry; empty means the bundled list's id.
    listId: typeof r.listId === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(r.listId) && r.listId.length <= 64 ? r.listId : '',
    keys: Array.isArray(r.keys)
      ? r.keys
          .filter((/** @type {any} */ k) => k && typeof k.id === 'string' && typeof k.public_key === 'string')
          .map((/** @type {any} */ k) => ({ id: k.id, public_key: k.public_key }))
          .slice(0, 8)
      : [],
    syncMinutes: Number.isSafeInteger(r.syncMinutes) && r.syncMinutes >= 15 ? r.syncMinutes : 360,
  };
}
