// End-to-end tests in Firefox ESR (puppeteer-core, WebDriver BiDi).

import { after, before, test } from 'node:test';
import { existsSync } from 'node:fs';
import { distFirefox } from '../helpers/paths.mjs';
import { FIREFOX, launchFirefox } from './drivers.mjs';
import { controlPage, scenarios, servePages } from './scenarios.mjs';
import { startServer } from './server.mjs';
import { consentScenarios, serveConsentPages } from './consent.mjs';
import { startWorker, WORKER_BIN } from './worker.mjs';

const skip = !existsSync(FIREFOX) ? `${FIREFOX} is missing (make deps)` : !existsSync(distFirefox) ? 'dist/firefox is missing (make extension)' : false;

/** @type {any} */
const env = {};

before(async () => {
  if (skip) return;
  env.server = await startServer();
  servePages(env.server);
  serveConsentPages(env.server);
  env.worker = existsSync(WORKER_BIN) ? await startWorker() : null;
  env.driver = await launchFirefox(distFirefox, env.server.port);
  env.ctl = await controlPage(env.driver);
});

after(async () => {
  await env.driver?.close();
  await env.worker?.stop();
  await env.server?.close();
});

for (const [name, run] of [...scenarios, ...consentScenarios]) {
  const needsWorker = /native worker/.test(name);
  test(`firefox: ${name}`, { skip: skip || (needsWorker && !existsSync(WORKER_BIN) ? `${WORKER_BIN} is missing (make worker-native)` : false), timeout: 90_000 }, () => run(env));
}
