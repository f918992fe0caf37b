// Network observation for the service worker: which requests to watch, and a
// bounded per-tab, per-frame buffer of what was seen, kept as plain objects
// so that it can live in storage.session (the service worker may be evicted
// between two requests).
//
// Observation only: the listener is registered without "blocking" or
// "requestBody", so PartnerWatch never delays, changes or cancels a request.
// It watches only the hosts the loaded list names (ListInfo.hosts: script,
// frame and link signal hosts and authorize endpoints), so an ordinary
// request to any other host never reaches the extension at all.
//
// What a frame's observation gets (requestsFor): a subframe gets its own
// requests; the top frame gets the requests of every frame of the tab, so
// that a widget loaded by a cross-origin frame, or by a script the content
// script cannot see, is reported for the page the user is looking at.
//
// A request belongs to the frame that made it; an iframe's own document
// request (type sub_frame) belongs to the frame that embeds it, since that
// frame is where the iframe element is. A top-level navigation commit clears
// the tab's buffer; a subframe's commit clears that frame's requests.
// Requests stamped before the latest commit are ignored, because webRequest
// and webNavigation events may arrive in either order.
//
// Bounds: a hostile page cannot make the buffer grow without end. Each URL is
// cut to MAX_URL_BYTES, identical requests are kept once, each frame keeps
// at most MAX_FRAME_REQUESTS and each tab MAX_TAB_REQUESTS requests across at
// most MAX_FRAMES frames; the first requests are kept, later ones counted in
// "dropped".

import { MaxRequests, MaxURLBytes } from './bounds.js';
import { cutUTF8, utf8Length } from './utf8.js';

/** Request types fed to the core, as both browsers name them. */
export const WATCHED_TYPES = /** @type {const} */ (['script', 'sub_frame', 'xmlhttprequest']);

/** At most this many URL match patterns are registered. */
export const MAX_PATTERNS = 2000;
/** Bytes kept of a request URL (less than MaxURLBytes: session storage is small). */
export const MAX_URL_BYTES = Math.min(2048, MaxURLBytes);
/** Requests kept per frame. */
export const MAX_FRAME_REQUESTS = 64;
/** Requests kept per tab, all frames together. */
export const MAX_TAB_REQUESTS = Math.min(256, MaxRequests);
/** Frames tracked per tab. */
export const MAX_FRAMES = 32;

/**
 * @typedef {{url: string, type: string}} Request an Observation.requests entry
 * @typedef {{reqs: Request[], dropped: number}} FrameBuffer
 * @typedef {{v: 1, since: number, doc?: string, frames: Record<string, FrameBuffer>, total: number, dropped: number}} TabBuffer
 *   doc: the top document's ID at the last top-level commit (Chrome's documentId; absent in Firefox)
 * @typedef {{tabId?: number, frameId?: number, parentFrameId?: number, type?: string, url?: string, timeStamp?: number,
 *   initiator?: string, originUrl?: string, documentUrl?: string, documentLifecycle?: string,
 *   documentId?: string, parentDocumentId?: string}} RequestDetails the subset of
 *   webRequest details read here (Chrome names the page "initiator", Firefox "originUrl"/"documentUrl";
 *   documentLifecycle is Chrome's)
 */

/** A DNS name of labels, or an IPv4 address: what a match pattern's host may be. */
const HOST_RE = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Turns the list's hosts into webRequest URL match patterns. An exact host
 * "connect.facebook.net" becomes "*://connect.facebook.net/*"; a suffix
 * "*.intercom.io" becomes "*://*.intercom.io/*", which matches intercom.io
 * and every subdomain, as the list's suffix patterns do. Hosts that no
 * browser would accept in a match pattern (ports, paths, inner wildcards,
 * upper case, IPv6) are left out rather than making registration fail; exact
 * hosts already covered by a suffix are left out too. The answer is sorted
 * and has at most MAX_PATTERNS entries.
 * @param {unknown} hosts ListInfo.hosts
 * @returns {string[]}
 */
export function urlPatterns(hosts) {
  if (!Array.isArray(hosts)) return [];
  /** @type {Set<string>} */
  const suffixes = new Set();
  /** @type {Set<string>} */
  const exact = new Set();
  for (const h of hosts) {
    if (typeof h !== 'string') continue;
    const wild = h.startsWith('*.');
    const name = wild ? h.slice(2) : h;
    if (!HOST_RE.test(name)) continue;
    // A suffix must name a domain, not a whole top-level domain or an address.
    if (wild && (!name.includes('.') || /^[\d.]+$/.test(name))) continue;
    (wild ? suffixes : exact).add(name);
  }
  const covered = (/** @type {string} */ name) => {
    for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
      if (suffixes.has(name.slice(i + 1))) return true;
    }
    return suffixes.has(name);
  };
  const out = [];
  for (const s of suffixes) out.push(`*://*.${s}/*`);
  for (const e of exact) if (!covered(e)) out.push(`*://${e}/*`);
  return out.sort().slice(0, MAX_PATTERNS);
}

