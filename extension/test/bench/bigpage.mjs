// A large page for the benchmark: about 50,000 elements (nested blocks,
// thousands of links, buttons, forms and scripts), with one Facebook Login
// button near the end, served at a partner's host.

/**
 * @param {{blocks?: number}} [o]
 * @returns {string}
 */
export function bigPage({ blocks = 2500 } = {}) {
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Big page</title>',
    '<style>.b{margin:2px 0;font:12px sans-serif}.b a{margin-right:6px}</style>',
  ];
  for (let i = 0; i < 40; i++) parts.push(`<script src="http://cdn.example-static.test/lib${i}.js"></script>`);
  parts.push('</head><body><h1>A very large page</h1>');
  for (let i = 0; i < blocks; i++) {
    // 20 elements per block: div, p, 2 spans, 4 links, button, ul with 4 li, 4 em, input
    parts.push(
      `<div class="b" id="b${i}"><p>Item <span>${i}</span> <span class="t">text</span></p>` +
        `<a href="/item/${i}">Item ${i}</a><a href="/item/${i}/reviews">Reviews</a><a href="https://www.example.org/ref/${i}">Ref</a><a href="#c${i}" title="comment">#</a>` +
        `<button type="button">Buy ${i}</button><ul><li><em>a</em></li><li><em>b</em></li><li><em>c</em></li><li><em>d</em></li></ul><input name="q${i}"></div>`,
    );
    if (i % 250 === 0) parts.push(`<form action="/search/${i}"><input name="q"><button type="submit">Search</button></form>`);
  }
  parts.push('<div id="fb-root"></div><div class="fb-login-button" data-size="large">Continue with Facebook</div>');
  parts.push('<script src="http://connect.facebook.net/en_US/sdk.js" async></script>');
  parts.push('</body></html>');
  return parts.join('\n');
}

/** Where the collector benchmarks serve the page. */
export const BIG_URL = 'http://www.spotify.com/big';

/**
 * Opens the big page in a playwright page without a proxy: the page at
 * BIG_URL, an empty script for every other request.
 * @param {any} page a playwright Page
 */
export async function openBigPage(page) {
  const html = bigPage();
  await page.route('**/*', (/** @type {any} */ route) =>
    route.request().url() === BIG_URL ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.fulfill({ contentType: 'text/javascript', body: '' }),
  );
  await page.goto(BIG_URL, { waitUntil: 'load' });
}
