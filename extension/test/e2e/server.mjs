// The test network: one local HTTP server that the browsers use as their
// proxy for every host, so that fixture pages appear on their real hosts
// (http://accounts.spotify.com/...) and requests to widget hosts
// (connect.facebook.net, accounts.google.com...) are answered with empty
// stubs. Nothing leaves the machine: requests for loopback addresses are
// passed to the local service (the native list worker), every other request
// is answered here, and CONNECT (HTTPS) is refused at once.
//
// Every request is logged, so that tests can check what the browser sent.
//
// With {tls: true} (the live parity test), CONNECT is answered instead: the
// server ends TLS itself with a throw-away self-signed certificate (made with
// openssl for this run; the browser is told to ignore certificate errors), so
// that pages appear on their real https:// URLs too, including hosts that
// browsers only ever load over HTTPS (HSTS preload).

import http from 'node:http';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{status?: number, type?: string, body: string|Buffer, headers?: Record<string, string>}} Answer
 * @typedef {(req: http.IncomingMessage, url: URL) => Answer|null} Route
 */

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript', json: 'application/json', css: 'text/css' };

/**
 * A throw-away self-signed key pair for the TLS-ending proxy.
 * @returns {{key: Buffer, cert: Buffer}}
 */
function throwAwayCert() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=partnerwatch-test-proxy', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the server.
 * @param {{tls?: boolean}} [opts] tls: end HTTPS (CONNECT) here instead of refusing it
 * @returns {Promise<{port: number, pages: Map<string, Answer|(() => Answer)>, routes: Route[], log: {method: string, url: string, host: string, headers: http.IncomingHttpHeaders}[], close: () => Promise<void>, page: (url: string, file: string) => void}>}
 */
export async function startServer(opts = {}) {
  /** @type {Map<string, Answer|(() => Answer)>} pages by "host/path" */
  const pages = new Map();
  /** @type {Route[]} */
  const routes = [];
  /** @type {{method: string, url: string, host: string, headers: http.IncomingHttpHeaders}[]} */
  const log = [];

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handle = (req, res) => {
    let url;
    try {
      // A proxied request names the absolute URL; a direct one (or one
      // inside an ended TLS tunnel) only the path.
      const scheme = /** @type {any} */ (req.socket).encrypted ? 'https' : 'http';
      url = new URL(/^https?:\/\//i.test(req.url ?? '') ? /** @type {string} */ (req.url) : `${scheme}://${req.headers.host}${req.url}`);
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
  };
  const server = http.createServer(handle);
  const tlsServer = opts.tls ? https.createServer(throwAwayCert(), handle) : null;
  server.on('connect', (req, socket, head) => {
    log.push({ method: 'CONNECT', url: `https://${req.url}`, host: req.url ?? '', headers: req.headers });
    // Node's HTTP server drops its own error listener from a socket it
    // hands to 'connect'; a browser that resets the tunnel (it often does
    // after the 502) would otherwise be an uncaught ECONNRESET that fails
    // whichever test is running (CI, stop 17).
    socket.on('error', () => socket.destroy());
    if (!tlsServer) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head?.length) socket.unshift(head);
    tlsServer.emit('connection', socket);
  });
  server.keepAliveTimeout = 1000;
  if (tlsServer) tlsServer.keepAliveTimeout = 1000;

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
        tlsServer?.closeAllConnections();
        tlsServer?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
