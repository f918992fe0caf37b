// Runs the list worker on a free loopback port with fresh state and admin
// token: natively (build/bin/worker, `make worker-native`), or as the
// Workers bundle in workerd through wrangler dev (worker/build, `make
// worker`; wrangler from worker/node_modules), as `make worker-dev` does.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devPub, root, signedList } from '../helpers/paths.mjs';

export const WORKER_BIN = process.env.PW_WORKER ?? join(root, 'build', 'bin', 'worker');
export const WRANGLER = join(root, 'worker', 'node_modules', '.bin', 'wrangler');
export const WORKER_BUNDLE = join(root, 'worker', 'build', 'app.wasm');

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
 * Starts the native worker; answers {url, upload(envelope), stop()}.
 */
export async function startWorker() {
  if (!existsSync(WORKER_BIN)) throw new Error(`${WORKER_BIN} is missing: run make worker-native`);
  const dir = mkdtempSync(join(tmpdir(), 'pw-worker-'));
  const token = `test-${randomUUID()}`; // the worker wants 24 characters at least
  writeFileSync(join(dir, 'token'), token);
  const port = await freePort();
  const proc = spawn(WORKER_BIN, ['-addr', `127.0.0.1:${port}`, '-data', join(dir, 'data'), '-list', signedList, '-keys', devPub, '-token-file', join(dir, 'token')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return running(proc, dir, port, token, 15_000);
}

/** Whether the workerd variant can run here. */
export function workerdAvailable() {
  return existsSync(WRANGLER) && existsSync(WORKER_BUNDLE);
}

/**
 * Starts the Workers bundle in workerd (wrangler dev, local only: no
 * telemetry, no Request.cf download); answers like startWorker.
 */
export async function startWorkerd() {
  if (!workerdAvailable()) throw new Error('wrangler or worker/build/app.wasm is missing: run make deps worker');
  const dir = mkdtempSync(join(tmpdir(), 'pw-workerd-'));
  const token = `test-${randomUUID()}`; // the worker wants 24 characters at least
  writeFileSync(join(dir, 'dev.env'), `ADMIN_TOKEN=${token}\n`, { mode: 0o600 });
  const port = await freePort();
  const proc = spawn(
    WRANGLER,
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', join(dir, 'state'), '--env-file', join(dir, 'dev.env'), '--show-interactive-dev-session=false'],
    {
      cwd: join(root, 'worker'),
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so that workerd stops with it
    },
  );
  return running(proc, dir, port, token, 90_000, true);
}

/**
 * Waits for a started worker to answer and wraps it.
 * @param {import('node:child_process').ChildProcess} proc
 * @param {string} dir
 * @param {number} port
 * @param {string} token
 * @param {number} timeout
 * @param {boolean} [group] stop the whole process group
 */
async function running(proc, dir, port, token, timeout, group = false) {
  let output = '';
  proc.stdout?.on('data', (d) => (output += d));
  proc.stderr?.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const r = await fetch(`${base}/v1/list`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (proc.exitCode !== null || Date.now() > end) {
      if (proc.exitCode === null && proc.pid) process.kill(group ? -proc.pid : proc.pid, 'SIGTERM');
      throw new Error(`the worker did not start: ${output.slice(-2000)}`);
    }
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
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        if (group && proc.pid) process.kill(-proc.pid, 'SIGTERM');
        else proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
