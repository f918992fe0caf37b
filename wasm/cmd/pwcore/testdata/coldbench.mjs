// coldbench.mjs compares the cold start of core.wasm with the cold start of
// a baseline program (testdata/empty, an empty Go js/wasm program with the
// same boundary), each in fresh node processes, alternating so that load
// on the machine hits both alike. It prints one line per run and then the
// medians and their ratio. `make bench-wasm` runs it.
//
// Usage: node coldbench.mjs core.wasm baseline.wasm [runs]
// Each .wasm needs the wasm_exec.js of its Go version beside it.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [core, baseline, runsArg] = process.argv.slice(2);
if (!core || !baseline) {
  console.error("usage: node coldbench.mjs core.wasm baseline.wasm [runs]");
  process.exit(2);
}
const runs = Number(runsArg ?? 9);
const cold = join(dirname(fileURLToPath(import.meta.url)), "cold.mjs");
const once = (wasm) => JSON.parse(execFileSync(process.execPath, [cold, wasm], { encoding: "utf8" }).split("\n")[0]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const got = { core: [], baseline: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, wasm] of i % 2 ? [["baseline", baseline], ["core", core]] : [["core", core], ["baseline", baseline]]) {
    const r = once(wasm);
    got[name].push(r);
    console.log(`${name.padEnd(8)} ${JSON.stringify(r)}`);
  }
}
const phases = ["cold_start_ms", "compile_ms", "instantiate_ms", "run_ms", "first_call_ms"];
console.log(`\nmedians of ${runs} fresh node processes each (ms):`);
console.log(`| | ${phases.join(" | ")} |`);
console.log(`|---|${phases.map(() => "---:").join("|")}|`);
for (const name of ["baseline", "core"]) {
  console.log(`| ${name} | ${phases.map((p) => median(got[name].map((r) => r[p])).toFixed(1)).join(" | ")} |`);
}
console.log(`| core / baseline | ${phases.map((p) => (median(got.core.map((r) => r[p])) / median(got.baseline.map((r) => r[p]))).toFixed(2)).join(" | ")} |`);
// The ratio of medians hides how load moved between runs: also the median
// of the ratios of each run's pair.
const pairs = got.core.map((r, i) => r.cold_start_ms / got.baseline[i].cold_start_ms);
console.log(`\ncold start, median of the per-pair ratios: ${median(pairs).toFixed(2)}×`);
