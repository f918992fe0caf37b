// Builds PartnerWatch's store-ready packages (`make release`):
//
//	node extension/tools/release.mjs --list build/list/default.signed.json
//	     --keys .keys/dev.pub.json [--version X.Y.Z] [--out build/release]
//	     [--screenshots build/demo]
//
// Into --out (build/release), for version V (package.json's, or --version):
//
//	partnerwatch-V-chrome.zip    the Chrome Web Store package
//	partnerwatch-V-firefox.zip   the addons.mozilla.org package
//	partnerwatch-V-source.tar.gz the source archive AMO asks for: the
//	                             repository at HEAD, the release inputs (the
//	                             signed list and its public key(s)) and
//	                             BUILD.md, the commands that rebuild the
//	                             Firefox package from it
//	BUILD.md, PRIVACY.md         the build instructions and the privacy policy
//	SHA256SUMS                   every file's hash
//	screenshots/                 the store screenshots (make demo), if built
//
// The core is built with -trimpath -buildvcs=false, so that the same Go
// toolchain gives the same core.wasm from the repository or from the source
// archive. The script then proves it: it unpacks the source archive in a
// temporary folder, runs the BUILD.md commands there, and fails unless
// core.wasm and both packages come out byte for byte the same. It also runs
// web-ext lint on the Firefox package (warnings are errors) and checks that
// both manifests carry the version.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

/** @param {string} name @param {string|null} fallback */
function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** The core's build command, the one BUILD.md gives. @param {string} out */
export function coreBuildArgs(out) {
  return ['build', '-trimpath', '-buildvcs=false', '-ldflags=-s -w', '-o', out, './wasm/cmd/pwcore'];
}

/** @param {string} file */
export const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Runs a command, echoing it; throws with its output when it fails.
 * @param {string} cmd @param {string[]} args @param {{cwd?: string, env?: NodeJS.ProcessEnv}} [opts]
 */
function run(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}${opts.cwd && opts.cwd !== root ? `   (in ${opts.cwd})` : ''}`);
  return execFileSync(cmd, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
}

/**
 * Builds core.wasm (and copies the toolchain's wasm_exec.js beside it).
 * @param {string} srcRoot @param {string} outDir
 */
function buildCore(srcRoot, outDir) {
  mkdirSync(outDir, { recursive: true });
  run('go', coreBuildArgs(join(outDir, 'core.wasm')), { cwd: srcRoot, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm', CGO_ENABLED: '0' } });
  const goroot = run('go', ['env', 'GOROOT'], { cwd: srcRoot }).trim();
  copyFileSync(join(goroot, 'lib', 'wasm', 'wasm_exec.js'), join(outDir, 'wasm_exec.js'));
}

/**
 * Builds both browser packages with extension/build.mjs.
 * @param {string} srcRoot @param {{core: string, list: string, keys: string, out: string, version: string}} o
 */
function buildExtension(srcRoot, o) {
  run('node', [join(srcRoot, 'extension', 'build.mjs'), '--core', o.core, '--list', o.list, '--keys', o.keys, '--out', o.out, '--version', o.version], { cwd: srcRoot });
}

/**
 * Writes a deterministic .tar.gz of a folder (sorted, owner 0, dated 0).
 * @param {string} parent @param {string} name folder under parent @param {string} out
 */
function deterministicTarGz(parent, name, out) {
  const tar = out.replace(/\.gz$/, '');
  run('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--mode=u+rw,go+r,go-w', '-cf', tar, '-C', parent, name]);
  run('gzip', ['-n', '-9', '-f', tar]);
}

/**
 * BUILD.md: how to rebuild the packages from the source archive.
 * @param {{version: string, go: string, node: string, commit: string, coreHash: string, firefoxHash: string, chromeHash: string}} v
 */
export function buildInstructions(v) {
  return `# Building PartnerWatch ${v.version} from source

