// Browser i18n for extension pages: t() looks a message up, localize() fills
// elements marked data-i18n with textContent.

import { ext } from './browser.js';

/**
 * @param {string} name
 * @param {string[]} [subs]
 * @returns {string}
 */
export function t(name, subs) {
  try {
    return ext.i18n.getMessage(name, subs) || '';
  } catch {
    return '';
  }
}

/** @param {Document} doc */
export function localize(doc) {
  doc.documentElement.lang = t('@@ui_locale').replace('_', '-') || 'en';
  for (const e of doc.querySelectorAll('[data-i18n]')) {
    const text = t(/** @type {string} */ (e.getAttribute('data-i18n')));
    if (text) e.textContent = text;
  }
}
