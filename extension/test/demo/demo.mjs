// `make demo`: headless Chromium screenshots of the in-page notice and of
// the popup on a partner fixture page, the options page and the ledger of
// sign-ins, into build/demo/*.png; and the store screenshots (1280x800, the
// Chrome Web Store's size) as build/demo/store-*.png, which `make release`
// ships.
//
//	node test/demo/demo.mjs --out ../build/demo

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { distChrome } from '../helpers/paths.mjs';
import { launchChromium } from '../e2e/drivers.mjs';
import { controlPage, openReported, PAGES, servePages, waitFor } from '../e2e/scenarios.mjs';
import { startServer } from '../e2e/server.mjs';
import { CONSENT_PAGES, consentTab, serveConsentPages } from '../e2e/consent.mjs';

const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : 'demo');
mkdirSync(out, { recursive: true });

const server = await startServer();
servePages(server);
serveConsentPages(server);
const driver = await launchChromium(distChrome, server.port);
try {
  const ctl = await controlPage(driver);
  const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
  await waitFor(async () => (await ctl.notices(page)).length > 0, 'the notice');
  await page.raw.setViewportSize({ width: 900, height: 560 });
  await page.screenshot({ path: join(out, 'notice.png') });
  const popup = await driver.newPage();
  await popup.raw.setViewportSize({ width: 760, height: 900 });
  await popup.goto(`${driver.extBase}popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  await popup.screenshot({ path: join(out, 'popup.png'), fullPage: true });
  const shop = await openReported(driver, ctl, PAGES.shop.url);
  const popup2 = await driver.newPage();
  await popup2.raw.setViewportSize({ width: 760, height: 400 });
  await popup2.goto(`${driver.extBase}popup/popup.html?tab=${shop.tabId}`);
  await popup2.waitForSelector('body[data-ready="true"]');
  await popup2.screenshot({ path: join(out, 'popup-neutral.png'), fullPage: true });
  const options = await driver.newPage();
  await options.raw.setViewportSize({ width: 900, height: 700 });
  await options.goto(`${driver.extBase}options/options.html`);
  await new Promise((r) => setTimeout(r, 300));
  await options.screenshot({ path: join(out, 'options.png'), fullPage: true });
  // A sign-in seen at consent time, then the ledger page.
  const signin = await openReported(driver, ctl, CONSENT_PAGES.google.url);
  await signin.page.click('#login');
  await consentTab(ctl, 'google');
  const ledger = await driver.newPage();
  await ledger.raw.setViewportSize({ width: 1100, height: 500 });
  await waitFor(async () => {
    await ledger.goto(`${driver.extBase}ledger/ledger.html`);
    await ledger.waitForSelector('body[data-ready="true"]');
    return ledger.evaluate(() => document.querySelectorAll('#signins tbody tr').length > 0);
  }, 'the sign-in in the ledger');
  await ledger.screenshot({ path: join(out, 'ledger.png'), fullPage: true });
  // Store screenshots: 1280x800.
  for (const [name, p, url] of /** @type {const} */ ([
    ['store-notice.png', page, null],
    ['store-popup.png', popup, `${driver.extBase}popup/popup.html?tab=${tabId}`],
    ['store-ledger.png', ledger, `${driver.extBase}ledger/ledger.html`],
  ])) {
    await p.raw.setViewportSize({ width: 1280, height: 800 });
    if (url) {
      await p.goto(url);
      await p.waitForSelector('body[data-ready="true"]');
    }
    await p.screenshot({ path: join(out, name) });
  }
  console.log(`wrote ${['notice.png', 'popup.png', 'popup-neutral.png', 'options.png', 'ledger.png', 'store-notice.png', 'store-popup.png', 'store-ledger.png'].map((f) => join(out, f)).join(', ')}`);
} finally {
  await driver.close();
  await server.close();
}
