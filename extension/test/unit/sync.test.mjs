// The list sync state machine, driven by a fake clock, a fake server and a
// fake verifier that stands for the core (the real core is exercised in
// lists.test.mjs and in the browser tests).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, FIRST_WINDOW_MS, MIN_ALARM_MS, firstAttemptAt, freshness, initialState, isStale, nextDelay, normalizeState, retryAfterMs, syncOnce } from '../../src/lib/sync.js';
import { sha256Hex } from '../../src/lib/hash.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A fake clock. */
function clock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (/** @type {number} */ ms) => (now += ms) };
}

/**
 * A fake list server: answers from a queue of responses and records the
 * requests.
 * @param {Array<{status?: number, body?: string, etag?: string, length?: number, throws?: string}>} answers
 */
function server(answers) {
  /** @type {{url: string, headers: Record<string, string>, credentials?: string}[]} */
  const seen = [];
  /** @type {typeof fetch} */
  const f = async (url, init) => {
    seen.push({ url: String(url), headers: /** @type {any} */ (init?.headers ?? {}), credentials: init?.credentials });
    const a = answers.shift() ?? { status: 500 };
    if (a.throws) throw new TypeError(a.throws);
    const headers = new Headers();
    if (a.etag) headers.set('etag', a.etag);
    if (a.length !== undefined) headers.set('content-length', String(a.length));
    const status = a.status ?? 200;
    return new Response(status === 304 ? null : a.body ?? '', { status, headers });
  };
  return { fetch: f, seen };
}

/** A fake envelope: "v<version>:<signed|forged>". */
const env = (/** @type {number} */ v, sig = 'signed') => `v${v}:${sig}`;

/**
 * A fake verifier with the core's rules: signature, then version.
 * @param {string} envelope
 * @param {number} min
 */
async function verify(envelope, min) {
  const m = /^v(\d+):(\w+)$/.exec(envelope);
  if (!m) return { ok: false, error: { code: 'bad_envelope', message: 'not an envelope' } };
  if (m[2] !== 'signed') return { ok: false, error: { code: 'bad_signature', message: 'bad signature' } };
  const version = Number(m[1]);
  if (version <= min) return { ok: false, error: { code: 'rollback', message: `version ${version} is not newer than ${min}` } };
  return { ok: true, list: { version, sha256: await sha256Hex(envelope) } };
}

/**
 * Runs attempts against a server, keeping state and the current list like
 * the service worker does.
 */
function harness(answers, { current = 10, url = 'https://lists.example.org/v1/list', commitOk = true, random = () => 0.5 } = {}) {
  const c = clock();
  const srv = server(answers);
  const committed = [];
  let state = initialState();
  let cur = { version: current, sha256: '' };
  return {
    clock: c,
    srv,
    committed,
    get state() {
      return state;
    },
    get current() {
      return cur;
    },
    async step() {
      const r = await syncOnce({
        state,
        url,
        current: cur,
        now: c.now,
        random,
        fetch: srv.fetch,
        sha256: sha256Hex,
        verify,
        commit: async (envelope, info) => {
          if (!commitOk) return false;
          committed.push(envelope);
          cur = { version: info.version, sha256: info.sha256 };
          return true;
        },
      });
      state = r.state;
      return r;
    },
  };
}

test('an update is verified, committed and resets the back-off', async () => {
  const h = harness([{ status: 500 }, { body: env(11), etag: '"e11"' }]);
  assert.equal((await h.step()).outcome, 'failed');
  assert.equal(h.state.failures, 1);
  const r = await h.step();
  assert.equal(r.outcome, 'updated');
  assert.deepEqual(h.committed, [env(11)]);
  assert.equal(h.current.version, 11);
  assert.equal(h.state.failures, 0);
  assert.equal(h.state.etag, '"e11"');
  assert.equal(h.state.lastError, null);
  assert.equal(h.state.nextAt - h.clock.now(), DEFAULT_CONFIG.intervalMs); // random 0.5: no jitter
});

