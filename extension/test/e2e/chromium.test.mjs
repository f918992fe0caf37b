// End-to-end tests in Debian's Chromium (playwright-core).

import { after, before, test } from 'node:test';
import { existsSync } from 'node:fs';
import { distChrome } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from './drivers.mjs';
import { chromiumOnly, controlPage, scenarios, servePages } from './scenarios.mjs';
import { startServer } from './server.mjs';
import { consentScenarios, serveConsentPages } from './consent.mjs';
import { startWorker, startWorkerd, WORKER_BIN, workerdAvailable } from './worker.mjs';

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (make deps)` : !existsSync(distChrome) ? 'dist/chrome is missing (make extension)' : false;

/** @type {any} */
const env = {};

before(async () => {
  if (skip) return;
  env.server = await startServer();
  servePages(env.server);
  serveConsentPages(env.server);
  env.worker = existsSync(WORKER_BIN) ? await startWorker() : null;
  env.driver = await launchChromium(distChrome, env.server.port);
  env.ctl = await controlPage(env.driver);
});

after(async () => {
  await env.driver?.close();
  await env.worker?.stop();
  await env.server?.close();
});

for (const [name, run] of [...scenarios, ...chromiumOnly, ...consentScenarios]) {
  const needsWorker = /native worker/.test(name);
  test(`chromium: ${name}`, { skip: skip || (needsWorker && !existsSync(WORKER_BIN) ? `${WORKER_BIN} is missing (make worker-native)` : false), timeout: 90_000 }, () => run(env));
}

// The same list update against the Workers bundle in workerd (wrangler dev),
// Chromium only: workerd takes seconds to start and the extension side is
// the same in both browsers.
test(
  'chromium: a list update from the worker running in workerd (wrangler dev) is verified and applied',
  { skip: skip || (!workerdAvailable() ? 'wrangler or worker/build/app.wasm is missing (make deps worker)' : false), timeout: 150_000 },
  async () => {
    const run = /** @type {NonNullable<ReturnType<typeof scenarios.find>>} */ (scenarios.find(([name]) => /native worker/.test(name)))[1];
    const workerd = await startWorkerd();
    try {
      await run({ ...env, worker: workerd });
    } finally {
      await workerd.stop();
    }
  },
);
