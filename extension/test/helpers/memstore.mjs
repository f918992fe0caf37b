// A test double of the service worker's storage (src/lib/storage.js): the
// same get/set/remove over two Maps, values cloned as storage clones them.

/** @typedef {typeof import('../../src/lib/storage.js')} store */

/**
 * Makes a storage facade over a plain Map, with the same never-throwing
 * contract as the module functions of src/lib/storage.js, which the service
 * worker uses.
 * @returns {{get: store['get'], set: store['set'], remove: store['remove'], dump: () => Record<string, any>}}
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