test('the ETag is sent back and 304 keeps the list', async () => {
  const h = harness([{ body: env(11), etag: '"e11"' }, { status: 304 }]);
  await h.step();
  const r = await h.step();
  assert.equal(r.outcome, 'not_modified');
  assert.equal(h.srv.seen[0].headers['if-none-match'], undefined);
  assert.equal(h.srv.seen[1].headers['if-none-match'], '"e11"');
  assert.equal(h.srv.seen[1].credentials, 'omit');
  assert.equal(h.current.version, 11);
  assert.equal(h.committed.length, 1);
});

test('refusals keep the last good list and count as failures', async () => {
  const cases = [
    // what the server sends → the error code recorded
    { answer: { body: env(9) }, code: 'rollback' },
    { answer: { body: env(10) }, code: 'rollback' },
    { answer: { body: env(12, 'forged') }, code: 'bad_signature' },
    { answer: { body: '<html>' }, code: 'bad_envelope' },
    { answer: { status: 404 }, code: 'http' },
    { answer: { throws: 'connection refused' }, code: 'network' },
    { answer: { body: 'x', length: DEFAULT_CONFIG.maxBytes + 1 }, code: 'too_large' },
  ];
  for (const c of cases) {
    const h = harness([c.answer]);
    const r = await h.step();
    assert.equal(r.outcome, 'failed', c.code);
    assert.equal(h.state.lastError?.code, c.code);
    assert.equal(h.current.version, 10, `${c.code}: the last good list stays`);
    assert.deepEqual(h.committed, []);
    assert.equal(h.state.etag, '', `${c.code}: no ETag from a refused list`);
  }
});

test('a body larger than the cap is refused while reading', async () => {
  const h = harness([]);
  const big = 'x'.repeat(2048);
  const r = await syncOnce({
    state: initialState(),
    url: 'https://lists.example.org/v1/list',
    current: { version: 1, sha256: '' },
    now: h.clock.now,
    random: () => 0.5,
    fetch: async () => new Response(new Blob([big]).stream(), { status: 200 }), // no Content-Length
    sha256: sha256Hex,
    verify,
    commit: async () => true,
    config: { ...DEFAULT_CONFIG, maxBytes: 1024 },
  });
  assert.equal(r.outcome, 'failed');
  assert.equal(r.state.lastError?.code, 'too_large');
});

test('a failed commit keeps the old list', async () => {
  const h = harness([{ body: env(11) }], { commitOk: false });
  const r = await h.step();
  assert.equal(r.outcome, 'failed');
  assert.equal(h.state.lastError?.code, 'storage');
  assert.equal(h.current.version, 10);
});

test('the same bytes as the current list are not verified again', async () => {
  const body = env(10);
  const h = harness([{ body, etag: '"x"' }]);
  // Make the harness believe the current list is exactly these bytes.
  /** @type {any} */ (h.current).sha256 = await sha256Hex(body);
  const r = await syncOnce({
    state: initialState(),
    url: 'u',
    current: { version: 10, sha256: await sha256Hex(body) },
    now: h.clock.now,
    random: () => 0.5,
    fetch: h.srv.fetch,
    sha256: sha256Hex,
    verify: async () => assert.fail('verify must not run'),
    commit: async () => assert.fail('commit must not run'),
  });
  assert.equal(r.outcome, 'unchanged');
  assert.equal(r.state.failures, 0);
});

test('back-off: the N-th failure waits within [2^(N-1), 2^N] x 15 min, capped at a day (audit B7)', async () => {
  for (const random of [() => 0, () => 0.5, () => 0.999999]) {
    const h = harness(Array(12).fill({ status: 503 }), { random });
    for (let n = 1; n <= 12; n++) {
      await h.step();
      const delay = h.state.nextAt - h.clock.now();
      const lo = Math.min(2 ** (n - 1) * 15 * MIN, 24 * HOUR);
      const hi = Math.min(2 ** n * 15 * MIN, 24 * HOUR);
      assert.ok(delay >= lo && delay <= hi, `failure ${n}, random ${random()}: ${delay / MIN} min not in [${lo / MIN}, ${hi / MIN}]`);
      h.clock.advance(delay);
    }
  }
  // The counter resets on success.
  const h = harness([{ status: 503 }, { status: 503 }, { body: env(11), etag: '"a"' }, { status: 503 }], { random: () => 0 });
  for (let i = 0; i < 3; i++) await h.step();
  assert.equal(h.state.failures, 0);
  await h.step();
  assert.equal(h.state.failures, 1);
  assert.equal(h.state.nextAt - h.clock.now(), 15 * MIN);
});