This archive is the PartnerWatch repository at commit \`${v.commit}\`, with
the release inputs in \`release-inputs/\`: the signed default list
(\`default.signed.json\`, data signed offline with Ed25519, not code) and the
public key(s) the extension pins (\`keys.json\`).

The extension is plain JavaScript modules, copied as they are (no
minifier, no npm package in the packages), but for the service worker:
\`background.js\` and the modules it imports are joined into one file by
esbuild (the version \`extension/package-lock.json\` pins; not minified,
each module marked by its path). The only compiled part is the core,
\`core/core.wasm\`, built from the Go sources in \`wasm/\`.

## Requirements

- Go ${v.go.replace(/^go/, '')} (\`go version\` must print \`${v.go}\`: another Go release gives another core.wasm)
- Node.js 20 or later (this release was packaged with ${v.node})
- the Go modules of \`go.mod\` (\`go mod download\` fetches them; \`go.sum\` pins their hashes)
- the npm packages of \`extension/package-lock.json\` (\`npm ci\` in \`extension/\` installs them)
- GNU tar and gzip only to unpack this archive

## Commands

From the folder this file is in:

\`\`\`sh
go mod download
GOOS=js GOARCH=wasm CGO_ENABLED=0 go ${coreBuildArgs('build/core/core.wasm').map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" build/core/
(cd extension && npm ci --ignore-scripts)
node extension/build.mjs --core build/core --list release-inputs/default.signed.json --keys release-inputs/keys.json --out dist --version ${v.version}
\`\`\`

\`dist/firefox/\` is then the add-on's folder and \`dist/partnerwatch-firefox.zip\`
the package; \`dist/chrome/\` and \`dist/partnerwatch-chrome.zip\` the Chrome one.

## What must match

| file | SHA-256 |
| --- | --- |
| \`build/core/core.wasm\` | \`${v.coreHash}\` |
| \`dist/partnerwatch-firefox.zip\` | \`${v.firefoxHash}\` |
| \`dist/partnerwatch-chrome.zip\` | \`${v.chromeHash}\` |

core.wasm is the same byte for byte with the same Go release (\`-trimpath\`
keeps paths out, \`-buildvcs=false\` keeps version-control data out). The
packages are deterministic ZIPs (sorted entries, fixed dates); their bytes
also depend on Node's zlib, so with another Node release compare the files
inside instead (\`unzip -d a partnerwatch-firefox.zip\` and \`diff -r\`).
\`make release\` in the repository checks all three hashes by unpacking this
very archive and running the commands above.
`;
}

