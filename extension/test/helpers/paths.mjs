// Paths of build outputs the tests use.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const extDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const root = resolve(extDir, '..');
export const coreWasm = join(root, 'build', 'core', 'core.wasm');
export const signedList = join(root, 'build', 'list', 'default.signed.json');
export const devKey = join(root, '.keys', 'dev.key.json');
export const devPub = join(root, '.keys', 'dev.pub.json');
export const distChrome = join(root, 'dist', 'chrome');
export const distFirefox = join(root, 'dist', 'firefox');

/** Go's wasm_exec.js beside core.wasm, else the toolchain's. */
export function wasmExecPath() {
  const built = join(root, 'build', 'core', 'wasm_exec.js');
  if (existsSync(built)) return built;
  return join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'lib', 'wasm', 'wasm_exec.js');
}

/** Whether the core and the signed list are built (make core-wasm list). */
export const haveCore = existsSync(coreWasm) && existsSync(signedList) && existsSync(devPub);
