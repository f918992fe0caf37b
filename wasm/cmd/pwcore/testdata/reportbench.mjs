// reportbench.mjs measures, in node, what a large page and a list load cost
// the WebAssembly core, in CPU time (process.cpuUsage: steadier than wall
// time on a shared machine): a report on an observation shaped like the
// extension benchmark's page (10,000 links, 2,000 elements with
// attributes, 300 controls, 41 scripts), sent as JSON (report) and in the
// flat form the service worker sends (reportFlat, encoded by
// extension/src/lib/flat.js); then the first list load of a fresh core, in
// fresh node processes, through loadListAsync with the bytes beside the
// request as the service worker sends them: the envelope verified in full,
// the envelope with verified_before (a restarted worker without a
// snapshot), and the snapshot this core made of the list (a restarted
// worker with one). `make bench-wasm` runs it.
//
// Usage: node reportbench.mjs core.wasm list.signed.json keys.json [runs]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { encodeObservation } from "../../../../extension/src/lib/flat.js";

const [wasmPath, listPath, keysPath, runsArg, child, snapshotPath] = process.argv.slice(2);
const runs = Number(runsArg ?? 9);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** CPU and wall milliseconds of one call. */
const measure = (f) => {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1000, wall: performance.now() - t };
};

async function startCore() {
  await import(pathToFileURL(join(dirname(resolve(wasmPath)), "wasm_exec.js")).href);
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), go.importObject);
  go.run(instance);
  memory = () => instance.exports.mem.buffer.byteLength;
  return globalThis.partnerwatch;
}

/** The core's WebAssembly memory in bytes (it grows and never shrinks). */
let memory = () => 0;

/**
 * The request of a load mode (full, verified_before, snapshot) and the
 * bytes that go beside it: the envelope, or the snapshot.
 */
function loadRequest(mode) {
  const envelope = readFileSync(listPath, "utf8");
  const req = { keys: [JSON.parse(readFileSync(keysPath, "utf8"))].flat() };
  if (mode !== "full") {
    req.sha256 = createHash("sha256").update(envelope).digest("hex");
    req.verified_before = true;
  }
  if (mode === "snapshot") req.snapshot = true;
  return { json: JSON.stringify(req), beside: mode === "snapshot" ? readFileSync(snapshotPath) : new TextEncoder().encode(envelope) };
}

/** CPU and wall milliseconds of one loadListAsync, and its answer. */
function loadAsync(api, { json, beside }) {
  const c = process.cpuUsage();
  const t = performance.now();
  return new Promise((done) =>
    api.loadListAsync(json, (out) => {
      const d = process.cpuUsage(c);
      done({ cpu: (d.user + d.system) / 1000, wall: performance.now() - t, res: JSON.parse(out) });
    }, new Uint8Array(beside)),
  );
}

if (child) {
  // One fresh process: the first load, as a service worker's start makes it.
  const api = await startCore();
  const { res, ...m } = await loadAsync(api, loadRequest(child));
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  process.stdout.write(JSON.stringify({ ...m, mib: memory() / 1048576 }) + "\n", () => process.exit(0));
} else {
  const api = await startCore();
  const { res: loaded } = await loadAsync(api, loadRequest("full"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const dir = mkdtempSync(join(tmpdir(), "pw-reportbench-"));
  const snapshot = join(dir, "list.snapshot");
  writeFileSync(snapshot, api.snapshot());
  const obs = { url: "https://www.spotify.com/big", list_version: loaded.list.version, scripts: [], links: [], elements: [], controls: [] };
  for (let i = 0; i < 41; i++) obs.scripts.push(`https://cdn.spotify.com/assets/chunk-${i}.js`);
  for (let i = 0; i < 10000; i++) obs.links.push({ ref: i, href: `https://www.spotify.com/catalogue/product-${i}?colour=blue`, text: `Product ${i} in blue` });
  for (let i = 0; i < 2000; i++) obs.elements.push({ ref: 10000 + i, tag: "button", attrs: { class: "btn btn-primary", type: "button" }, text: "Add to basket" });
  for (let i = 0; i < 300; i++) obs.controls.push({ ref: 20000 + i, tag: "a", href: `https://www.facebook.com/spotify${i}`, text: "Follow", attrs: "social fb", group: 5 });
  obs.links.push({ ref: 30000, href: "https://www.facebook.com/v19.0/dialog/oauth?client_id=1&redirect_uri=https%3A%2F%2Fwww.spotify.com%2F", text: "Log in with Facebook" });
  const viaJSON = () => JSON.parse(api.report(JSON.stringify(obs)));
  const viaFlat = () => {
    const { text, nums } = encodeObservation(obs);
    return JSON.parse(api.reportFlat(text, nums));
  };
  if (JSON.stringify(viaJSON()) !== JSON.stringify(viaFlat())) throw new Error("report and reportFlat answer differently");
  const got = { json: [], flat: [], encode: [] };
  for (let i = 0; i < runs * 2; i++) {
    got.json.push(measure(viaJSON));
    got.flat.push(measure(viaFlat));
    got.encode.push(measure(() => encodeObservation(obs)));
  }
  const me = fileURLToPath(import.meta.url);
  const load = { full: [], verified_before: [], snapshot: [] };
  const modes = Object.keys(load);
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      load[mode].push(JSON.parse(execFileSync(process.execPath, [me, wasmPath, listPath, keysPath, "1", mode, snapshot], { encoding: "utf8" })));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const row = (name, xs) => `| ${name} | ${median(xs.map((x) => x.cpu)).toFixed(1)} | ${median(xs.map((x) => x.wall)).toFixed(1)} | ${xs[0].mib === undefined ? "" : median(xs.map((x) => x.mib)).toFixed(1)} |`;
  console.log(`JSON of the observation: ${JSON.stringify(obs).length} bytes. Medians of ${runs * 2} reports, alternating; ${runs} fresh processes per load mode.\n`);
  console.log("| measure | CPU ms | wall ms | core memory after, MiB |\n|---|---:|---:|---:|");
  console.log(row("report, JSON (stringify + core)", got.json));
  console.log(row("report, flat form (encode + core)", got.flat));
  console.log(row("  of which encoding in JavaScript", got.encode));
  console.log(row("first loadList of a fresh core, full verification", load.full));
  console.log(row("first loadList of a fresh core, verified_before", load.verified_before));
  console.log(row("first loadList of a fresh core, its snapshot", load.snapshot));
  const r = (a, b) => (median(a.map((x) => x.cpu)) / median(b.map((x) => x.cpu))).toFixed(2);
  console.log(`\nCPU ratios: flat / JSON report ${r(got.flat, got.json)}; verified_before / full load ${r(load.verified_before, load.full)}; snapshot / verified_before load ${r(load.snapshot, load.verified_before)}`);
}
