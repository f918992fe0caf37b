// coldbench.mjs compares the cold start of one or more programs (core.wasm,
// the floor program) with the cold start of a baseline program
// (testdata/empty, an empty Go js/wasm program with the same boundary),
// each in fresh node processes, in a rotating order within each round so
// that load on the machine hits all of them alike and their ratios come
// from the same minutes. It prints one line per run and then the medians,
// their ratios to the baseline and the median of the per-round ratios.
// `make bench-wasm` runs it.
//
// Usage: node coldbench.mjs program.wasm... baseline.wasm [runs]
// The last .wasm is the baseline. Each .wasm needs the wasm_exec.js of its
// Go version beside it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const files = args.filter((a) => a.endsWith(".wasm"));
const rest = args.filter((a) => !a.endsWith(".wasm"));
const runs = Number(rest[0] ?? 9);
if (files.length < 2 || rest.length > 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node coldbench.mjs program.wasm... baseline.wasm [runs]");
  process.exit(2);
}
for (const f of files) {
  if (!existsSync(f)) {
    console.error(`coldbench: ${f} does not exist (make core-wasm baseline-wasm builds the programs)`);
    process.exit(2);
  }
}
const names = files.map((f, i) => (i === files.length - 1 ? "baseline" : f));
const width = Math.max(...names.map((n) => n.length));
const cold = join(dirname(fileURLToPath(import.meta.url)), "cold.mjs");
const once = (wasm) => JSON.parse(execFileSync(process.execPath, [cold, wasm], { encoding: "utf8" }).split("\n")[0]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** @type {object[][]} each program's runs, in the order of files */
const got = files.map(() => []);
for (let i = 0; i < runs; i++) {
  for (let k = 0; k < files.length; k++) {
    const j = (i + k) % files.length;
    const r = once(files[j]);
    got[j].push(r);
    console.log(`${names[j].padEnd(width)} ${JSON.stringify(r)}`);
  }
}
const base = got[files.length - 1];
const phases = ["cold_start_ms", "compile_ms", "instantiate_ms", "run_ms", "first_call_ms"];
console.log(`\nmedians of ${runs} fresh node processes each (ms):`);
console.log(`| | ${phases.join(" | ")} |`);
console.log(`|---|${phases.map(() => "---:").join("|")}|`);
names.forEach((name, j) => console.log(`| ${name} | ${phases.map((p) => median(got[j].map((r) => r[p])).toFixed(1)).join(" | ")} |`));
names.slice(0, -1).forEach((name, j) => {
  console.log(`| ${name} / baseline | ${phases.map((p) => (median(got[j].map((r) => r[p])) / median(base.map((r) => r[p]))).toFixed(2)).join(" | ")} |`);
});
// The ratio of medians hides how load moved between runs: also the median
// of the ratios within each round.
console.log("");
names.slice(0, -1).forEach((name, j) => {
  const pairs = got[j].map((r, i) => r.cold_start_ms / base[i].cold_start_ms);
  console.log(`cold start of ${name}, median of the per-round ratios to the baseline: ${median(pairs).toFixed(2)}×`);
});
