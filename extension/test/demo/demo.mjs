// `make demo`: headless Chromium screenshots of the in-page notice and of
// the popup on a partner fixture page, into build/demo/*.png.
//
//	node test/demo/demo.mjs --out ../build/demo

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { distChrome } from '../helpers/paths.mjs';
import { launchChromium } from '../e2e/drivers.mjs';
import { controlPage, openReported, PAGES, servePages, waitFor } from '../e2e/scenarios.mjs';
import { startServer } from '../e2e/server.mjs';

const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : 'demo');
mkdirSync(out, { recursive: true });

const server = await startServer();
servePages(server);
const driver = await launchChromium(distChrome, server.port);
try {
  const ctl = await controlPage(driver);
  const { page, tabId } = await openReported(driver, ctl, PAGES.spotify.url);
  await waitFor(async () => (await ctl.notices(tabId)).length > 0, 'the notice');
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
  console.log(`wrote ${['notice.png', 'popup.png', 'popup-neutral.png', 'options.png'].map((f) => join(out, f)).join(', ')}`);
} finally {
  await driver.close();
  await server.close();
}
