// cold.mjs loads the core's WebAssembly build in plain node (no npm
// packages), measures its cold start, then loads a list and reports on
// observations, printing each raw answer so that a Go test can compare them
// byte for byte with the native build: the answer of report (JSON) and the
// answer of reportFlat (the observation in the flat form the extension's
// service worker sends, encoded by extension/src/lib/flat.js).
//
// Usage: node cold.mjs build/core/core.wasm input.json
//
// input.json: {"load": "<LoadRequest JSON>",
//              "pages": [{"file": "...", "observation": "<Observation JSON>"}]}
// The wasm_exec.js that matches the Go version must sit beside core.wasm.
//
// Output, one JSON object per line:
//   {"cold_start_ms":…,"compile_ms":…,"instantiate_ms":…,"run_ms":…,"first_call_ms":…,"load_list_ms":…,"report_ms":…,"report_flat_ms":…,"wasm_bytes":…}
//   {"file":"…","response":"<raw answer of report>","flat":"<raw answer of reportFlat>"}   (per page)
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { encodeObservation } from "../../../../extension/src/lib/flat.js";

const [wasmPath, inputPath] = process.argv.slice(2);
if (!wasmPath) {
  console.error("usage: node cold.mjs core.wasm [input.json]");
  process.exit(2);
}
await import(pathToFileURL(join(dirname(resolve(wasmPath)), "wasm_exec.js")).href);

const bytes = readFileSync(wasmPath);
const input = inputPath ? JSON.parse(readFileSync(inputPath, "utf8")) : { pages: [] };

// Cold start: compile, instantiate, run main until it has registered
// globalThis.partnerwatch and waits for calls. The first call (version)
// is timed on its own: the empty and floor programs answer it with a
// constant, the core by encoding JSON, which is no part of its start.
const t0 = performance.now();
const module = await WebAssembly.compile(bytes);
const t1 = performance.now();
const go = new globalThis.Go();
const instance = await WebAssembly.instantiate(module, go.importObject);
const t2 = performance.now();
go.run(instance); // returns when main blocks in select{}
const api = globalThis.partnerwatch;
if (!api || typeof api.report !== "function") {
  console.error("core.wasm did not define globalThis.partnerwatch");
  process.exit(1);
}
const t3 = performance.now();
const version = JSON.parse(api.version());
const t4 = performance.now();
if (!version.ok) {
  console.error("version failed: " + JSON.stringify(version));
  process.exit(1);
}

let loadMs = 0;
let reportMs = 0;
let flatMs = 0;
const lines = [];
if (input.load) {
  const l0 = performance.now();
  const loaded = JSON.parse(api.loadList(input.load));
  loadMs = performance.now() - l0;
  if (!loaded.ok) {
    console.error("loadList failed: " + JSON.stringify(loaded.error));
    process.exit(1);
  }
  for (const page of input.pages) {
    const r0 = performance.now();
    const response = api.report(page.observation);
    reportMs += performance.now() - r0;
    const f0 = performance.now();
    const { text, nums } = encodeObservation(JSON.parse(page.observation));
    const flat = api.reportFlat(text, nums);
    flatMs += performance.now() - f0;
    lines.push(JSON.stringify({ file: page.file, response, flat }));
  }
}

const round = (x) => Math.round(x * 100) / 100;
const summary = JSON.stringify({
  cold_start_ms: round(t3 - t0),
  compile_ms: round(t1 - t0),
  instantiate_ms: round(t2 - t1),
  run_ms: round(t3 - t2),
  first_call_ms: round(t4 - t3),
  load_list_ms: round(loadMs),
  report_ms: round(reportMs),
  report_flat_ms: round(flatMs),
  pages: lines.length,
  wasm_bytes: bytes.length,
});
// One write, and exit only once it is flushed: writes to a pipe are
// asynchronous, and the Go program would otherwise keep waiting for calls.
process.stdout.write([summary, ...lines].join("\n") + "\n", () => process.exit(0));
