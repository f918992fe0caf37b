// Small validators for message payloads. A validator takes a value and its
// path and answers null when the value is acceptable, or an error message
// naming the path. Objects reject unknown fields; strings are bounded in
// UTF-8 bytes; arrays and maps are bounded in length.
//
// A large page's observation holds tens of thousands of values, and the
// service worker checks every one: containers pass their own path down
// and build an item's path (links[3].href) only when the item fails, by
// checking it once more with that path. Validators are pure, so the second
// check gives the same answer, now naming the right place.

import { utf8Length } from './utf8.js';

/** @typedef {(v: unknown, path: string) => string|null} Validator */

/**
 * @param {number} maxBytes
 * @returns {Validator}
 */
export const str = (maxBytes) => (v, path) => {
  if (typeof v !== 'string') return `${path} must be a string`;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no count.
  if (v.length * 3 <= maxBytes) return null;
  if (v.length > maxBytes || utf8Length(v) > maxBytes) return `${path} is longer than ${maxBytes} bytes`;
  return null;
};

/**
 * @param {number} min
 * @param {number} max
 * @returns {Validator}
 */
export const int = (min, max) => (v, path) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return `${path} must be an integer`;
  if (v < min || v > max) return `${path} must be between ${min} and ${max}`;
  return null;
};

/** @type {Validator} */
export const bool = (v, path) => (typeof v === 'boolean' ? null : `${path} must be true or false`);

/**
 * @param {readonly string[]} values
 * @returns {Validator}
 */
export const oneOf = (values) => (v, path) =>
  typeof v === 'string' && values.includes(v) ? null : `${path} must be one of ${values.join(', ')}`;

/**
 * @param {Validator} item
 * @param {number} max
 * @returns {Validator}
 */
export const arr = (item, max) => (v, path) => {
  if (!Array.isArray(v)) return `${path} must be an array`;
  if (v.length > max) return `${path} has more than ${max} items`;
  for (let i = 0; i < v.length; i++) {
    if (item(v[i], path) !== null) return item(v[i], `${path}[${i}]`);
  }
  return null;
};

/**
 * A plain object with string keys and bounded values.
 * @param {Validator} key
 * @param {Validator} value
 * @param {number} max
 * @returns {Validator}
 */
export const map = (key, value, max) => (v, path) => {
  if (!isPlain(v)) return `${path} must be an object`;
  const keys = Object.keys(/** @type {object} */ (v));
  if (keys.length > max) return `${path} has more than ${max} entries`;
  for (const k of keys) {
    if (key(k, path) !== null) return key(k, `${path} key`);
    const x = /** @type {any} */ (v)[k];
    if (value(x, path) !== null) return value(x, `${path}.${k}`);
  }
  return null;
};

/**
 * An object with known fields; fields named in optional may be absent.
 * Unknown fields are refused.
 * @param {Record<string, Validator>} fields
 * @param {string[]} [optional]
 * @returns {Validator}
 */
export const obj = (fields, optional = []) => {
  const entries = Object.entries(fields);
  const mayLack = new Set(optional);
  const has = Object.prototype.hasOwnProperty;
  return (v, path) => {
    if (!isPlain(v)) return `${path} must be an object`;
    const o = /** @type {Record<string, unknown>} */ (v);
    for (const k of Object.keys(o)) {
      if (!has.call(fields, k)) return `${path}.${k} is not allowed`;
    }
    for (const [k, check] of entries) {
      const x = has.call(o, k) ? o[k] : undefined;
      if (x === undefined) {
        if (mayLack.has(k)) continue;
        return `${path}.${k} is required`;
      }
      if (check(x, path) !== null) return check(x, `${path}.${k}`);
    }
    return null;
  };
};

/**
 * @param {unknown} v
 * @returns {boolean}
 */
function isPlain(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
