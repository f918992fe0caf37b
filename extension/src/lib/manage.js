// Manage-access links: the page where a person sees and removes the apps and
// sites connected to their account on a platform (list.Provider.Manage, which
// the core hands over as ListInfo.manage, provider ID -> URL).
//
// The list validated the URL when it was signed (https, on the provider's own
// domains); an extension page checks it again before it makes a link of it,
// because stored data can be edited: only an absolute https URL without user
// information passes. The link's text is the extension's own message, never
// the list's.

/**
 * The manage-access URL of a provider, checked, or '' when there is none.
 * @param {any} list the list status (getTabState's or getStatus's list) or a ListInfo
 * @param {string} provider a provider ID
 * @returns {string}
 */
export function manageHref(list, provider) {
  const map = list && typeof list === 'object' ? list.manage : null;
  if (!map || typeof map !== 'object' || typeof provider !== 'string' || !Object.hasOwn(map, provider)) return '';
  return safeHTTPS(map[provider]);
}

/**
 * An absolute https URL, normalised, or '' for anything else.
 * @param {unknown} raw
 * @returns {string}
 */
export function safeHTTPS(raw) {
  if (typeof raw !== 'string' || raw.length > 2048) return '';
  let u;
  try {
    u = new URL(raw);
  } catch {
    return '';
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return '';
  return u.href;
}

/**
 * A link to a provider's manage-access page, or null when the list names none.
 * @param {Document} doc
 * @param {string} href from manageHref
 * @param {string} text the extension's own words
 * @param {string} provider a provider ID, kept in data-provider
 * @returns {HTMLAnchorElement|null}
 */
export function manageLink(doc, href, text, provider) {
  if (!href) return null;
  const a = doc.createElement('a');
  a.className = 'manage';
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.dataset.provider = provider;
  a.textContent = text;
  return a;
}
