// A cheap signature check before the core sees a downloaded list.
//
// The core (wasm/list Verify) is the one verifier: it decides every list.
// But its memory is WebAssembly linear memory, which grows to hold the
// largest request it was given and never shrinks, and decoding a large
// envelope there costs seconds. So a download is first checked here, in
// JavaScript memory that the garbage collector returns: the envelope's
// shape, a signature by a pinned key, and that signature (WebCrypto
// Ed25519 over SignaturePrefix and the payload bytes, as wasm/list signs).
// An envelope that fails is refused with the code the core would give
// (bad_envelope, unknown_key, bad_signature) and never reaches the core; one
// that passes goes to the core, which checks everything again. Where the
// browser has no Ed25519 in WebCrypto, the shape and key checks still run
// and the signature is left to the core.
//
// unit test: test/unit/precheck.test.mjs holds this check to the core's
// verdict on the same envelopes.

import { SignaturePrefix } from './bounds.js';

/** Signatures looked at, as wasm/list.MaxSignatures. */
const MAX_SIGNATURES = 16;

/**
 * @typedef {{ok: true, signature: 'verified'|'unchecked'} | {ok: false, error: {code: string, message: string}}} Precheck
 */

/**
 * @param {string} code
 * @param {string} message
 * @returns {Precheck}
 */
const refuse = (code, message) => ({ ok: false, error: { code, message } });

/**
 * Decodes standard base64 to bytes; null when it is not base64.
 * @param {string} s
 * @returns {Uint8Array|null}
 */
function fromBase64(s) {
  try {
    const U = /** @type {any} */ (Uint8Array);
    if (typeof U.fromBase64 === 'function') return U.fromBase64(s);
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * The payload bytes of a parsed envelope: payload_json's UTF-8, or the
 * standard base64 of payload (the form lists were signed in before); an
 * error message when it has neither, both, or a payload that does not
 * decode, in the order wasm/list's openEnvelope checks them.
 * @param {any} env
 * @returns {Uint8Array|string}
 */
export function envelopePayload(env) {
  const b64 = typeof env?.payload === 'string' && env.payload !== '';
  const json = typeof env?.payload_json === 'string' && env.payload_json !== '';
  if (!b64 && !json) return 'The envelope has no payload.';
  if (b64 && json) return 'The envelope has both payload and payload_json, want one.';
  if (json) return new TextEncoder().encode(env.payload_json);
  return fromBase64(env.payload) ?? 'The payload is not standard base64.';
}

/**
 * The payload of an envelope's text, parsed as JSON, without verifying
 * anything (null when unreadable): for hints such as the version a list
 * claims, never for trust.
 * @param {string} text
 * @returns {any}
 */
export function unverifiedPayload(text) {
  try {
    const bytes = envelopePayload(JSON.parse(text));
    return typeof bytes === 'string' ? null : JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/**
 * Checks an envelope's shape and signature against the pinned keys.
 * @param {string} text the downloaded envelope
 * @param {{id: string, public_key: string}[]} keys
 * @param {SubtleCrypto|null} [subtle] WebCrypto (globalThis.crypto.subtle by default; null: none)
 * @returns {Promise<Precheck>}
 */
export async function precheckEnvelope(text, keys, subtle = globalThis.crypto?.subtle) {
  /** @type {any} */
  let env;
  try {
    env = JSON.parse(text);
  } catch {
    return refuse('bad_envelope', 'The list is not a JSON envelope.');
  }
  if (!env || typeof env !== 'object' || Array.isArray(env)) return refuse('bad_envelope', 'The list is not a JSON envelope object.');
  if (typeof env.payload !== 'string' && typeof env.payload_json !== 'string') return refuse('bad_envelope', 'The envelope has no payload.');
  if (!Array.isArray(env.signatures) || env.signatures.length === 0) return refuse('bad_envelope', 'The envelope has no signatures.');
  if (env.signatures.length > MAX_SIGNATURES) return refuse('bad_envelope', `The envelope has more than ${MAX_SIGNATURES} signatures.`);
  // The same order of checks as wasm/list Verify, so that a refusal carries
  // the code the core would give.
  const payload = envelopePayload(env);
  if (typeof payload === 'string') return refuse('bad_envelope', payload);
  /** @type {{keyid: string, sig: Uint8Array}[]} */
  const sigs = [];
  for (const [i, s] of env.signatures.entries()) {
    if (!s || typeof s !== 'object' || typeof s.keyid !== 'string' || s.keyid === '') return refuse('bad_envelope', `Signature ${i} has no keyid.`);
    const sig = typeof s.sig === 'string' ? fromBase64(s.sig) : null;
    if (!sig || sig.length !== 64) return refuse('bad_envelope', `Signature ${i} is not a standard base64 Ed25519 signature.`);
    sigs.push({ keyid: s.keyid, sig });
  }
  env = null; // the parsed copy of the text is not needed any more
  const pinned = new Map(keys.map((k) => [k.id, k.public_key]));
  const ours = sigs.filter((s) => pinned.has(s.keyid));
  if (ours.length === 0) return refuse('unknown_key', 'The list is not signed by a pinned key.');
  if (!subtle) return { ok: true, signature: 'unchecked' };
  const prefix = new TextEncoder().encode(SignaturePrefix);
  const msg = new Uint8Array(prefix.length + payload.length);
  msg.set(prefix);
  msg.set(payload, prefix.length);
  for (const s of ours) {
    const pub = fromBase64(pinned.get(s.keyid) ?? '');
    if (!pub || pub.length !== 32) continue;
    let key;
    try {
      key = await subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
    } catch {
      return { ok: true, signature: 'unchecked' }; // no Ed25519 here: the core decides
    }
    try {
      if (await subtle.verify({ name: 'Ed25519' }, key, s.sig, msg)) return { ok: true, signature: 'verified' };
    } catch {
      return { ok: true, signature: 'unchecked' };
    }
  }
  return refuse('bad_signature', 'No signature by a pinned key verifies: the list was altered or signed with another key.');
}
