// The test network: one local HTTP server that the browsers use as their
// proxy for every host, so that fixture pages appear on their real hosts
// (http://accounts.spotify.com/...) and requests to widget hosts
// (connect.facebook.net, accounts.google.com...) are answered with empty
// stubs. Nothing leaves the machine: requests for loopback addresses are
// passed to the local service (the native list worker), every other request
// is answered here, and CONNECT (HTTPS) is refused at once.
//
// Every request is logged, so that tests can check what the browser sent.

import http from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * @typedef {{status?: number, type?: string, body: string|Buffer, headers?: Record<string, string>}} Answer
 * @typedef {(req: http.IncomingMessage, url: URL) => Answer|null} Route
 */

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript', json: 'application/json', css: 'text/css' };

/**
 * Starts the server.
 * @returns {Promise<{port: number, pages: Map<string, Answer|(() => Answer)>, routes: Route[], log: {method: string, url: string, host: string, headers: http.IncomingHttpHeaders}[], close: () => Promise<void>, page: (url: string, file: string) => void}>}
 */
export async function startServer() {
  /** @type {Map<string, Answer|(() => Answer)>} pages by "host/path" */
  const pages = new Map();
  /** @type {Route[]} */
  const routes = [];
  /** @type {{method: string, url: string, host: string, headers: http.IncomingHttpHeaders}[]} */
  const log = [];

  const server = http.createServer((req, res) => {
    let url;
    try {
      // A proxied request names the absolute URL; a direct one only the path.
      url = new URL(/^https?:\/\//i.test(req.url ?? '') ? /** @type {string} */ (req.url) : `http://${req.headers.host}${req.url}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    log.push({ method: req.method ?? '', url: url.href, host: url.host, headers: req.headers });
    if (/^(127\.0\.0\.1|localhost)$/.test(url.hostname) && url.port && Number(url.port) !== port) {
      forward(req, res, url);
      return;
    }
    for (const r of routes) {
      const a = r(req, url);
      if (a) return answer(res, a);
    }
    const page = pages.get(`${url.host}${url.pathname}`);
    if (page) return answer(res, typeof page === 'function' ? page() : page);
    if (/\.(png|jpe?g|gif|ico|svg|webp)$/i.test(url.pathname) || url.pathname === '/favicon.ico') {
      return answer(res, { status: 404, body: '' });
    }
    // Any other host: an empty stub, script or page by the path.
    const js = /\.js$|\/gsi\/client$|\/sdk\b/.test(url.pathname);
    return answer(res, { type: js ? TYPES.js : TYPES.html, body: js ? '/* stub */\n' : '<!doctype html><title>stub</title>' });
  });
  server.on('connect', (req, socket) => {
    log.push({ method: 'CONNECT', url: `https://${req.url}`, host: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
  });
  server.keepAliveTimeout = 1000;

  /** @param {http.ServerResponse} res @param {Answer} a */
  function answer(res, a) {
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? TYPES.html, 'cache-control': 'no-store', ...(a.headers ?? {}) });
    res.end(a.body);
  }

  /** Passes a request to a local service. */
  function forward(req, res, url) {
    const up = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: url.pathname + url.search, headers: { ...req.headers, host: url.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  }

  const port = await new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port));
  });

  return {
    port,
    pages,
    routes,
    log,
    page(url, file) {
      const u = new URL(url);
      const body = readFileSync(file);
      pages.set(`${u.host}${u.pathname}`, { type: TYPES[/** @type {'html'} */ (file.split('.').pop())] ?? TYPES.html, body });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
