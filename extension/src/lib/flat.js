// The flat form of an observation: what the service worker hands the
// WebAssembly core instead of JSON, because decoding JSON inside
// WebAssembly is most of the cost of a report on a large page (see
// wasm/detect/flat.go, which decodes it, and BENCHMARKS.md).
//
// Two buffers: `text`, the UTF-8 bytes of every string one after the other,
// and `nums`, the bytes of a Uint32Array holding every integer (a 53-bit
// one as two: low, then high 32 bits), every string's length in bytes and
// every list's and object's length, in the order of observationLayout
// (generated from the Go types by wasm/cmd/jsbounds). An absent field is
// written as an empty one, which is what the core's JSON decoder makes of
// it.

import { observationLayout } from './layout.js';
import { utf8Length } from './utf8.js';

/** @typedef {import('./layout.js').Layout} Layout */
/** @typedef {(w: Writer, v: any) => void} Put */

/** Collects the strings and numbers of one encoding. */
class Writer {
  constructor() {
    /** @type {string[]} */
    this.strs = [];
    /** Where each string's length sits in nums, in the order of strs. @type {number[]} */
    this.lenAt = [];
    this.nums = new Uint32Array(4096);
    this.n = 0;
  }

  /** @param {number} x */
  num(x) {
    if (this.n === this.nums.length) {
      const grown = new Uint32Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.n++] = x;
  }

  /** @param {string} s */
  str(s) {
    this.lenAt.push(this.n);
    this.strs.push(s);
    this.num(s.length);
  }
}

/** @param {string} what @returns {never} */
function bad(what) {
  throw new TypeError(`The observation cannot be encoded: ${what}.`);
}

/** @type {Put} */
function putStr(w, v) {
  if (v === undefined || v === null) w.num(0);
  else if (typeof v === 'string') w.str(v);
  else bad('a string field holds something else');
}

/** @type {Put} */
function putInt(w, v) {
  if (v === undefined || v === null) w.num(0);
  else if (Number.isSafeInteger(v) && v >= 0 && v <= 0xffffffff) w.num(v);
  else bad('an integer field holds something else');
}

/** @type {Put} */
function putLong(w, v) {
  if (v === undefined || v === null) v = 0;
  if (!Number.isSafeInteger(v) || v < 0) bad('an integer field holds something else');
  w.num(v % 0x100000000);
  w.num(Math.floor(v / 0x100000000));
}

/** @param {Put} item @returns {Put} */
function putList(item) {
  return (w, v) => {
    if (v === undefined || v === null) return w.num(0);
    if (!Array.isArray(v)) bad('a list field holds something else');
    w.num(v.length);
    for (let i = 0; i < v.length; i++) item(w, v[i]);
  };
}

/** @type {Put} */
function putMap(w, v) {
  if (v === undefined || v === null) return w.num(0);
  if (typeof v !== 'object' || Array.isArray(v)) bad('an object field holds something else');
  const keys = Object.keys(v);
  w.num(keys.length);
  for (const k of keys) {
    w.str(k);
    putStr(w, v[k]);
  }
}

/**
 * Compiles a layout into one writer function.
 * @param {Layout} layout
 * @returns {Put}
 */
function compile(layout) {
  /** @type {[string, Put][]} */
  const fields = layout.map(([name, kind, sub]) => {
    switch (kind) {
      case 's':
        return [name, putStr];
      case 'i':
        return [name, putInt];
      case 'L':
        return [name, putLong];
      case 'S':
        return [name, putList(putStr)];
      case 'I':
        return [name, putList(putInt)];
      case 'M':
        return [name, putMap];
      case 'A':
        return [name, putList(compile(/** @type {Layout} */ (sub)))];
      default:
        throw new Error(`layout.js: unknown kind ${kind} of ${name}`);
    }
  });
  const names = fields.map(([name]) => name);
  const puts = fields.map(([, put]) => put);
  return (w, v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) bad('an object is something else');
    for (let i = 0; i < names.length; i++) puts[i](w, v[names[i]]);
  };
}

const putObservation = compile(observationLayout);
const encoder = new TextEncoder();
const NOT_ASCII = /[^\0-\x7f]/;

/**
 * Encodes an observation in its flat form; throws a TypeError when a field
 * holds a value of the wrong type.
 * @param {any} observation
 * @returns {{text: Uint8Array, nums: Uint8Array}}
 */
export function encodeObservation(observation) {
  const w = new Writer();
  putObservation(w, observation);
  const joined = w.strs.join('');
  const text = encoder.encode(joined);
  if (text.length !== joined.length) {
    // Not all ASCII: lengths so far count UTF-16 units, the core wants bytes.
    // Most strings of a page are still ASCII: a regular expression finds
    // the others faster than counting every string.
    for (let k = 0; k < w.strs.length; k++) if (NOT_ASCII.test(w.strs[k])) w.nums[w.lenAt[k]] = utf8Length(w.strs[k]);
  }
  return { text, nums: new Uint8Array(w.nums.buffer, 0, w.n * 4) };
}
