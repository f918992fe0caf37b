// The content scripts, in the order the manifest loads them into one
// isolated world (build.mjs): each classic script defines one global that
// the later ones use. The collector is the first four; tests load them with
// collectorSource.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Content scripts in load order, relative to src/. */
export const CONTENT_SCRIPTS = ['content/rules.js', 'content/controls.js', 'content/elements.js', 'content/collect.js', 'content/notice.js', 'content/content.js'];

/** The scripts that make the collector (global PartnerWatchCollect). */
export const COLLECTOR_SCRIPTS = CONTENT_SCRIPTS.slice(0, 4);

/**
 * The collector's source: its scripts joined in load order, ending with an
 * expression statement that names PartnerWatchCollect, for a test to run
 * in a page (new Function) or in node (vm).
 */
export function collectorSource() {
  const src = COLLECTOR_SCRIPTS.map((f) => readFileSync(new URL(`../src/${f}`, import.meta.url), 'utf8')).join('\n');
  return `${src}\nreturn PartnerWatchCollect;`;
}

/**
 * collectorSource at a git revision: every collector script that exists
 * there, in load order (read with `git show REV:extension/src/...`).
 * @param {string} rev
 */
export function collectorAt(rev) {
  const parts = [];
  for (const f of COLLECTOR_SCRIPTS) {
    try {
      parts.push(execFileSync('git', ['show', `${rev}:extension/src/${f}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // not at that revision
    }
  }
  if (!parts.length) throw new Error(`no collector at ${rev}`);
  return `${parts.join('\n')}\nreturn PartnerWatchCollect;`;
}
