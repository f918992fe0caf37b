// What the browser lets PartnerWatch see beyond the page's DOM, and how to
// say so. Network observation (webRequest) and consent inspection
// (webNavigation) need their API permissions and access to every http(s)
// site: both browsers report a request or a navigation to an extension only
// when it may access the URL (Chrome also the page that made the request).
//
// The manifest asks for all of them at install. Users can still withhold or
// revoke site access later (Chrome's "site access" menu, Firefox's add-on
// permissions page), and Firefox before version 127 did not grant MV3 host
// permissions at install. So the service worker checks whenever the options
// page or the popup asks for the status (getStatus), keeps working with DOM
// detection only when access is missing, and those pages say so, with a
// button that asks again (permissions.request needs a click).

import { withEnglish } from './i18n.js';

/** What network observation and consent inspection need. */
export const NETWORK_ACCESS = Object.freeze({
  permissions: Object.freeze(['webRequest', 'webNavigation']),
  origins: Object.freeze(['http://*/*', 'https://*/*']),
});

/**
 * @typedef {{webRequest: boolean, webNavigation: boolean, hosts: boolean, mode: 'full'|'dom-only'}} Access
 */

/**
 * Asks the browser what is granted. Never throws: a missing API or a failed
 * query counts as not granted.
 * @param {any} api the extension namespace (chrome or browser)
 * @returns {Promise<Access>}
 */
export async function checkAccess(api) {
  const has = async (/** @type {chrome.permissions.Permissions} */ p) => {
    try {
      return !!(await api?.permissions?.contains(p));
    } catch {
      return false;
    }
  };
  const [webRequest, webNavigation, hosts] = await Promise.all([
    has({ permissions: ['webRequest'] }),
    has({ permissions: ['webNavigation'] }),
    has({ origins: [...NETWORK_ACCESS.origins] }),
  ]);
  const apis = !!api?.webRequest?.onBeforeRequest && !!api?.webNavigation?.onCommitted;
  const full = apis && webRequest && webNavigation && hosts;
  return { webRequest: webRequest && !!api?.webRequest, webNavigation: webNavigation && !!api?.webNavigation, hosts, mode: full ? 'full' : 'dom-only' };
}

/** English texts, used when the message catalogue has no entry. */
export const ENGLISH = {
  accessFull: 'PartnerWatch sees widgets in pages, in their network requests and on sign-in screens.',
  accessDomOnly:
    'PartnerWatch works with page content only: it does not have access to all websites, so it cannot see widgets loaded by scripts or other frames, nor warn you on sign-in screens. Grant access to turn these on.',
  accessGrant: 'Grant access',
};

/**
 * The sentence for the options page and popup.
 * @param {Access} access
 * @param {(name: string, subs?: string[]) => string} [t]
 * @returns {{mode: Access['mode'], text: string, action: string}} action is
 *   the grant button's label, empty when nothing is missing
 */
export function accessNote(access, t) {
  const m = withEnglish(t, ENGLISH);
  if (access.mode === 'full') return { mode: 'full', text: m('accessFull'), action: '' };
  return { mode: 'dom-only', text: m('accessDomOnly'), action: m('accessGrant') };
}

/**
 * Asks for site access again; call it from a click handler. Only the origins
 * are asked for: the API permissions are required ones, granted at install
 * and not revocable, and Chrome refuses to request a permission the manifest
 * does not list as optional. Never throws.
 * @param {any} api
 * @returns {Promise<boolean>} whether site access is granted now
 */
export async function requestAccess(api) {
  try {
    return !!(await api.permissions.request({ origins: [...NETWORK_ACCESS.origins] }));
  } catch {
    return false;
  }
}
