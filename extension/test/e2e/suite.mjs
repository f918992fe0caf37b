// One browser's end-to-end suite: the fixture server with every page, the
// native worker when it is built, the browser with the extension loaded and
// a control page, and one test per scenario. chromium.test.mjs and
// firefox.test.mjs differ only in the browser and its scenarios.

import { after, before, test } from 'node:test';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { root } from '../helpers/paths.mjs';
import { controlPage, servePages } from './scenarios.mjs';
import { startServer } from './server.mjs';
import { serveConsentPages } from './consent.mjs';
import { startWorker, WORKER_BIN } from './worker.mjs';

/**
 * Registers the suite; answers the shared environment (filled in before the
 * first test) and the suite's skip reason, for tests of its own.
 * @param {{
 *   name: string,
 *   binary: string,
 *   dist: string,
 *   launch: (dist: string, proxyPort: number) => Promise<any>,
 *   scenarios: [string, (env: any) => Promise<void>][],
 * }} opts
 */
export function browserSuite({ name, binary, dist, launch, scenarios }) {
  const skip = !existsSync(binary) ? `${binary} is missing (make deps)` : !existsSync(dist) ? `${relative(root, dist)} is missing (make extension)` : false;
  /** @type {any} */
  const env = {};

  before(async () => {
    if (skip) return;
    env.server = await startServer();
    servePages(env.server);
    serveConsentPages(env.server);
    env.worker = existsSync(WORKER_BIN) ? await startWorker() : null;
    env.driver = await launch(dist, env.server.port);
    env.ctl = await controlPage(env.driver);
  });

  after(async () => {
    await env.driver?.close();
    await env.worker?.stop();
    await env.server?.close();
  });

  for (const [scenario, run] of scenarios) {
    const needsWorker = /native worker/.test(scenario);
    test(`${name}: ${scenario}`, { skip: skip || (needsWorker && !existsSync(WORKER_BIN) ? `${WORKER_BIN} is missing (make worker-native)` : false), timeout: 90_000 }, () => run(env));
  }
  return { env, skip };
}
