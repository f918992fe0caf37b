// The JavaScript side of the core's contract (the Go side is wasm/core/api.go):
//
//	globalThis.partnerwatch.loadList(LoadRequest JSON)   -> Response{list: ListInfo}
//	globalThis.partnerwatch.report(Observation JSON)     -> Response{report: Report}
//	globalThis.partnerwatch.inspect(InspectRequest JSON) -> Response{consent: Consent}
//	globalThis.partnerwatch.dropList(DropRequest JSON)   -> Response{}
//	globalThis.partnerwatch.version()                    -> Response{version: VersionInfo}
//	globalThis.partnerwatch.snapshot()                   -> Uint8Array or null
//
// Each call takes one JSON string and answers one JSON string, either
// {"ok":true,...} or {"ok":false,"error":{"code","message","path"}}. This
// module turns them into plain objects and never throws: a missing core, a
// Go program that exited, or a malformed answer become {ok:false, error}.
// report() sends the observation in its flat form (reportFlat, lib/flat.js)
// rather than as JSON: same answer, much less work inside the core.
// loadList() goes through loadListAsync, which gives the event loop a turn
// between the load's steps: a service worker answers messages meanwhile;
// the envelope goes beside the request as a Uint8Array, or a snapshot the
// core made of the loaded list (snapshot(); lib/lists.js keeps it) in its
// place.
//
// The core is started on demand with one in-flight start promise, so that a
// service worker woken by several events at once starts it once, and it is
// started again after the Go program exited (a panic outside the recovered
// boundary, or eviction).
//
// A start that fails (core.wasm missing or corrupt, blocked by a CSP) puts
// the core "off": calls answer core_unavailable at once, without compiling
// again, until a retry time that backs off from 5 seconds, doubling, to 10
// minutes. onState hears when the core goes off (with the reason) and comes
// back, so that the service worker can show it on the toolbar badge.

/**
 * @typedef {{code: string, message: string, path?: string}} CoreError
 * @typedef {{ok: boolean, error?: CoreError, list?: any, report?: any, consent?: any, version?: any, provenance?: string[]}} CoreResponse
 */

import { encodeObservation } from './flat.js';

/** How long to wait for the Go program to publish globalThis.partnerwatch. */
const READY_TIMEOUT_MS = 10_000;

/** The first wait after a failed start, and the longest. */
export const RETRY_MIN_MS = 5_000;
export const RETRY_MAX_MS = 10 * 60_000;

/**
 * The wait before the next start after n consecutive failed starts.
 * @param {number} n at least 1
 */
export function retryDelay(n) {
  return Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(Math.max(n, 1) - 1, 20));
}

/**
 * @param {string} code
 * @param {string} message
 * @returns {CoreResponse}
 */
export function fail(code, message) {
  return { ok: false, error: { code, message } };
}

/**
 * Reports on an observation through the core's reportFlat (see flat.js):
 * the same answer as report(JSON), without JSON decoding inside the core.
 * @param {any} api @param {unknown} observation
 * @returns {string} the core's answer
 */
function reportFlat(api, observation) {
  let flat;
  try {
    flat = encodeObservation(observation);
  } catch (e) {
    return JSON.stringify(fail('bad_request', e instanceof Error ? e.message : String(e)));
  }
  return api.reportFlat(flat.text, flat.nums);
}

const encoder = new TextEncoder();

/**
 * Loads a list through the core's loadListAsync (the same answer as
 * loadList, with turns of the event loop between verifying and compiling),
 * or loadList when the core has no loadListAsync.
 * @param {any} api @param {unknown} request @param {any} go the running Go instance
 * @returns {Promise<string>|string} the core's answer
 */
function loadListYielding(api, request, go) {
  if (typeof api.loadListAsync !== 'function') return api.loadList(JSON.stringify(request));
  return new Promise((resolve, reject) => {
    // The Go program could exit before it answers.
    const watch = setInterval(() => {
      if (go?.exited) {
        clearInterval(watch);
        reject(new Error('the core exited while loading the list'));
      }
    }, 50);
    // The envelope goes beside the request as bytes: inside the request's
    // JSON it would be a string with every quote escaped once more, which
    // the core took 20-30 ms to decode on a cold start.
    // A snapshot (LoadRequest.snapshot) goes beside it the same way, in
    // place of the envelope.
    const { envelope, snapshot, ...rest } = /** @type {any} */ (request);
    const done = (/** @type {string} */ out) => {
      clearInterval(watch);
      resolve(out);
    };
    if (snapshot instanceof Uint8Array) api.loadListAsync(JSON.stringify({ ...rest, snapshot: true }), done, snapshot);
    else if (typeof envelope === 'string' && envelope !== '') api.loadListAsync(JSON.stringify(rest), done, encoder.encode(envelope));
    else api.loadListAsync(JSON.stringify(request), done);
  });
}

