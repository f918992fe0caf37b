// UTF-8 lengths and cuts of JavaScript strings, for the bounds that the core
// counts in UTF-8 bytes (lib/bounds.js). The content scripts, which are
// classic scripts and cannot import this module, carry the same two rules
// (content/rules.js, cut and utf8Length); test/unit/utf8.test.mjs holds the
// two copies to the same answers.

/**
 * Whether the UTF-16 units at i and i+1 are a surrogate pair.
 * @param {string} s
 * @param {number} i
 */
const pairAt = (s, i) => (s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;

/**
 * UTF-8 length of a string as TextEncoder writes it, without allocating: a
 * surrogate pair counts 4, a lone surrogate 3 (the replacement character it
 * becomes, in TextEncoder and in Go's JSON decoder alike).
 * @param {string} s
 * @returns {number}
 */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (pairAt(s, i)) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Cuts a string to at most max UTF-8 bytes without splitting a character.
 * @param {string} s
 * @param {number} max
 * @returns {string}
 */
export function cutUTF8(s, max) {
  if (s.length * 3 <= max) return s;
  let bytes = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : pairAt(s, i) ? 4 : 3;
    if (bytes + w > max) break;
    bytes += w;
    if (w === 4) i++;
  }
  return s.slice(0, i);
}
