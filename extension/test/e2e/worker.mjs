// Runs the native list worker (build/bin/worker, `make worker-native`) on a
// free loopback port with a fresh data folder and admin token.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devPub, root, signedList } from '../helpers/paths.mjs';

export const WORKER_BIN = process.env.PW_WORKER ?? join(root, 'build', 'bin', 'worker');

/** A free loopback port. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the worker; answers {url, upload(envelope), stop()}.
 */
export async function startWorker() {
  if (!existsSync(WORKER_BIN)) throw new Error(`${WORKER_BIN} is missing: run make worker-native`);
  const dir = mkdtempSync(join(tmpdir(), 'pw-worker-'));
  const token = `test-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, 'token'), token);
  const port = await freePort();
  const proc = spawn(WORKER_BIN, ['-addr', `127.0.0.1:${port}`, '-data', join(dir, 'data'), '-list', signedList, '-keys', devPub, '-token-file', join(dir, 'token')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 15_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/v1/list`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (proc.exitCode !== null || Date.now() > end) throw new Error(`the worker did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${base}/v1/list`,
    get output() {
      return output;
    },
    /** @param {string} envelope */
    async upload(envelope) {
      const r = await fetch(`${base}/v1/list`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: envelope });
      return { status: r.status, body: await r.text() };
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
