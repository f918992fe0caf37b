// The extension API namespace: `browser` in Firefox, `chrome` in Chromium.
// Both return promises in Manifest V3, so the rest of the code uses one name.

/** @type {typeof chrome} */
export const ext = /** @type {any} */ (globalThis).browser ?? globalThis.chrome;
