// Starts the real WebAssembly core in node, through the extension's own
// core.js, for tests that must verify real signatures.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createCore } from '../../src/lib/core.js';
import { coreWasm, devPub, signedList, wasmExecPath } from './paths.mjs';

let loaded = false;

/** @returns {Promise<ReturnType<typeof createCore>>} */
export async function realCore() {
  if (!loaded) {
    await import(pathToFileURL(wasmExecPath()).href);
    loaded = true;
  }
  return createCore({ loadBytes: () => readFile(coreWasm) });
}

/**
 * A real core with the signed default list loaded, verified with the
 * development key; throws when the core refuses the list.
 * @returns {Promise<{core: ReturnType<typeof createCore>, list: any}>}
 */
export async function coreWithList() {
  const core = await realCore();
  const r = await core.loadList({ envelope: readFileSync(signedList, 'utf8'), keys: [JSON.parse(readFileSync(devPub, 'utf8'))].flat() });
  if (!r.ok) throw new Error(`the core refused the signed list: ${JSON.stringify(r.error)}`);
  return { core, list: r.list };
}
