// The content script: asks the service worker for the selector set, sends
// observations of this frame, draws the notices it is told to draw, and
// watches for widgets added later. It holds no authority and no rule logic.
//
// Late widgets: a MutationObserver notes that elements were added and
// schedules a rescan, debounced, spaced out (the interval grows on pages that
// keep changing) and run in an idle callback. The callback itself does a
// bounded amount of work per batch of mutations.

(() => {
  const api = /** @type {typeof chrome} */ (/** @type {any} */ (globalThis).browser ?? globalThis.chrome);
  const marker = Symbol.for('partnerwatch.content');
  if (/** @type {any} */ (globalThis)[marker]) return;
  /** @type {any} */ (globalThis)[marker] = true;

  const DEBOUNCE_MS = 300;
  const MAX_SCANS = 200;
  const RESEND_AFTER_MS = 30_000;
  const MAX_RECORDS_CHECKED = 200;

  const refs = new PartnerWatchCollect.Refs();
  /** @type {{selectors: string[], tokens: string[], hosts?: string[], linkWords?: string[], listVersion: number} | null} */
  let set = null;
  let scans = 0;
  let lastScanAt = 0;
  let lastSent = '';
  let lastSentAt = 0;
  let timer = 0;
  let running = false;
  /** A scan was asked for while one ran: schedule another when it ends. */
  let pendingAgain = false;
  /** The next scan sends its observation even if unchanged (pw:rescan). */
  let forceSend = false;

  /** @param {any} message */
  async function send(message) {
    try {
      const reply = await api.runtime.sendMessage(message);
      return reply && typeof reply === 'object' ? reply : { ok: false, error: { code: 'no_reply', message: 'No reply.' } };
    } catch (e) {
      return { ok: false, error: { code: 'unreachable', message: String(/** @type {any} */ (e)?.message ?? e) } };
    }
  }

  /**
   * A notice's button: "Dismiss here" hides the provider's notices in this
   * page only; "Details" asks the service worker to open the extension's
   * page for this tab, where lasting choices are made.
   * @param {'once'|'details'} action @param {string} provider
   */
  function noticeAction(action, provider) {
    if (action === 'once') PartnerWatchNotices.hide(provider);
    else if (action === 'details') send({ type: 'details' });
  }

  async function hello() {
    const r = await send({ type: 'hello' });
    if (!r.ok) return false;
    const strings = (/** @type {unknown} */ v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
    set = { selectors: strings(r.selectors), tokens: strings(r.tokens), listVersion: Number(r.listVersion) || 0 };
    // Both or neither: hosts without the words would drop links the core needs.
    if (Array.isArray(r.hosts) && Array.isArray(r.linkWords)) {
      set.hosts = strings(r.hosts);
      set.linkWords = strings(r.linkWords);
    }
    return true;
  }

  async function scan() {
    if (running) {
      pendingAgain = true;
      return;
    }
    running = true;
    try {
      if (!set && !(await hello())) return;
      scans++;
      lastScanAt = Date.now();
      /** @type {{busyMs?: number}} */
      const stats = {};
      const observation = await PartnerWatchCollect.collect(document, /** @type {any} */ (set), refs, stats);
      // The time spent working, without the pauses given to the page.
      const scanMicros = Math.round((stats.busyMs ?? 0) * 1000);
      const json = JSON.stringify(observation);
      const force = forceSend;
      forceSend = false;
      if (!force && json === lastSent && Date.now() - lastSentAt < RESEND_AFTER_MS) return;
      lastSent = json;
      lastSentAt = Date.now();
      const r = await send({ type: 'observe', json, scan: scans, scanMicros: Math.min(scanMicros, 600_000_000) });
      if (!r.ok) {
        // The list changed since hello: fetch the new selector set and scan again.
        if (r.error?.code === 'stale_selectors' || r.error?.code === 'no_list') {
          set = null;
          lastSent = '';
          pendingAgain = true;
        }
        return;
      }
      PartnerWatchNotices.render(Array.isArray(r.notices) ? r.notices : [], (ref) => refs.node(ref), noticeAction);
    } finally {
      running = false;
    }
  }

  /** Scans, then schedules another scan if one was asked for meanwhile. */
  function scanAndFollow() {
    return scan().then(() => {
      if (pendingAgain) {
        pendingAgain = false;
        schedule();
      }
    });
  }

  /** The wait before the next scan: grows once a page has been scanned often. */
  function spacing() {
    return Math.min(1000 * 2 ** Math.max(0, scans - 8), 30_000);
  }

  function schedule() {
    if (timer || scans >= MAX_SCANS) return;
    const wait = Math.max(DEBOUNCE_MS, lastScanAt + spacing() - Date.now());
    timer = setTimeout(() => {
      const run = () => {
        timer = 0;
        scanAndFollow();
      };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
      else run();
    }, wait);
  }

  const observer = new MutationObserver((records) => {
    PartnerWatchNotices.reassert();
    const n = Math.min(records.length, MAX_RECORDS_CHECKED);
    let added = records.length > MAX_RECORDS_CHECKED;
    for (let i = 0; i < n && !added; i++) {
      const r = records[i];
      if (r.type === 'attributes') {
        added = !PartnerWatchNotices.isOurs(r.target);
        continue;
      }
      for (let j = 0; j < r.addedNodes.length && j < 50; j++) {
        const node = r.addedNodes[j];
        if (node.nodeType === 1 && !PartnerWatchNotices.isOurs(node)) {
          added = true;
          break;
        }
      }
    }
    if (!added) return;
    if (running) pendingAgain = true;
    schedule();
  });

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own extension pages and service worker talk to us.
    const base = api.runtime.getURL('');
    if (!sender || sender.id !== api.runtime.id || (sender.url && !sender.url.startsWith(base))) return false;
    if (message?.type === 'pw:hide' && typeof message.provider === 'string') {
      PartnerWatchNotices.hide(message.provider);
      sendResponse({ ok: true });
    } else if (message?.type === 'pw:rescan') {
      // Also asked by the service worker when it saw new network requests for
      // this tab: send the observation even if the DOM did not change.
      set = null;
      forceSend = true;
      scanAndFollow().then(() => sendResponse({ ok: true }));
      return true;
    }
    return false;
  });

  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'href', 'action', 'class', 'id'] });
  scanAndFollow();
})();
