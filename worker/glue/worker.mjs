// The JavaScript side of PartnerWatch's list worker on Cloudflare Workers:
// it starts the Go program (app.wasm, built from ../main_js.go) once per
// isolate and hands it every request. All routing and answers are Go's
// (worker/server); this file only connects workerd to it.
//
// One Go instance per isolate, not per request: Go's start (instantiating
// the module, the runtime, package initialisation) cost several
// milliseconds, which every request paid when a new instance served each
// (BENCHMARKS.md, "## Worker"). Go gets the request's env and ctx as
// arguments, never through globals, so nothing of one request leaks into
// the next. The instance is started on the first request, not at module
// evaluation, because Go's runtime draws random numbers when it starts,
// which Workers forbid in the global scope; if the program ever exits (a
// crash), the next request starts a new one.
import "./wasm_exec.js";
import mod from "./app.wasm";

/** @type {Promise<{handleRequest: Function, scheduled: Function}> | null} */
let started = null;

/**
 * Starts the Go program and resolves to the functions it registers.
 * @returns {Promise<{handleRequest: Function, scheduled: Function}>}
 */
function start() {
  const go = new Go();
  const api = {};
  globalThis.partnerwatch = api;
  let ready;
  const isReady = new Promise((resolve) => (ready = resolve));
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const exited = go.run(instance);
  exited.finally(() => {
    started = null;
  });
  return Promise.race([
    isReady.then(() => api),
    exited.then(() => {
      throw new Error("the Go program exited before it was ready");
    }),
  ]);
}

/** @returns {Promise<{handleRequest: Function, scheduled: Function}>} */
function goProgram() {
  if (started === null) {
    started = start();
    started.catch(() => (started = null));
  }
  return started;
}

export default {
  /** @param {Request} req @param {object} env @param {ExecutionContext} ctx */
  async fetch(req, env, ctx) {
    const api = await goProgram();
    return api.handleRequest(req, env, ctx);
  },
  /** @param {ScheduledController} controller @param {object} env @param {ExecutionContext} ctx */
  async scheduled(controller, env, ctx) {
    const api = await goProgram();
    return api.scheduled(env, ctx);
  },
};
