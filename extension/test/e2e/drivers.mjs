// Launches the real browsers with the built extension, behind the test
// proxy: Debian's Chromium through playwright-core, Firefox ESR through
// puppeteer-core over WebDriver BiDi. Both drivers answer pages with the same
// small API (goto, reload, evaluate, click, waitForSelector, screenshot,
// close), so the scenarios are written once, and each reads the in-page
// notices from their closed shadow roots through its automation protocol
// (DevTools in Chromium, WebDriver BiDi in Firefox), which a page cannot.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * @typedef {{
 *   goto: (url: string) => Promise<unknown>,
 *   reload: () => Promise<unknown>,
 *   evaluate: <T>(fn: (arg: any) => T|Promise<T>, arg?: any) => Promise<T>,
 *   click: (selector: string) => Promise<void>,
 *   waitForSelector: (selector: string, opts?: any) => Promise<unknown>,
 *   screenshot: (opts: any) => Promise<unknown>,
 *   close: () => Promise<void>,
 *   raw: any,
 * }} Page
 * @typedef {{
 *   name: string,
 *   extBase: string,
 *   newPage: () => Promise<Page>,
 *   close: () => Promise<void>,
 *   notices: (page: Page) => Promise<Notice[]>,
 *   piercedText?: (page: Page) => Promise<string>,
 *   noticeButton?: (page: Page, action: string) => Promise<any>,
 *   serviceWorker?: any,
 *   restartWorker?: () => Promise<void>,
 * }} Driver
 */

/**
 * @typedef {{provider: string, widget: string, kind: string, alert: boolean, connected: boolean, anchored: boolean, anchorTag: string, text: string}} Notice
 */

/**
 * What a drawn notice shows, read from its host element and its closed
 * shadow root as content/notice.js builds them; null for a host that is not
 * one of ours. Run by the automation protocol in an isolated world (a
 * sandbox), out of the page scripts' reach.
 */
const DESCRIBE_NOTICE = `function describe(host, root) {
  const box = root.querySelector('.box');
  if (!box) return null;
  const anchored = !box.classList.contains('floating');
  return {
    provider: box.dataset.provider ?? '',
    widget: box.dataset.widget ?? '',
    kind: box.dataset.kind ?? '',
    alert: box.getAttribute('role') === 'alert',
    connected: host.isConnected,
    anchored,
    anchorTag: anchored ? (host.previousElementSibling?.localName ?? '') : '',
    text: root.querySelector('.text')?.textContent ?? '',
  };
}`;

/**
 * Chromium with the extension loaded unpacked.
 * @param {string} dir the built extension (dist/chrome)
 * @param {number} proxyPort
 * @param {{headless?: boolean, args?: string[]}} [opts] args: more command-line switches
 * @returns {Promise<Driver>}
 */
export async function launchChromium(dir, proxyPort, opts = {}) {
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      '--proxy-bypass-list=<-loopback>',
      // Keep http:// fixture hosts on http: no automatic HTTPS upgrade.
      '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
      '--lang=en-US',
      ...(opts.args ?? []),
    ],
  });
  let sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extBase = `chrome-extension://${new URL(sw.url()).host}/`;
  /** @param {any} p @returns {Page} */
  const wrap = (p) => ({
    goto: (url) => p.goto(url, { waitUntil: 'load' }),
    reload: () => p.reload({ waitUntil: 'load' }),
    evaluate: (fn, arg) => p.evaluate(fn, arg),
    click: (sel) => p.click(sel),
    waitForSelector: (sel, o) => p.waitForSelector(sel, o),
    screenshot: (o) => p.screenshot(o),
    close: () => p.close(),
    raw: p,
  });
  return {
    name: 'chromium',
    extBase,
    get serviceWorker() {
      return ctx.serviceWorkers()[0] ?? sw;
    },
    newPage: async () => wrap(await ctx.newPage()),
    close: () => ctx.close(),
    // The notices drawn in the top frame's document: its notice hosts with a
    // closed shadow root, found through the DevTools protocol, read in an
    // isolated world.
    async notices(page) {
      const cdp = await ctx.newCDPSession(page.raw);
      try {
        const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
        /** @type {[any, any][]} */
        const hosts = [];
        (function walk(/** @type {any} */ n) {
          const closed = (n.shadowRoots ?? []).find((/** @type {any} */ r) => r.shadowRootType === 'closed');
          if (n.localName === 'partnerwatch-notice' && closed) hosts.push([n, closed]);
          for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
        })(root);
        if (hosts.length === 0) return [];
        const { frameTree } = await cdp.send('Page.getFrameTree');
        const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'partnerwatch-e2e' });
        const out = [];
        for (const [host, shadow] of hosts) {
          const { object: h } = await cdp.send('DOM.resolveNode', { backendNodeId: host.backendNodeId, executionContextId });
          const { object: r } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, executionContextId });
          const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
            objectId: h.objectId,
            functionDeclaration: `function (root) { return (${DESCRIBE_NOTICE})(this, root); }`,
            arguments: [{ objectId: r.objectId }],
            returnByValue: true,
          });
          if (exceptionDetails) throw new Error(`reading a notice failed: ${exceptionDetails.text}`);
          if (result.value) out.push(result.value);
        }
        return out;
      } finally {
        await cdp.detach();
      }
    },
    // A button inside the notice's closed shadow root, through the DevTools
    // protocol: its centre (for a real, trusted mouse click) and a handle
    // in the page's world (for a synthetic, untrusted click).
    async noticeButton(page, action) {
      const cdp = await ctx.newCDPSession(page.raw);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      let found = null;
      (function walk(/** @type {any} */ n) {
        if (found) return;
        const attrs = n.attributes ?? [];
        if (n.localName === 'button' && attrs.includes('data-action') && attrs[attrs.indexOf('data-action') + 1] === action) found = n;
        for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
      })(root);
      if (!found) {
        await cdp.detach();
        return null;
      }
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: found.backendNodeId });
      const q = model.content;
      const x = (q[0] + q[2] + q[4] + q[6]) / 4;
      const y = (q[1] + q[3] + q[5] + q[7]) / 4;
      return {
        x,
        y,
        /** Clicks it from a page script: an untrusted click. */
        async syntheticClick() {
          const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: found.backendNodeId });
          await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { this.click(); }' });
        },
        detach: () => cdp.detach(),
      };
    },
    // The text of every closed shadow root, through the DevTools protocol,
    // which sees what the page cannot.
    async piercedText(page) {
      const cdp = await ctx.newCDPSession(page.raw);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const out = [];
      (function walk(/** @type {any} */ n, inClosed) {
        if (n.nodeType === 3 && inClosed) out.push(n.nodeValue);
        for (const c of n.children ?? []) walk(c, inClosed);
        for (const s of n.shadowRoots ?? []) walk(s, inClosed || s.shadowRootType === 'closed');
      })(root, false);
      await cdp.detach();
      return out.join(' ');
    },
  };
}

