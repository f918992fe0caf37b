// List sync over real HTTP (node's fetch against node:http servers): a
// mirror that redirects to another host, answers 304 unasked, drips, or
// streams without end. Each must count as a failure and keep the last good
// list, and the other host must never be asked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { DEFAULT_CONFIG, initialState, syncOnce } from '../../src/lib/sync.js';
import { sha256Hex } from '../../src/lib/hash.js';

/**
 * Starts a server on host; answers with handler.
 * @param {string} host
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} handler
 */
async function serve(host, handler) {
  const hits = [];
  const s = createServer((req, res) => {
    hits.push(req.url);
    handler(req, res);
  });
  await new Promise((r) => s.listen(0, host, () => r(undefined)));
  const port = /** @type {any} */ (s.address()).port;
  return { url: `http://${host}:${port}`, hits, close: () => new Promise((r) => s.close(r)), server: s };
}

/** One sync attempt against url, with a verifier that accepts any "v<N>" above the current 10. */
async function attempt(url, { state = initialState(), config = DEFAULT_CONFIG } = {}) {
  const committed = [];
  const r = await syncOnce({
    state,
    url,
    current: { version: 10, sha256: '' },
    now: Date.now,
    random: () => 0.5,
    fetch: (u, init) => fetch(u, init),
    sha256: sha256Hex,
    verify: async (envelope) => {
      const m = /^v(\d+)$/.exec(envelope);
      return m && Number(m[1]) > 10 ? { ok: true, list: { version: Number(m[1]), sha256: await sha256Hex(envelope) } } : { ok: false, error: { code: 'bad_envelope', message: 'no' } };
    },
    commit: async (envelope, info) => (committed.push(info.version), true),
    config,
  });
  return { ...r, committed };
}

test('a redirect to another host is refused, and the other host is never asked', async () => {
  const other = await serve('127.0.0.2', (req, res) => res.end('v99'));
  const mirror = await serve('127.0.0.1', (req, res) => {
    res.writeHead(req.url === '/same' ? 302 : 301, { location: req.url === '/same' ? '/v1/list' : `${other.url}/elsewhere` });
    res.end();
  });
  try {
    for (const path of ['/redir', '/same']) {
      const r = await attempt(`${mirror.url}${path}`);
      assert.equal(r.outcome, 'failed', path);
      assert.equal(r.state.lastError?.code, 'redirect', `${path}: ${r.state.lastError?.message}`);
      assert.equal(r.state.failures, 1);
      assert.deepEqual(r.committed, [], `${path}: nothing applied`);
    }
    assert.deepEqual(other.hits, [], 'the redirect target was never fetched');
  } finally {
    await mirror.close();
    await other.close();
  }
});

test('a 304 the client did not ask for is a failure; one it asked for is not', async () => {
  const mirror = await serve('127.0.0.1', (req, res) => {
    res.writeHead(304, { etag: '"e1"' });
    res.end();
  });
  try {
    const unasked = await attempt(`${mirror.url}/v1/list`);
    assert.equal(unasked.outcome, 'failed');
    assert.equal(unasked.state.lastError?.code, 'http');
    assert.equal(unasked.state.failures, 1);
    const asked = await attempt(`${mirror.url}/v1/list`, { state: { ...initialState(), etag: '"e1"' } });
    assert.equal(asked.outcome, 'not_modified');
    assert.equal(asked.state.failures, 0);
  } finally {
    await mirror.close();
  }
});

test('an endless body is cut at the cap while reading, and a slow drip at the timeout', async () => {
  let closed = 0;
  const mirror = await serve('127.0.0.1', (req, res) => {
    res.on('close', () => closed++);
    res.writeHead(200, { 'content-type': 'application/json' }); // chunked, no length
    const chunk = Buffer.alloc(64 << 10, 0x20);
    if (req.url === '/drip') {
      const t = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(t));
      return;
    }
    const pump = () => {
      while (res.write(chunk));
      res.once('drain', pump);
    };
    res.on('error', () => {});
    pump();
  });
  try {
    const endless = await attempt(`${mirror.url}/endless`, { config: { ...DEFAULT_CONFIG, maxBytes: 1 << 20 } });
    assert.equal(endless.outcome, 'failed');
    assert.equal(endless.state.lastError?.code, 'too_large');
    const t0 = Date.now();
    const drip = await attempt(`${mirror.url}/drip`, { config: { ...DEFAULT_CONFIG, timeoutMs: 600 } });
    assert.equal(drip.outcome, 'failed');
    assert.equal(drip.state.lastError?.code, 'network');
    assert.ok(Date.now() - t0 < 5000, 'the drip is abandoned at the timeout');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(closed, 2, 'both connections were closed');
    assert.deepEqual([...endless.committed, ...drip.committed], []);
  } finally {
    await mirror.close();
  }
});
