// Signs list payloads the way wasm/list does (Ed25519 over
// "PartnerWatch-list-v1\n" + payload; key ID = first 16 hex digits of the
// SHA-256 of the public key), so that tests can make new, old and tampered
// lists without the Go toolchain.

import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { envelopePayload, unverifiedPayload } from '../../src/lib/precheck.js';

const PREFIX = 'PartnerWatch-list-v1\n';

/** @param {Buffer} b */
const b64url = (b) => b.toString('base64url');

/**
 * A signing key: {id, privateKey: KeyObject, pub: {id, public_key}}.
 * @param {Buffer} seed 32 bytes
 * @param {Buffer} pubRaw 32 bytes
 */
function keyFrom(seed, pubRaw) {
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: b64url(pubRaw) }, format: 'jwk' });
  const id = createHash('sha256').update(pubRaw).digest('hex').slice(0, 16);
  return { id, privateKey, pub: { id, public_key: pubRaw.toString('base64') } };
}

/** Loads a private key file {"id","private_key": base64 of 64 bytes}. @param {string} path */
export function loadKey(path) {
  const f = JSON.parse(readFileSync(path, 'utf8'));
  const raw = Buffer.from(f.private_key, 'base64');
  return keyFrom(raw.subarray(0, 32), raw.subarray(32, 64));
}

/** A fresh key pair. */
export function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return keyFrom(Buffer.from(/** @type {string} */ (jwk.d), 'base64url'), Buffer.from(/** @type {string} */ (publicKey.export({ format: 'jwk' }).x), 'base64url'));
}

/**
 * Signs a payload object (or exact payload text).
 * @param {object|string} payload
 * @param {ReturnType<typeof newKey>} key
 * @returns {string} the envelope JSON
 */
export function signList(payload, key) {
  const bytes = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
  const sig = sign(null, Buffer.concat([Buffer.from(PREFIX, 'utf8'), bytes]), key.privateKey);
  return JSON.stringify({ payload_json: bytes.toString('utf8'), signatures: [{ keyid: key.id, sig: sig.toString('base64') }] });
}

/** The payload of an envelope, parsed. @param {string} envelope */
export function payloadOf(envelope) {
  return unverifiedPayload(envelope);
}

/**
 * A tampered copy of an envelope: one byte of the payload changed after
 * signing, signature kept.
 * @param {string} envelope
 */
export function tamper(envelope) {
  const env = JSON.parse(envelope);
  const text = new TextDecoder().decode(/** @type {Uint8Array} */ (envelopePayload(env)));
  const changed = text.replace(/"version":\s*(\d+)/, (_, v) => `"version":${Number(v) + 1}`);
  delete env.payload;
  env.payload_json = changed;
  return JSON.stringify(env);
}

/**
 * A payload derived from a base payload with a new version and times. The
 * issue time defaults to the version (Unix seconds), as listctl stamps it and
 * verification requires; pass issued to make an inconsistent one.
 * @param {any} base
 * @param {{version: number, issued?: Date, expires?: Date}} o
 */
export function withVersion(base, o) {
  const issued = o.issued ?? new Date(o.version * 1000);
  const expires = o.expires ?? new Date(issued.getTime() + 30 * 86400_000);
  const iso = (/** @type {Date} */ d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { ...base, version: o.version, issued_at: iso(issued), expires_at: iso(expires) };
}

/**
 * A grants list's payload (a list subscribed beside the detection list,
 * wasm/core/merge.go) derived from a base payload: its own id and partners,
 * no corrections, the base's catalogue and providers.
 * @param {any} base
 * @param {{id: string, version: number, partners: any[], expires?: Date}} o
 */
export function grantsPayload(base, o) {
  return { ...withVersion(base, { version: o.version, expires: o.expires }), id: o.id, partners: o.partners, corrections: [] };
}

/**
 * A partner with one grant, copied from the base payload's first grant with
 * another platform and summary.
 * @param {any} base
 * @param {{id: string, name: string, domains: string[], platform: string, summary: string}} o
 */
export function partnerWith(base, o) {
  const g = base.partners.find((/** @type {any} */ p) => p.grants.length > 0).grants[0];
  return { id: o.id, name: o.name, domains: o.domains, grants: [{ ...g, platform: o.platform, summary: o.summary }] };
}
