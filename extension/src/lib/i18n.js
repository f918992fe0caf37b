// Browser i18n for extension pages: t() looks a message up, withEnglish()
// gives a lookup a table of English texts to fall back on, localize() fills
// elements marked data-i18n with textContent. The content scripts, classic
// scripts, have their own lookup (content/notice.js, msg).

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

/**
 * A lookup that falls back on English texts: t's message when it has one
 * (t may be absent or throw), else the English text with its placeholders
 * $1..$9 filled, else "".
 * @param {((name: string, subs?: string[]) => string)|undefined} t
 * @param {Readonly<Record<string, string>>} english
 * @returns {(name: string, subs?: string[]) => string}
 */
export function withEnglish(t, english) {
  return (name, subs = []) => {
    let out = '';
    try {
      out = t ? t(name, subs) : '';
    } catch {
      out = '';
    }
    if (out) return out;
    const text = Object.hasOwn(english, name) ? english[name] : '';
    return text.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');
  };
}

/** @param {Document} doc */
export function localize(doc) {
  doc.documentElement.lang = t('@@ui_locale').replace('_', '-') || 'en';
  for (const e of doc.querySelectorAll('[data-i18n]')) {
    const text = t(/** @type {string} */ (e.getAttribute('data-i18n')));
    if (text) e.textContent = text;
  }
}
