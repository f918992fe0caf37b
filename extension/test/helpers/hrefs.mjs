// Document base URLs and link targets of many shapes, for the tests that hold
// collect.js's hrefResolver to the URL parser: node's (test/unit/hrefs.test.mjs)
// and Chromium's a.href (test/e2e/contract.test.mjs).

export const BASES = [
  'https://www.example.com/shop/item.html?id=3#top',
  'http://example.org/',
  'https://user:pw@example.net:8443/a/b/',
  'https://example.com/dir/page',
  'file:///home/me/page.html',
  'about:blank',
];

export const HREFS = [
  // The shapes the fast path joins.
  '#c12', '#', '?q=1', '?', '/item/12', '/item/12?x=1#f', '/', 'item/3', 'reviews', '@handle',
  'https://www.facebook.com/dialog/oauth?client_id=1&redirect_uri=x', 'http://t.me/channel', 'https://a-b.c-d.example/x:y',
  'a/b:c', '%zz', '/%41%42', '#a#b', '?a?b', '/a;b=c,d!e$f&g(h)i*j+k~l', 'https://example.com/',
  // The shapes it leaves to the browser.
  '//cdn.example.com/x', 'https://example.com', 'HTTPS://EXAMPLE.COM/', 'https://Example.com/', 'https://example.com:443/',
  'https://example.com./', 'https://1.2.3.4/', 'https://0x7f.1/', 'https://xn--bcher-kva.example/', 'https://münchen.example/',
  'https://u@example.com/', 'mailto:a@example.com', 'viber://chat?number=1', 'whatsapp://send?phone=1', 'javascript:void(0)',
  'tel:+1', './x', '../x', '.', '..', '/a/./b', '/a/../b', '/a/%2e%2E/b', '/a/.', 'a b', '/a b', "?it's", '/a\\b', '/a"b', '/a<b>',
  '/a`b', '/a{b}', '/a|b', '/a^b', '/a[b]', 'ü', '/ü', '#ü', ' /lead', '/tab\there', 'a:b', 'C:/x', 'http:x', 'https:/x',
  // Beyond ASCII and the characters each part encodes (wasm/htmlobs resolves
  // them as testdata/contract/hrefs.json says Chromium does).
  '/a b?c d#e f', '/x?q="q"', '/p/{x}`<y>|^', '?q=İ', '#İ', '/ſ', "javascript:login('gİthub')", 'whatsapp://SEND?phone=İ',
  "/p'q?r's#t'", 'http://a.b/c?d[]=1#[x]', 'page#', 'HTTP://Example.COM:80/a/../b/./c', 'https://пример.рф/x', 'https://[::1]:8443/x',
  'mailto:Foo@Example.com', 'data:text/html,<b>hi</b>', 'http://a/b?c#d#e', '\\\\evil.example/x', '/\\evil.example', 'tel:+1 555',
  // Targets that do not parse: a.href is the attribute as written. (Not
  // here: a space in a host, which Chromium percent-encodes where the
  // standard refuses the URL; wasm/htmlobs follows the standard there.)
  'http://[::1/', ' https://%zz/ ', 'http://exa%00mple.com/', 'https://a%20b.example/',
];
