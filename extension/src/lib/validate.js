// Small validators for message payloads. A validator takes a value and its
// path and answers null when the value is acceptable, or an error message
// naming the path. Objects reject unknown fields; strings are bounded in
// UTF-8 bytes; arrays and maps are bounded in length.

import { utf8Length } from './utf8.js';

/** @typedef {(v: unknown, path: string) => string|null} Validator */

/**
 * @param {number} maxBytes
 * @returns {Validator}
 */
export const str = (maxBytes) => (v, path) => {
  if (typeof v !== 'string') return `${path} must be a string`;
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
    const e = item(v[i], `${path}[${i}]`);
    if (e) return e;
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
    const e = key(k, `${path} key`) || value(/** @type {any} */ (v)[k], `${path}.${k}`);
    if (e) return e;
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
export const obj = (fields, optional = []) => (v, path) => {
  if (!isPlain(v)) return `${path} must be an object`;
  const o = /** @type {Record<string, unknown>} */ (v);
  for (const k of Object.keys(o)) {
    if (!Object.prototype.hasOwnProperty.call(fields, k)) return `${path}.${k} is not allowed`;
  }
  for (const [k, check] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(o, k) || o[k] === undefined) {
      if (optional.includes(k)) continue;
      return `${path}.${k} is required`;
    }
    const e = check(o[k], `${path}.${k}`);
    if (e) return e;
  }
  return null;
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
