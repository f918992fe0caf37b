// Launches the real browsers with the built extension, behind the test
// proxy: Debian's Chromium through playwright-core, Firefox ESR through
// puppeteer-core over WebDriver BiDi. Both drivers answer pages with the same
// small API (goto, reload, evaluate, click, waitForSelector, screenshot,
// close), so the scenarios are written once.

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
 *   piercedText?: (page: Page) => Promise<string>,
 *   noticeButton?: (page: Page, action: string) => Promise<any>,
 *   serviceWorker?: any,
 *   restartWorker?: () => Promise<void>,
 * }} Driver
 */

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
 * @returns {Promise<Driver>}
 */
export async function launchFirefox(dir, proxyPort) {
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
  };
}

/** Whether the browsers and the built extension are there. */
export function available() {
  return { chromium: existsSync(CHROMIUM), firefox: existsSync(FIREFOX) };
}
