import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInstructions, coreBuildArgs } from '../../tools/release.mjs';

const build = fileURLToPath(new URL('../../build.mjs', import.meta.url));

test('build.mjs refuses a version the stores refuse', () => {
  for (const v of ['01.2', '1.2.3.4.5', '1.70000', '1.2-beta', '', 'v1']) {
    const r = spawnSync(process.execPath, [build, '--version', v, '--core', '/nonexistent'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0, v);
    assert.match(r.stderr, /is not one to four dot-separated integers/, v);
  }
});

test('build.mjs refuses a core.wasm without the wasm_exec.js of its build beside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-core-'));
  try {
    writeFileSync(join(dir, 'core.wasm'), '');
    const r = spawnSync(process.execPath, [build, '--core', dir, '--out', join(dir, 'out')], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /missing Go's wasm_exec\.js beside core\.wasm/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('BUILD.md gives the very core build command the release runs, the toolchain and the hashes', () => {
  const md = buildInstructions({ version: '1.2.3', go: 'go1.26.8', node: 'v20.20.2', commit: 'abc123', coreHash: 'c0', firefoxHash: 'f0', chromeHash: 'e0' });
  assert.ok(md.includes(`GOOS=js GOARCH=wasm CGO_ENABLED=0 go ${coreBuildArgs('build/core/core.wasm').map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`));
  assert.ok(coreBuildArgs('x').includes('-trimpath') && coreBuildArgs('x').includes('-buildvcs=false'));
  assert.match(md, /`go version` must print `go1\.26\.8`/);
  assert.match(md, /--version 1\.2\.3/);
  // The build joins the service worker's modules with the esbuild the lock file pins.
  assert.ok(md.indexOf('npm ci') > 0 && md.indexOf('npm ci') < md.indexOf('node extension/build.mjs'), 'npm ci before the build');
  for (const h of ['`c0`', '`f0`', '`e0`', '`abc123`']) assert.ok(md.includes(h), h);
});
