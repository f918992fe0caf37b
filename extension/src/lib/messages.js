// The messages the service worker accepts, per sender kind, and the schema of
// each payload. A content script runs in pages the user visits and is treated
// as untrusted: it may only ask for the selector set, send an observation of
// its own frame and ask for the details page of its tab. It cannot record a
// dismissal: lasting choices are made on extension pages. Extension pages
// (popup, options) may read reports, dismiss (checked against the tab's
// findings), change settings and add or remove list subscriptions. Nothing
// else is accepted.

import * as B from './bounds.js';
import { observation } from './observation.js';
import { arr, bool, int, obj, oneOf, str } from './validate.js';

/** Sender kinds. */
export const CONTENT = 'content';
export const PAGE = 'page';

/** Notice settings: partner sites only (default), every widget, none. */
export const NOTICE_MODES = /** @type {const} */ (['partners', 'all', 'none']);

/** Dismissal scopes that the service worker records. "once" stays in the page. */
export const DISMISS_SCOPES = /** @type {const} */ (['site', 'provider']);

const providerId = str(64);
const tabId = int(0, 2 ** 31);

const key = obj({ id: str(64), public_key: str(128) });

/** Settings as the options page sends them. */
export const settings = obj(
  {
    notices: oneOf(NOTICE_MODES),
    listUrl: str(2048),
    listId: str(64),
    keys: arr(key, 8),
    syncMinutes: int(15, 7 * 24 * 60),
  },
  ['notices', 'listUrl', 'listId', 'keys', 'syncMinutes'],
);

/**
 * Payload schemas by sender kind and message type. The "type" field is
 * checked by the dispatcher and must be included in each schema.
 * @type {Record<string, Record<string, import('./validate.js').Validator>>}
 */
export const SCHEMAS = {
  [CONTENT]: {
    hello: obj({ type: str(32) }),
    observe: obj({ type: str(32), observation, scan: int(0, 1_000_000), scanMicros: int(0, 600_000_000) }, ['scanMicros']),
    details: obj({ type: str(32) }),
  },
  [PAGE]: {
    getTabState: obj({ type: str(32), tabId }),
    getStatus: obj({ type: str(32) }),
    setSettings: obj({ type: str(32), settings }),
    syncNow: obj({ type: str(32), listId: str(64) }, ['listId']),
    addSubscription: obj({ type: str(32), url: str(2048), listId: str(64), keys: arr(key, 8) }),
    removeSubscription: obj({ type: str(32), listId: str(64) }),
    dismiss: obj({ type: str(32), tabId, scope: oneOf(DISMISS_SCOPES), provider: providerId }),
    undoDismissal: obj(
      { type: str(32), scope: oneOf(DISMISS_SCOPES), provider: providerId, site: str(253) },
      ['site'],
    ),
    // The ledger of sign-ins (lib/ledger.js), for the ledger page.
    getLedger: obj({ type: str(32) }),
    deleteLedger: obj({ type: str(32), ids: arr(str(64), 5000), all: bool }, ['ids', 'all']),
    setLedgerRetention: obj({ type: str(32), days: int(1, 3650) }),
  },
};

/**
 * Wire decoders, applied before the schema check. A content script sends its
 * observation as one JSON string: the page's main thread then pays for one
 * JSON.stringify (which it does anyway to skip unchanged observations)
 * instead of the browser converting a large object graph, and the parsing
 * happens here, off the page's thread.
 * @type {Record<string, Record<string, (msg: any) => {ok: true, value: any} | {ok: false, error: string}>>}
 */
export const DECODERS = {
  [CONTENT]: {
    observe(msg) {
      for (const k of Object.keys(msg)) {
        if (!['type', 'json', 'scan', 'scanMicros'].includes(k)) return { ok: false, error: `message.${k} is not allowed` };
      }
      if (typeof msg.json !== 'string') return { ok: false, error: 'message.json must be a string' };
      if (msg.json.length > B.MaxObservation) return { ok: false, error: `message.json is longer than ${B.MaxObservation} bytes` };
      let observation;
      try {
        observation = JSON.parse(msg.json);
      } catch {
        return { ok: false, error: 'message.json is not JSON' };
      }
      /** @type {any} */
      const value = { type: msg.type, observation, scan: msg.scan };
      if (msg.scanMicros !== undefined) value.scanMicros = msg.scanMicros;
      return { ok: true, value };
    },
  },
};

/**
 * Tells who sent a message. The browser fills sender; a page cannot forge
 * it. Extension pages have our own origin; content scripts have a tab and a
 * frame URL that is http(s), as the manifest's content_scripts.matches are.
 * Anything else (another extension, a web page
 * through externally_connectable, which is not declared) is refused.
 * @param {chrome.runtime.MessageSender|undefined} sender
 * @param {string} runtimeId
 * @param {string} extBase the extension's base URL, runtime.getURL(''), e.g.
 *   chrome-extension://abc/ (compared as a prefix: URL.origin is "null" for
 *   extension schemes in some engines)
 * @returns {string|null} CONTENT, PAGE, or null for refused senders
 */
export function senderKind(sender, runtimeId, extBase) {
  if (!sender || sender.id !== runtimeId || !extBase.endsWith('/')) return null;
  const from = typeof sender.url === 'string' ? sender.url : '';
  if (from && from.startsWith(extBase)) return PAGE;
  // Content scripts run in http(s) frames only (the manifest's
  // content_scripts.matches; extension/README.md, "Security model").
  if (sender.tab && typeof sender.tab.id === 'number' && sender.tab.id >= 0 && /^https?:/i.test(from)) {
    return CONTENT;
  }
  return null;
}