test('a server\'s Retry-After is honoured, clamped to a day, and never shortens the back-off', async () => {
  const cases = [
    { name: '48 h in seconds is clamped to 24 h', header: String(48 * 3600), want: 24 * HOUR },
    { name: '2 h in seconds', header: '7200', want: 2 * HOUR },
    { name: 'an HTTP date 3 h ahead', header: new Date(Date.UTC(2026, 0, 1) + 3 * HOUR).toUTCString(), want: 3 * HOUR },
    { name: 'shorter than the back-off', header: '60', want: 15 * MIN },
    { name: 'unreadable', header: 'soon', want: 15 * MIN },
  ];
  for (const c of cases) {
    const h = harness([], { random: () => 0 });
    h.srv.fetch = async () => new Response('busy', { status: 503, headers: { 'retry-after': c.header } });
    const r = await syncOnce({ state: initialState(), url: 'https://lists.example.org/v1/list', current: { version: 1, sha256: '' }, now: h.clock.now, random: () => 0, fetch: h.srv.fetch, sha256: sha256Hex, verify, commit: async () => true });
    assert.equal(r.outcome, 'failed', c.name);
    assert.equal(r.state.nextAt - h.clock.now(), c.want, c.name);
  }
  assert.equal(retryAfterMs(null, 0), 0);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.now()), 0, 'a date in the past asks for no wait');
});

test('the first attempt after a start falls in a random window, not at one instant (audit B7)', () => {
  const now = Date.UTC(2026, 0, 1);
  const seen = new Set();
  for (const r of [0, 0.25, 0.5, 0.999999]) {
    for (const nextAt of [0, now - HOUR, now + 1000]) {
      const at = firstAttemptAt(nextAt, now, () => r);
      assert.ok(at >= now + MIN_ALARM_MS && at <= now + MIN_ALARM_MS + FIRST_WINDOW_MS, `${nextAt}, ${r}: ${at - now}`);
      seen.add(at);
    }
  }
  assert.ok(seen.size >= 4, 'the random source moves it');
  // A next attempt already ahead is kept.
  assert.equal(firstAttemptAt(now + HOUR, now, () => 0.5), now + HOUR);
});

test('jitter: ±10 % on the interval, within the back-off window after failures', () => {
  const cases = [
    // failures, random, want
    { failures: 0, r: 0, want: 0.9 * DEFAULT_CONFIG.intervalMs },
    { failures: 0, r: 0.999999, want: 1.1 * DEFAULT_CONFIG.intervalMs },
    { failures: 1, r: 0, want: DEFAULT_CONFIG.minBackoffMs },
    { failures: 1, r: 0.999999, want: 2 * DEFAULT_CONFIG.minBackoffMs },
    { failures: 50, r: 0.999999, want: DEFAULT_CONFIG.maxBackoffMs },
    { failures: 1e9, r: 0.5, want: DEFAULT_CONFIG.maxBackoffMs },
    { failures: 3, r: 7, want: 2 * 4 * DEFAULT_CONFIG.minBackoffMs }, // a bad random source is clamped
  ];
  for (const c of cases) {
    const d = nextDelay(c.failures, DEFAULT_CONFIG, () => c.r);
    assert.ok(Math.abs(d - c.want) <= 50, `failures ${c.failures}, random ${c.r}: ${d} vs ${c.want}`);
  }
});

test('no list URL: nothing is fetched', async () => {
  const h = harness([], { url: '' });
  const r = await h.step();
  assert.equal(r.outcome, 'skipped');
  assert.equal(h.srv.seen.length, 0);
});

