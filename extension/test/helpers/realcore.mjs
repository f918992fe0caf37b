// Starts the real WebAssembly core in node, through the extension's own
// core.js, for tests that must verify real signatures.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createCore } from '../../src/lib/core.js';
import { coreWasm, wasmExecPath } from './paths.mjs';

let loaded = false;

/** @returns {Promise<ReturnType<typeof createCore>>} */
export async function realCore() {
  if (!loaded) {
    await import(pathToFileURL(wasmExecPath()).href);
    loaded = true;
  }
  return createCore({ loadBytes: () => readFile(coreWasm) });
}
