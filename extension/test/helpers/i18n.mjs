// The English message catalogue, looked up with Chrome's placeholder rules,
// for tests of the texts the extension builds.

import { readFileSync } from 'node:fs';

/** src/_locales/en/messages.json. */
export const messages = JSON.parse(readFileSync(new URL('../../src/_locales/en/messages.json', import.meta.url), 'utf8'));

/**
 * Looks a message up as browser.i18n.getMessage does ('' when missing).
 * @param {string} name
 * @param {string[]} [subs]
 * @returns {string}
 */
export function t(name, subs = []) {
  const m = messages[name];
  if (!m) return '';
  return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (/** @type {string} */ _, /** @type {string} */ ph) => {
    const content = m.placeholders?.[ph.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (/** @type {string} */ __, /** @type {string} */ n) => subs[Number(n) - 1] ?? '');
  });
}
