// End-to-end tests in Debian's Chromium (playwright-core).

import { test } from 'node:test';
import { distChrome } from '../helpers/paths.mjs';
import { CHROMIUM, launchChromium } from './drivers.mjs';
import { chromiumOnly, scenarios } from './scenarios.mjs';
import { consentScenarios } from './consent.mjs';
import { manageScenarios } from './manage.mjs';
import { ledgerScenarios } from './ledger.mjs';
import { listScenarios } from './lists.mjs';
import { browserSuite } from './suite.mjs';
import { startWorkerd, workerdAvailable } from './worker.mjs';

const { env, skip } = browserSuite({
  name: 'chromium',
  binary: CHROMIUM,
  dist: distChrome,
  launch: launchChromium,
  scenarios: [...scenarios, ...chromiumOnly, ...manageScenarios, ...ledgerScenarios, ...consentScenarios, ...listScenarios],
});

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
