// Paths of build outputs the tests use.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const extDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const root = resolve(extDir, '..');
// PW_CORE_DIR, PW_LIST and PW_DIST point the tests at other build outputs.
const coreDir = process.env.PW_CORE_DIR ?? join(root, 'build', 'core');
export const coreWasm = join(coreDir, 'core.wasm');
export const signedList = process.env.PW_LIST ?? join(root, 'build', 'list', 'default.signed.json');
export const devKey = join(root, '.keys', 'dev.key.json');
export const devPub = join(root, '.keys', 'dev.pub.json');
const dist = process.env.PW_DIST ?? join(root, 'dist');
export const distChrome = join(dist, 'chrome');
export const distFirefox = join(dist, 'firefox');

/** Go's wasm_exec.js beside core.wasm, else the toolchain's. */
export function wasmExecPath() {
  const built = join(coreDir, 'wasm_exec.js');
  if (existsSync(built)) return built;
  return join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'lib', 'wasm', 'wasm_exec.js');
}

/** Whether the core and the signed list are built (make core-wasm list). */
export const haveCore = existsSync(coreWasm) && existsSync(signedList) && existsSync(devPub);