/**
 * The filter for webRequest.onBeforeRequest.addListener(fn, filter): the
 * list's hosts and the watched request types. Null when there is nothing to
 * watch (no list yet), so that the caller registers no listener rather than
 * one that sees every request.
 * @param {unknown} hosts ListInfo.hosts
 * @returns {{urls: string[], types: string[]}|null}
 */
export function requestFilter(hosts) {
  const urls = urlPatterns(hosts);
  return urls.length ? { urls, types: [...WATCHED_TYPES] } : null;
}

/**
 * Whether a request was made by an extension (ours included) rather than by
 * the page: such requests are never fed to the core, so that the list fetch
 * or another extension's traffic cannot show up as a page's widget.
 * @param {RequestDetails} d
 * @returns {boolean}
 */
export function fromExtension(d) {
  for (const u of [d.initiator, d.originUrl, d.documentUrl]) {
    if (typeof u === 'string' && /^(chrome|moz|safari-web)-extension:/i.test(u)) return true;
  }
  return false;
}

/**
 * Converts webRequest details to an Observation.requests entry, or null when
 * the request is not one to feed to the core: no tab (the service worker's
 * own fetches have tabId -1), a type not watched, a URL that is not http(s),
 * or a request made by an extension. The URL loses its fragment and user
 * information and is cut to MAX_URL_BYTES.
 * @param {RequestDetails} d
 * @returns {Request|null}
 */
