// How sensitive a permission, scope or grant is: the one severity order of
// the extension. It is the core's (wasm/list/severity.go, SeverityRank): low,
// medium, high, and a string the list does not define ranks as medium, the
// severity such a permission is shown with.

/** The severities, least sensitive first. */
export const SEVERITIES = /** @type {const} */ (['low', 'medium', 'high']);

/**
 * A severity's rank: low 0, medium 1, high 2; anything else 1.
 * @param {unknown} s
 * @returns {number}
 */
export function severityRank(s) {
  if (s === 'low') return 0;
  if (s === 'high') return 2;
  return 1;
}

/**
 * A known severity: the string itself, or "medium" for anything else.
 * @param {unknown} s
 * @returns {'low'|'medium'|'high'}
 */
export function severityOf(s) {
  return SEVERITIES[severityRank(s)];
}

/**
 * Compares two items with a severity field, most sensitive first (for
 * Array.prototype.sort, which keeps equals in order).
 * @param {{severity?: unknown}|null|undefined} a
 * @param {{severity?: unknown}|null|undefined} b
 */
export function bySeverity(a, b) {
  return severityRank(b?.severity) - severityRank(a?.severity);
}