async function main() {
  const pkg = JSON.parse(readFileSync(join(root, 'extension', 'package.json'), 'utf8'));
  const version = arg('version', null) || pkg.version;
  const list = resolve(root, /** @type {string} */ (arg('list', 'build/list/default.signed.json')));
  const keys = resolve(root, /** @type {string} */ (arg('keys', '.keys/dev.pub.json')));
  const out = resolve(root, /** @type {string} */ (arg('out', 'build/release')));
  const shots = resolve(root, /** @type {string} */ (arg('screenshots', 'build/demo')));
  for (const f of [list, keys]) if (!existsSync(f)) throw new Error(`missing ${relative(root, f)} (make list keys)`);

  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no']).trim();
  if (dirty) console.warn(`release: the work tree has uncommitted changes; the source archive holds HEAD only:\n${dirty}`);
  const commit = run('git', ['rev-parse', 'HEAD']).trim();
  const go = run('go', ['env', 'GOVERSION']).trim();

  rmSync(out, { recursive: true, force: true });
  const work = join(out, '.work');
  mkdirSync(work, { recursive: true });

  // 1. The packages, from the repository.
  buildCore(root, join(work, 'core'));
  buildExtension(root, { core: join(work, 'core'), list, keys, out: join(work, 'dist'), version });
  for (const b of ['chrome', 'firefox']) {
    const m = JSON.parse(readFileSync(join(work, 'dist', b, 'manifest.json'), 'utf8'));
    if (m.version !== version) throw new Error(`${b} manifest has version ${m.version}, not ${version}`);
  }
  const name = `partnerwatch-${version}`;
  copyFileSync(join(work, 'dist', 'partnerwatch-chrome.zip'), join(out, `${name}-chrome.zip`));
  copyFileSync(join(work, 'dist', 'partnerwatch-firefox.zip'), join(out, `${name}-firefox.zip`));
  const hashes = {
    version,
    go,
    node: process.version,
    commit,
    coreHash: sha256(join(work, 'core', 'core.wasm')),
    firefoxHash: sha256(join(out, `${name}-firefox.zip`)),
    chromeHash: sha256(join(out, `${name}-chrome.zip`)),
  };
  const instructions = buildInstructions(hashes);
  writeFileSync(join(out, 'BUILD.md'), instructions);
  copyFileSync(join(root, 'PRIVACY.md'), join(out, 'PRIVACY.md'));

  // 2. The source archive: HEAD, the release inputs and BUILD.md.
  const srcParent = join(work, 'src');
  const srcDir = join(srcParent, `${name}-source`);
  mkdirSync(srcDir, { recursive: true });
  run('sh', ['-c', `git archive --format=tar HEAD | tar -x -C '${srcDir}'`]);
  mkdirSync(join(srcDir, 'release-inputs'), { recursive: true });
  copyFileSync(list, join(srcDir, 'release-inputs', 'default.signed.json'));
  copyFileSync(keys, join(srcDir, 'release-inputs', 'keys.json'));
  writeFileSync(join(srcDir, 'BUILD.md'), instructions);
  const archive = join(out, `${name}-source.tar.gz`);
  deterministicTarGz(srcParent, `${name}-source`, archive);

  // 3. Rebuild from the archive, as BUILD.md says, and compare.
  const check = mkdtempSync(join(tmpdir(), 'pw-release-'));
  try {
    run('tar', ['-xzf', archive, '-C', check]);
    const src = join(check, `${name}-source`);
    buildCore(src, join(src, 'build', 'core'));
    run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: join(src, 'extension') });
    buildExtension(src, { core: join(src, 'build', 'core'), list: join(src, 'release-inputs', 'default.signed.json'), keys: join(src, 'release-inputs', 'keys.json'), out: join(src, 'dist'), version });
    const again = {
      coreHash: sha256(join(src, 'build', 'core', 'core.wasm')),
      firefoxHash: sha256(join(src, 'dist', 'partnerwatch-firefox.zip')),
      chromeHash: sha256(join(src, 'dist', 'partnerwatch-chrome.zip')),
    };
    for (const k of /** @type {const} */ (['coreHash', 'firefoxHash', 'chromeHash'])) {
      console.log(`reproducible ${k}: ${hashes[k]} (repository) ${again[k] === hashes[k] ? '==' : '!='} ${again[k]} (source archive)`);
      if (again[k] !== hashes[k]) throw new Error(`${k} differs when rebuilt from the source archive`);
    }
  } finally {
    rmSync(check, { recursive: true, force: true });
  }

  // 4. web-ext lint, warnings as errors.
  console.log(run('npx', ['--no-install', 'web-ext', 'lint', '--source-dir', join(work, 'dist', 'firefox'), '--warnings-as-errors'], { cwd: join(root, 'extension') }));

  // 5. Screenshots from make demo, when built.
  if (existsSync(shots)) {
    const pngs = readdirSync(shots).filter((f) => f.endsWith('.png'));
    if (pngs.length) mkdirSync(join(out, 'screenshots'), { recursive: true });
    for (const f of pngs) copyFileSync(join(shots, f), join(out, 'screenshots', f));
  }

  rmSync(work, { recursive: true, force: true });
  const files = [];
  (function walk(/** @type {string} */ d) {
    for (const f of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (f.isDirectory()) walk(join(d, f.name));
      else if (f.name !== 'SHA256SUMS') files.push(relative(out, join(d, f.name)));
    }
  })(out);
  writeFileSync(join(out, 'SHA256SUMS'), files.map((f) => `${sha256(join(out, f))}  ${f}\n`).join(''));
  console.log(`release ${version} in ${relative(root, out)}:\n${files.map((f) => `  ${f}`).join('\n')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`release: ${e.message}`);
    process.exit(1);
  });
}