/**
 * Creates a core handle.
 * @param {{
 *   loadBytes: () => Promise<ArrayBuffer|Uint8Array|Response>,
 *   global?: any,
 *   mark?: (name: string) => void,
 *   now?: () => number,
 *   onState?: (state: {off: boolean, reason: string, retryAt: number}) => void,
 * }} opts
 *   loadBytes fetches core.wasm (a Response is compiled while streaming);
 *   global is where wasm_exec.js put Go and where
 *   the core publishes partnerwatch (globalThis by default); mark, when
 *   given, is told when each step of a start ends (for the cold-start
 *   benchmark); now is the clock (Date.now); onState hears the core go off
 *   and come back.
 */
export function createCore({ loadBytes, global = globalThis, mark = () => {}, now = Date.now, onState = () => {} }) {
  /** @type {Promise<any>|null} */
  let starting = null;
  /** @type {any} */
  let go = null;
  /** Consecutive failed starts, the last reason, and when to try again. */
  let failures = 0;
  let reason = '';
  let retryAt = 0;

  /** Milliseconds the last start took, for the cold-start benchmark. */
  let startMs = 0;

  async function start() {
    if (typeof global.Go !== 'function') throw new Error('wasm_exec.js is not loaded');
    const t0 = performance.now();
    mark('core.start');
    const source = await loadBytes();
    go = new global.Go();
    delete global.partnerwatch;
    // A fetch Response compiles while it downloads, and lets the browser
    // cache the compiled code for the next cold start.
    const { instance } =
      source instanceof Object && typeof Response !== 'undefined' && source instanceof Response && WebAssembly.instantiateStreaming
        ? await WebAssembly.instantiateStreaming(source, go.importObject)
        : await WebAssembly.instantiate(/** @type {BufferSource} */ (source), go.importObject);
    mark('core.instantiated');
    // run resolves only when the Go program exits; it must not be awaited.
    const running = go.run(instance);
    running.catch(() => {}).finally(() => {
      starting = null;
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!global.partnerwatch) {
      if (go.exited) throw new Error('the core exited while starting');
      if (Date.now() > deadline) throw new Error('the core did not start in time');
      await new Promise((r) => setTimeout(r, 5));
    }
    startMs = performance.now() - t0;
    mark('core.ready');
    return global.partnerwatch;
  }

  /** @returns {Promise<any>} the partnerwatch object */
  function ensure() {
    if (go && go.exited) starting = null;
    if (!starting) {
      if (failures > 0 && now() < retryAt) return Promise.reject(new Error(`${reason} (next try in ${Math.ceil((retryAt - now()) / 1000)} s)`));
      starting = start().then(
        (api) => {
          if (failures > 0) {
            failures = 0;
            reason = '';
            retryAt = 0;
            onState({ off: false, reason: '', retryAt: 0 });
          }
          return api;
        },
        (e) => {
          starting = null;
          failures++;
          reason = String(e?.message ?? e).slice(0, 300);
          retryAt = now() + retryDelay(failures);
          onState({ off: true, reason, retryAt });
          throw e;
        },
      );
    }
    return starting;
  }

  /**
   * Calls one function of the contract.
   * @param {'loadList'|'report'|'inspect'|'dropList'|'version'} name
   * @param {unknown} [request]
   * @returns {Promise<CoreResponse>}
   */
  async function call(name, request) {
    let api;
    try {
      api = await ensure();
    } catch (e) {
      return fail('core_unavailable', `The core could not be started: ${e?.message ?? e}`);
    }
    let out;
    try {
      out =
        name === 'version'
          ? api.version()
          : name === 'report'
            ? reportFlat(api, request)
            : name === 'loadList'
              ? await loadListYielding(api, request, go)
              : api[name](JSON.stringify(request));
    } catch (e) {
      starting = null;
      return fail('internal', `The core failed: ${e?.message ?? e}`);
    }
    try {
      const parsed = JSON.parse(out);
      if (!parsed || typeof parsed !== 'object' || typeof parsed.ok !== 'boolean') {
        return fail('internal', 'The core answered in an unexpected shape.');
      }
      return parsed;
    } catch {
      return fail('internal', 'The core answered with malformed JSON.');
    }
  }

  return {
    call,
    ensure,
    /** @param {any} req */ loadList: (req) => call('loadList', req),
    /** @param {any} obs */ report: (obs) => call('report', obs),
    /** @param {any} req */ inspect: (req) => call('inspect', req),
    version: () => call('version'),
    /**
     * The core's snapshot of the loaded list (wasm/core/snapshot.go), null
     * when no list is loaded or the core cannot give one.
     * @returns {Promise<Uint8Array|null>}
     */
    async snapshot() {
      try {
        const api = await ensure();
        const bytes = typeof api.snapshot === 'function' ? api.snapshot() : null;
        return bytes instanceof Uint8Array ? bytes : null;
      } catch {
        return null;
      }
    },
    /** How long the last start took, in milliseconds. */
    get startMs() {
      return startMs;
    },
    /** Bytes of the core's WebAssembly memory now (it grows and never shrinks). */
    get memoryBytes() {
      return go?._inst?.exports?.mem?.buffer?.byteLength ?? 0;
    },
    /** Whether the core is off after a failed start (and waiting to retry). */
    get off() {
      return failures > 0;
    },
    /** Whether a started core is running now. */
    get running() {
      return !!go && !go.exited && !!global.partnerwatch;
    },
  };
}
