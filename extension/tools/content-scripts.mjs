// The content scripts, in the order the manifest loads them into one
// isolated world (build.mjs): each classic script defines one global that
// the later ones use. The collector is the first three; tests load them with
// collectorSource.

import { readFileSync } from 'node:fs';

/** Content scripts in load order, relative to src/. */
export const CONTENT_SCRIPTS = ['content/rules.js', 'content/controls.js', 'content/collect.js', 'content/notice.js', 'content/content.js'];

/** The scripts that make the collector (global PartnerWatchCollect). */
export const COLLECTOR_SCRIPTS = CONTENT_SCRIPTS.slice(0, 3);

/**
 * The collector's source: its scripts joined in load order, ending with an
 * expression statement that names PartnerWatchCollect, for a test to run
 * in a page (new Function) or in node (vm).
 */
export function collectorSource() {
  const src = COLLECTOR_SCRIPTS.map((f) => readFileSync(new URL(`../src/${f}`, import.meta.url), 'utf8')).join('\n');
  return `${src}\nreturn PartnerWatchCollect;`;
}