/** The Firefox add-on ID, from the built manifest. @param {string} dir */
function geckoId(dir) {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
}

/**
 * Firefox ESR with the extension installed as a temporary add-on.
 * @param {string} dir the built extension (dist/firefox)
 * @param {number} proxyPort
 * @param {{prefs?: Record<string, string|number|boolean>}} [options] more
 *   preferences, over the defaults below
 * @returns {Promise<Driver>}
 */
export async function launchFirefox(dir, proxyPort, { prefs = {} } = {}) {
  const puppeteer = (await import('puppeteer-core')).default;
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    // Firefox 153+ lets WebDriver navigate to moz-extension:// pages only
    // with system access.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.no_proxies_on': '',
      'network.proxy.share_proxy_settings': false,
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      'dom.security.https_only_mode': false,
      // A fixed internal UUID, so that extension pages have a known URL.
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(dir)]: uuid }),
      'extensions.webextOptionalPermissionPrompts': false,
      'intl.locale.requested': 'en-US',
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      ...prefs,
    },
  });
  await browser.installExtension(dir);
  /**
   * Navigates; for extension pages, whose load puppeteer does not see over
   * BiDi after the switch to the extension process, it polls the page
   * instead.
   * @param {any} p
   * @param {string} url
   */
  async function goto(p, url) {
    if (!url.startsWith('moz-extension:')) return p.goto(url, { waitUntil: 'load' });
    p.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
    const end = Date.now() + 15_000;
    for (;;) {
      try {
        const ok = await p.evaluate((/** @type {string} */ u) => location.href === u && document.readyState === 'complete', url);
        if (ok) return null;
      } catch {
        // between documents
      }
      if (Date.now() > end) throw new Error(`timed out loading ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** @param {any} p @returns {Page} */
  const wrap = (p) => ({
    goto: (url) => goto(p, url),
    reload: () => p.reload({ waitUntil: 'load' }),
    evaluate: (fn, arg) => p.evaluate(fn, arg),
    click: (sel) => p.click(sel),
    waitForSelector: (sel, o) => p.waitForSelector(sel, o),
    screenshot: (o) => p.screenshot(o),
    close: () => p.close(),
    raw: p,
  });
  return {
    name: 'firefox',
    extBase: `moz-extension://${uuid}/`,
    newPage: async () => wrap(await browser.newPage()),
    close: () => browser.close(),
    // The notices drawn in the top frame's document, through WebDriver BiDi:
    // its node serialization hands out closed shadow roots
    // (includeShadowTree "all"), read in a sandbox realm.
    async notices(page) {
      const conn = /** @type {any} */ (browser).connection;
      const target = { context: page.raw.mainFrame()._id, sandbox: 'partnerwatch-e2e' };
      /** @param {string} fn @param {any[]} args @param {any} [serialization] */
      const call = async (fn, args, serialization) => {
        const { result } = await conn.send('script.callFunction', {
          functionDeclaration: fn,
          target,
          arguments: args,
          awaitPromise: false,
          resultOwnership: 'none',
          ...(serialization ? { serializationOptions: serialization } : {}),
        });
        if (result.type !== 'success') throw new Error(`reading a notice failed: ${JSON.stringify(result.exceptionDetails?.text ?? result)}`);
        return result.result;
      };
      const hosts = await call("() => [...document.querySelectorAll('partnerwatch-notice')]", [], { includeShadowTree: 'all', maxDomDepth: 1 });
      const out = [];
      for (const h of hosts.value ?? []) {
        const shadow = h.value?.shadowRoot;
        if (!shadow || shadow.value?.mode !== 'closed') continue;
        const r = await call(`(host, root) => JSON.stringify((${DESCRIBE_NOTICE})(host, root))`, [{ sharedId: h.sharedId }, { sharedId: shadow.sharedId }]);
        const n = JSON.parse(r.value);
        if (n) out.push(n);
      }
      return out;
    },
  };
}

/** Whether the browsers and the built extension are there. */
export function available() {
  return { chromium: existsSync(CHROMIUM), firefox: existsSync(FIREFOX) };
}
