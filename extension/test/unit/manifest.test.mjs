// Pins both built manifests (dist/chrome, dist/firefox; `make extension`) to
// the reviewed security surface: the CSP, the permissions, the host access,
// no web-accessible resources, no external connections, no remote code, and
// Firefox's data-collection declaration. A change to any of them must change
// this test too, in review. (SECURITY.md, C5.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { distChrome, distFirefox } from '../helpers/paths.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const PERMISSIONS = ['storage', 'alarms', 'webRequest', 'webNavigation'];
const HOSTS = ['http://*/*', 'https://*/*'];
/** Top-level keys a manifest may have; a new one needs a review. */
const KEYS = ['manifest_version', 'name', 'description', 'version', 'default_locale', 'icons', 'action', 'options_ui', 'permissions', 'host_permissions', 'optional_host_permissions', 'content_scripts', 'content_security_policy'];

for (const [browser, dir] of /** @type {[string, string][]} */ ([['chrome', distChrome], ['firefox', distFirefox]])) {
  const file = join(dir, 'manifest.json');
  test(`${browser} manifest: CSP, permissions, host access and keys are the reviewed ones`, { skip: existsSync(file) ? false : `${file} is missing (make extension)` }, () => {
    const m = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.content_security_policy, { extension_pages: CSP }, 'the CSP, exactly');
    assert.doesNotMatch(JSON.stringify(m.content_security_policy), /https?:|\*|unsafe-inline|'unsafe-eval'/, 'no remote hosts, no eval');
    assert.deepEqual([...m.permissions].sort(), [...PERMISSIONS].sort(), 'the permissions, exactly');
    assert.deepEqual([...m.host_permissions].sort(), [...HOSTS].sort(), 'host access: http and https pages (extension/README.md)');
    assert.ok(!m.host_permissions.includes('<all_urls>'));
    assert.deepEqual([...m.optional_host_permissions].sort(), [...HOSTS].sort());
    assert.equal(m.web_accessible_resources, undefined, 'no web-accessible resources');
    assert.equal(m.externally_connectable, undefined, 'no messages from web pages or other extensions');
    assert.equal(m.sandbox, undefined);
    const extra = browser === 'chrome' ? ['minimum_chrome_version', 'background'] : ['background', 'browser_specific_settings'];
    assert.deepEqual(Object.keys(m).sort(), [...KEYS, ...extra].sort(), 'no unreviewed manifest key');
    for (const cs of m.content_scripts) {
      assert.deepEqual(cs.js, ['content/rules.js', 'content/controls.js', 'content/elements.js', 'content/collect.js', 'content/notice.js', 'content/content.js']);
      assert.equal(cs.world, undefined, 'content scripts stay in their isolated world');
      // The service worker takes a message for a content script's only from
      // an http(s) frame (lib/messages.js, senderKind): the pages the
      // content scripts run in.
      assert.deepEqual([...cs.matches].sort(), [...HOSTS].sort(), 'content scripts in http(s) frames only');
      assert.equal(cs.match_about_blank ?? false, false);
      assert.equal(cs.match_origin_as_fallback ?? false, false);
    }
    if (browser === 'firefox') {
      assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] }, 'Firefox: no data collected');
      assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
    } else {
      assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
    }
  });

  test(`${browser} package: no remote code, no eval in the shipped scripts`, { skip: existsSync(file) ? false : `${file} is missing (make extension)` }, () => {
    /** @param {string} d @returns {string[]} */
    const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const files = walk(dir);
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      assert.doesNotMatch(html, /<script[^>]+src=["']?(https?:)?\/\//i, `${f}: a remote script`);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>\s*\S/i, `${f}: an inline script`);
    }
    for (const f of files.filter((x) => x.endsWith('.js') && !x.endsWith('wasm_exec.js'))) {
      const js = readFileSync(f, 'utf8');
      assert.doesNotMatch(js, /\beval\s*\(|new\s+Function\s*\(|\bimport\s*\(\s*['"`]https?:/, `${f}: eval or remote import`);
      assert.doesNotMatch(js, /\.innerHTML\s*=|insertAdjacentHTML|document\.write\s*\(/, `${f}: an HTML sink`);
    }
  });
}