test('expiry is shown as stale', () => {
  const info = { expires_at: '2026-02-01T00:00:00Z' };
  const cases = [
    { now: Date.UTC(2026, 0, 31), stale: false },
    { now: Date.UTC(2026, 1, 1), stale: false },
    { now: Date.UTC(2026, 1, 1, 0, 0, 1), stale: true },
  ];
  for (const c of cases) assert.equal(isStale(info, c.now), c.stale, new Date(c.now).toISOString());
  // As the core says (wasm/list/stamp.go, List.Stale; core.ListInfo.Stale):
  // no expiry is not stale, one that is not RFC 3339 is.
  const odd = [
    { info: null, stale: false },
    { info: {}, stale: false },
    { info: { expires_at: '' }, stale: false },
    { info: { expires_at: 'not a date' }, stale: true },
    { info: { expires_at: '2026-02-01' }, stale: true }, // a date, not an RFC 3339 time
    { info: { expires_at: 'Feb 1, 2026' }, stale: true },
    { info: { expires_at: 1767225600 }, stale: true },
    { info: { expires_at: '2999-02-01T00:00:00.5+01:00' }, stale: false },
  ];
  for (const c of odd) assert.equal(isStale(/** @type {any} */ (c.info), Date.UTC(2026, 0, 1)), c.stale, JSON.stringify(c.info));
});

test('bundled and synced lists: the list of a release ages without a warning until the list server answers (fake clock)', () => {
  // A release's list, signed on 1 March with the longest validity (90 days).
  const issued = Date.UTC(2026, 2, 1);
  const expires = new Date(issued + 90 * 86400_000).toISOString();
  const day = (/** @type {number} */ n) => issued + n * 86400_000;
  const bundled = { expires_at: expires, source: 'bundled' };
  const synced = { expires_at: expires, source: 'synced' };
  const cases = [
    // Within its validity every list is fresh, whatever sync did.
    { info: bundled, sync: null, now: day(30), want: 'fresh' },
    { info: bundled, sync: { lastOutcome: 'failed' }, now: day(89), want: 'fresh' },
    { info: synced, sync: { lastOutcome: 'updated' }, now: day(90), want: 'fresh' },
    // Past it: a bundled list the server has not replaced is a release's
    // snapshot while the server has not answered...
    { info: bundled, sync: null, now: day(91), want: 'aged' },
    { info: bundled, sync: { lastOutcome: 'never' }, now: day(200), want: 'aged' },
    { info: bundled, sync: { lastOutcome: 'skipped' }, now: day(91), want: 'aged' },
    { info: bundled, sync: { lastOutcome: 'failed' }, now: day(400), want: 'aged' },
    // ...and stale once it answered with nothing newer: the publisher stopped.
    { info: bundled, sync: { lastOutcome: 'unchanged' }, now: day(91), want: 'stale' },
    { info: bundled, sync: { lastOutcome: 'not_modified' }, now: day(91), want: 'stale' },
    // A synced list past its expiry is stale, reachable server or not.
    { info: synced, sync: { lastOutcome: 'failed' }, now: day(91), want: 'stale' },
    { info: synced, sync: { lastOutcome: 'not_modified' }, now: day(91), want: 'stale' },
    { info: null, sync: null, now: day(91), want: 'fresh' },
  ];
  for (const c of cases) assert.equal(freshness(c.info, c.sync, c.now), c.want, `${c.info?.source} ${c.sync?.lastOutcome} day ${(c.now - issued) / 86400_000}`);
});

test('a corrupted sync state from storage starts over safely', () => {
  const cases = [
    { raw: null, want: initialState() },
    { raw: 'garbage', want: initialState() },
    { raw: { failures: -3, nextAt: 'soon', etag: 42 }, want: initialState() },
    { raw: { failures: 1e6, nextAt: 5, etag: '"a"' }, want: { ...initialState(), failures: 64, nextAt: 5, etag: '"a"' } },
    // A next attempt fifty years ahead (storage edited) would park sync: due now.
    { raw: { nextAt: Date.UTC(2026, 0, 1) + 50 * 365 * 86400_000 }, want: { ...initialState(), nextAt: Date.UTC(2026, 0, 1) } },
    { raw: { nextAt: Date.UTC(2026, 0, 8) }, want: { ...initialState(), nextAt: Date.UTC(2026, 0, 8) } },
  ];
  for (const c of cases) assert.deepEqual(normalizeState(c.raw, Date.UTC(2026, 0, 1)), c.want, JSON.stringify(c.raw));
});