export function toRequest(d) {
  if (!d || typeof d !== 'object') return null;
  if (typeof d.tabId !== 'number' || d.tabId < 0) return null;
  if (typeof d.type !== 'string' || !(/** @type {readonly string[]} */ (WATCHED_TYPES)).includes(d.type)) return null;
  if (typeof d.url !== 'string' || fromExtension(d)) return null;
  let u;
  try {
    u = new URL(d.url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  return { url: cutUTF8(u.href, MAX_URL_BYTES), type: d.type };
}

/**
 * The frame a request is attributed to: the frame that made it, except for
 * an iframe's own document request, which belongs to the embedding frame.
 * @param {RequestDetails} d
 * @returns {number} a frame ID, or -1 when the details name none
 */
export function frameOf(d) {
  const own = typeof d.frameId === 'number' && d.frameId >= 0 ? d.frameId : -1;
  if (d.type === 'sub_frame') return typeof d.parentFrameId === 'number' && d.parentFrameId >= 0 ? d.parentFrameId : own;
  return own;
}

/** @returns {TabBuffer} an empty buffer */
export function emptyBuffer() {
  return { v: 1, since: 0, frames: {}, total: 0, dropped: 0 };
}

/**
 * Repairs a buffer read from storage: anything malformed becomes empty, and
 * the bounds hold again whatever was stored.
 * @param {unknown} raw
 * @returns {TabBuffer}
 */
export function normalizeBuffer(raw) {
  const b = emptyBuffer();
  const r = /** @type {any} */ (raw);
  if (!r || typeof r !== 'object' || r.v !== 1 || !r.frames || typeof r.frames !== 'object') return b;
  b.since = Number.isFinite(r.since) ? r.since : 0;
  if (typeof r.doc === 'string' && r.doc.length <= 64) b.doc = r.doc;
  b.dropped = Number.isSafeInteger(r.dropped) && r.dropped > 0 ? r.dropped : 0;
  for (const [id, f] of Object.entries(r.frames)) {
    if (Object.keys(b.frames).length >= MAX_FRAMES) break;
    // Firefox's frame IDs are large (2^34 and up), though safe integers.
    if (!/^\d{1,16}$/.test(id) || !Number.isSafeInteger(Number(id)) || !f || typeof f !== 'object' || !Array.isArray(/** @type {any} */ (f).reqs)) continue;
    const fb = /** @type {any} */ (f);
    /** @type {Request[]} */
    const reqs = [];
    for (const q of fb.reqs) {
      if (reqs.length >= MAX_FRAME_REQUESTS || b.total >= MAX_TAB_REQUESTS) break;
      if (q && typeof q.url === 'string' && typeof q.type === 'string' && (q.url.length <= MAX_URL_BYTES / 3 || utf8Length(q.url) <= MAX_URL_BYTES) && (/** @type {readonly string[]} */ (WATCHED_TYPES)).includes(q.type)) {
        reqs.push({ url: q.url, type: q.type });
        b.total++;
      }
    }
    b.frames[id] = { reqs, dropped: Number.isSafeInteger(fb.dropped) && fb.dropped > 0 ? fb.dropped : 0 };
  }
  return b;
}

/**
 * Adds a request to a tab's buffer, in place.
 * @param {TabBuffer} buf
 * @param {RequestDetails} details webRequest details of a request of this tab
 * @returns {boolean} whether the buffer changed (a new request was kept)
 */
export function addRequest(buf, details) {
  const req = toRequest(details);
  if (!req) return false;
  const frame = frameOf(details);
  if (frame < 0) return false;
  if (typeof details.timeStamp === 'number' && details.timeStamp < buf.since) return false;
  // A document that is being unloaded (Chrome: "pending_deletion"), kept
  // in the back/forward cache or prerendered is not the page the tab shows:
  // the old page's late requests, stamped after the new page's commit, must
  // not count for the new page. (The live parity test caught them.)
  if (typeof details.documentLifecycle === 'string' && details.documentLifecycle !== 'active') return false;
  // Chrome names the document too: a request of the top frame (or an
  // iframe it embeds) must come from the document committed last.
  if (frame === 0 && buf.doc) {
    const doc = details.type === 'sub_frame' ? details.parentDocumentId : details.documentId;
    if (typeof doc === 'string' && doc !== buf.doc) return false;
  }
  const key = String(frame);
  let f = buf.frames[key];
  if (f && f.reqs.some((q) => q.url === req.url && q.type === req.type)) return false;
  if (!f) {
    if (Object.keys(buf.frames).length >= MAX_FRAMES) {
      buf.dropped++;
      return false;
    }
    f = buf.frames[key] = { reqs: [], dropped: 0 };
  }
  if (f.reqs.length >= MAX_FRAME_REQUESTS || buf.total >= MAX_TAB_REQUESTS) {
    f.dropped++;
    buf.dropped++;
    return false;
  }
  f.reqs.push(req);
  buf.total++;
  return true;
}

/**
 * Applies a committed navigation (webNavigation.onCommitted), in place: the
 * top frame's commit empties the buffer and ignores anything stamped before
 * it from now on; a subframe's commit forgets that frame's requests.
 * @param {TabBuffer} buf
 * @param {{frameId?: number, timeStamp?: number, documentId?: string}} details
 * @returns {boolean} whether the buffer changed
 */
export function commitNavigation(buf, details) {
  const frame = typeof details?.frameId === 'number' ? details.frameId : -1;
  if (frame === 0) {
    let changed = buf.total > 0 || buf.dropped > 0 || Object.keys(buf.frames).length > 0;
    buf.frames = {};
    buf.total = 0;
    buf.dropped = 0;
    const doc = /** @type {any} */ (details).documentId;
    if (typeof doc === 'string' && doc.length <= 64) {
      changed ||= buf.doc !== doc;
      buf.doc = doc;
    } else delete buf.doc;
    if (typeof details.timeStamp === 'number' && details.timeStamp > buf.since) {
      buf.since = details.timeStamp;
      return true;
    }
    return changed;
  }
  const f = buf.frames[String(frame)];
  if (!f) return false;
  buf.total -= f.reqs.length;
  delete buf.frames[String(frame)];
  return true;
}

/**
 * The requests to put in a frame's observation: the frame's own, and for the
 * top frame (ID 0) those of every frame of the tab, each request once, at
 * most MaxRequests. Never null; a fresh array the caller may keep.
 * @param {TabBuffer} buf
 * @param {number} frameId
 * @returns {Request[]}
 */
export function requestsFor(buf, frameId) {
  if (frameId !== 0) return (buf.frames[String(frameId)]?.reqs ?? []).map((q) => ({ ...q }));
  const ids = Object.keys(buf.frames)
    .map(Number)
    .sort((a, b) => a - b);
  /** @type {Request[]} */
  const out = [];
  const seen = new Set();
  for (const id of ids) {
    for (const q of buf.frames[String(id)].reqs) {
      const k = `${q.type} ${q.url}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ ...q });
      if (out.length >= MaxRequests) return out;
    }
  }
  return out;
}
