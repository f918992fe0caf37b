// The list's permission labels in the browser's language. The list writes
// each permission's label in English (wasm/list/defaultlist/permissions.json);
// every locale carries a message perm_<id> for each permission of the
// default list (the English message is the list's label: a unit test holds
// them together), and a label the locale lacks (a permission added by a
// newer or another list) is shown as the list wrote it.

/** @typedef {(name: string, subs?: string[]) => string} Translate */

/**
 * The message name of a permission ID.
 * @param {string} id
 */
export const permissionMessage = (id) => `perm_${String(id).replace(/-/g, '_')}`;

/**
 * A permission's label in the browser's language, else the list's.
 * @param {{id?: unknown, label?: unknown}|null|undefined} p a resolved permission
 * @param {Translate} [t]
 * @returns {string}
 */
export function permissionLabel(p, t) {
  const list = typeof p?.label === 'string' ? p.label : '';
  if (typeof p?.id !== 'string' || !/^[a-z0-9_-]{1,64}$/.test(p.id) || !t) return list;
  let local = '';
  try {
    local = t(permissionMessage(p.id));
  } catch {
    local = '';
  }
  return local || list;
}

/**
 * A label as written inside a sentence: its first letter lower-cased where
 * the language does that (labelCase "lower": English, French, Spanish), kept
 * where it does not (German nouns, Japanese); acronyms are kept.
 * @param {string} label
 * @param {Translate} [t]
 */
export function inSentence(label, t) {
  let mode = 'lower';
  try {
    mode = (t && t('labelCase')) || 'lower';
  } catch {
    mode = 'lower';
  }
  if (mode === 'keep' || !label || /^[A-Z]{2}/.test(label)) return label;
  return label[0].toLowerCase() + label.slice(1);
}
