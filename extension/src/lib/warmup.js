// The first report of a service worker's life runs the report's code for
// the first time: the observation's check and flat encoding here, and in
// the core the decoding, the URL, text, call and control matching and the
// report's JSON, all in V8's baseline tier before it compiles them again.
// On the benchmark page that first report took 62–71 ms where later ones
// take 5 ms (BENCHMARKS.md). One report on a small built-in observation,
// made once the list is loaded and no page's observation has arrived yet
// (background.js), runs that code while the page is still loading, so
// that the page's own first report runs warm. Its answer is thrown away:
// nothing about it is stored or shown.

import { observation } from './observation.js';

/**
 * A small observation that reaches most of the report's code: a script, an
 * inline call, a frame, links (a chat link, a site route with sign-in
 * text, an app link), a form, an element with attributes and text, and a
 * control. Its host is reserved (RFC 2606), so it names no real site.
 */
export const WARM_UP_OBSERVATION = Object.freeze({
  url: 'https://warm-up.invalid/login',
  scripts: ['https://connect.facebook.net/en_US/sdk.js'],
  inline: ['FB.login(function (r) {});'],
  frames: [{ ref: 1, src: 'https://www.facebook.com/v19.0/plugins/login_button.php?app_id=1' }],
  links: [
    { ref: 2, href: 'https://m.me/warmup', text: 'Chat with us on Messenger' },
    { ref: 3, href: 'https://warm-up.invalid/auth/google', text: 'Sign in with Google' },
    { ref: 4, href: 'viber://chat?number=1', label: 'Viber' },
  ],
  forms: [{ ref: 5, action: 'https://warm-up.invalid/session', text: 'Log in' }],
  elements: [{ ref: 6, tag: 'div', attrs: { class: 'fb-login-button', 'data-size': 'large' }, text: 'Continue with Facebook' }],
  controls: [{ ref: 3, tag: 'a', href: 'https://warm-up.invalid/auth/google', text: 'Sign in with Google', group: 7 }],
});

/**
 * Makes one report on WARM_UP_OBSERVATION and keeps nothing of it.
 * @param {{report: (obs: any) => Promise<{ok: boolean}>}} core
 * @returns {Promise<boolean>} whether the core answered with a report
 */
export async function warmUp(core) {
  const obs = structuredClone(WARM_UP_OBSERVATION);
  // The check every content script's observation gets (lib/messages.js).
  if (observation(obs, 'observation') !== null) return false;
  const res = await core.report(obs);
  return res.ok === true;
}
