// Builds the extension for Chrome and Firefox from one source tree and one
// base manifest:
//
//	node build.mjs [--core build/core] [--list build/list/default.signed.json]
//	               [--keys .keys/dev.pub.json] [--out dist] [--version X.Y.Z]
//
// dist/chrome and dist/firefox get the sources, Go's wasm_exec.js and
// core.wasm (core/), the signed default list and the pinned public key(s)
// (list/), generated icons and a per-browser manifest; then
// dist/partnerwatch-chrome.zip and dist/partnerwatch-firefox.zip. The
// background script and the modules it imports are joined into one
// background.js (esbuild, not minified): a worker's start waited ~50 ms for
// the browser to fetch and link its thirty modules one by one
// (BENCHMARKS.md, "One file for the service worker"). Extension pages keep
// their modules.
//
// The pinned key is the development key by default. A release build passes
// --keys with the release public key file, so that the bundled list and
// synced lists are checked against the key kept offline.

import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeIcon } from './tools/icon.mjs';
import { writeZip } from './tools/zip.mjs';
import { bundledHosts, hostsModule } from './tools/hosts.mjs';
import { CONTENT_SCRIPTS } from './tools/content-scripts.mjs';
import { build as esbuild } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/** @param {string} name @param {string} fallback */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return resolve(root, i > 0 ? process.argv[i + 1] : fallback);
}

const coreDir = arg('core', 'build/core');
const listFile = arg('list', 'build/list/default.signed.json');
const keysFile = arg('keys', '.keys/dev.pub.json');
const outDir = arg('out', 'dist');
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
// The version stamped in both manifests: package.json's, or --version (a
// release). Both stores take one to four dot-separated integers of at most
// 65535, without leading zeros.
const versionAt = process.argv.indexOf('--version');
const version = versionAt > 0 ? process.argv[versionAt + 1] : pkg.version;
if (!/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/.test(version ?? '') || version.split('.').some((n) => Number(n) > 65535)) {
  console.error(`build.mjs: version ${JSON.stringify(version)} is not one to four dot-separated integers of at most 65535`);
  process.exit(1);
}

// Go's wasm_exec.js must be the one copied beside core.wasm when it was
// built (make core-wasm): the glue and the module come from one Go
// toolchain, and another toolchain's glue loads a module it does not match.
const wasmExecFile = join(coreDir, 'wasm_exec.js');

for (const [what, file] of [
  ['core.wasm (make core-wasm)', join(coreDir, 'core.wasm')],
  ["Go's wasm_exec.js beside core.wasm (make core-wasm)", wasmExecFile],
  ['the signed list (make list)', listFile],
  ['the public key file (make keys)', keysFile],
]) {
  if (!existsSync(file)) {
    console.error(`build.mjs: missing ${what}: ${relative(root, file)}`);
    process.exit(1);
  }
}

const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
for (const k of [keys].flat()) {
  if (typeof k?.id !== 'string' || typeof k?.public_key !== 'string') {
    console.error(`build.mjs: ${relative(root, keysFile)} is not a public key file ({"id","public_key"})`);
    process.exit(1);
  }
}

/** The manifest both browsers share. */
const base = {
  manifest_version: 3,
  name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  version,
  default_locale: 'en',
  icons: { 16: 'icons/icon16.png', 32: 'icons/icon32.png', 48: 'icons/icon48.png', 128: 'icons/icon128.png' },
  action: {
    default_title: '__MSG_extName__',
    default_popup: 'popup/popup.html',
    default_icon: { 16: 'icons/icon16.png', 32: 'icons/icon32.png' },
  },
  options_ui: { page: 'options/options.html', open_in_tab: true },
  // webRequest (observation only, never blocking) and webNavigation see
  // widgets that the DOM hides and consent screens; both browsers report
  // events to an extension only for sites it may access, hence the host
  // permissions. Without them the extension keeps to DOM detection and says
  // so (src/lib/access.js).
  permissions: ['storage', 'alarms', 'webRequest', 'webNavigation'],
  host_permissions: ['http://*/*', 'https://*/*'],
  // Asked for one origin at a time, when the user sets a list URL whose
  // server does not allow cross-origin reads.
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  content_scripts: [
    {
      matches: ['http://*/*', 'https://*/*'],
      js: CONTENT_SCRIPTS,
      all_frames: true,
      run_at: 'document_idle',
    },
  ],
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
  },
};

const browsers = {
  chrome: {
    ...base,
    minimum_chrome_version: '121',
    background: { service_worker: 'background.js', type: 'module' },
  },
  firefox: {
    ...base,
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'partnerwatch@partnerwatch.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
};

/** The first lines of the joined background.js. */
const BACKGROUND_BANNER = `// Built by build.mjs (esbuild) from src/background.js and the modules it
// imports, each marked below by its path; not minified. It includes
// core/wasm_exec.js, Copyright 2018 The Go Authors, under the BSD-style
// license in that file's header.`;

/** @param {string} from @param {string} to */
function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dst = join(to, name);
    if (statSync(src).isDirectory()) copyTree(src, dst);
    else copyFileSync(src, dst);
  }
}

// The bundled list's hosts, for the listeners the service worker registers
// before any list is loaded (see tools/hosts.mjs).
const hosts = await bundledHosts({ wasmExec: wasmExecFile, coreWasm: join(coreDir, 'core.wasm'), listFile, keys });

const icons = Object.fromEntries([16, 32, 48, 128].map((n) => [n, makeIcon(n)]));

for (const [browser, manifest] of Object.entries(browsers)) {
  const dir = join(outDir, browser);
  rmSync(dir, { recursive: true, force: true });
  copyTree(join(here, 'src'), dir);
  mkdirSync(join(dir, 'core'), { recursive: true });
  copyFileSync(join(coreDir, 'core.wasm'), join(dir, 'core', 'core.wasm'));
  copyFileSync(wasmExecFile, join(dir, 'core', 'wasm_exec.js'));
  mkdirSync(join(dir, 'list'), { recursive: true });
  copyFileSync(listFile, join(dir, 'list', 'default.signed.json'));
  writeFileSync(join(dir, 'list', 'hosts.js'), hostsModule(hosts));
  writeFileSync(join(dir, 'list', 'keys.json'), `${JSON.stringify([keys].flat(), null, 2)}\n`);
  // After list/hosts.js, which it imports. Paths in its comments are
  // relative to the package folder, so the file does not depend on where
  // the build ran.
  await esbuild({ absWorkingDir: dir, entryPoints: ['background.js'], outfile: 'background.js', allowOverwrite: true, bundle: true, format: 'esm', charset: 'utf8', logLevel: 'warning', banner: { js: BACKGROUND_BANNER } });
  mkdirSync(join(dir, 'icons'), { recursive: true });
  for (const [n, png] of Object.entries(icons)) writeFileSync(join(dir, 'icons', `icon${n}.png`), png);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const zip = join(outDir, `partnerwatch-${browser}.zip`);
  writeZip(dir, zip);
  console.log(`built ${relative(root, dir)} and ${relative(root, zip)}`);
}
