import { execFileSync } from 'node:child_process';
import { CHROMIUM } from '../e2e/drivers.mjs';
import { COLLECTOR_SCRIPTS, collectorSource } from '../../tools/content-scripts.mjs';
import { coreWithList } from '../helpers/realcore.mjs';
import { bigPage } from './bigpage.mjs';
const base = execFileSync('git', ['show', '5a4d401:extension/src/content/collect.js'], { encoding: 'utf8' }) + '\nreturn PartnerWatchCollect;';
const srcs = { base, current: collectorSource() };
const { list } = await coreWithList();
const set = { selectors: list.selectors, tokens: list.tokens, listVersion: list.version };
const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage();
const html = bigPage();
await page.route('**/*', (r) => (r.request().url() === 'http://www.spotify.com/big' ? r.fulfill({ contentType: 'text/html', body: html }) : r.fulfill({ body: '' })));
await page.goto('http://www.spotify.com/big');
await page.evaluate((s) => { window.__c = { base: new Function(s.base)(), current: new Function(s.current)() }; }, srcs);
const qt = await page.evaluate(async (set) => {
  const out = {};
  for (const name of ['base', 'current']) {
    const times = new Map();
    const wrap = (proto) => { const orig = proto.querySelectorAll; proto.querySelectorAll = function (q) { const t0 = performance.now(); const r = orig.call(this, q); const k = (this === document ? 'doc ' : 'el ') + (q.length > 60 ? q.slice(0, 60) : q); times.set(k, (times.get(k) ?? 0) + performance.now() - t0); return r; }; return () => { proto.querySelectorAll = orig; }; };
    const u1 = wrap(Document.prototype), u2 = wrap(Element.prototype);
    for (let i = 0; i < 5; i++) await window.__c[name].collect(document, set, new window.__c[name].Refs());
    u1(); u2();
    out[name] = [...times].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}: ${(v / 5).toFixed(1)}`);
  }
  return out;
}, set);
console.log(qt);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
for (const name of ['base', 'current']) {
  await page.evaluate(async ({ name, set }) => { for (let i = 0; i < 2; i++) await window.__c[name].collect(document, set, new window.__c[name].Refs()); }, { name, set });
  await cdp.send('Profiler.start');
  await page.evaluate(async ({ name, set }) => { for (let i = 0; i < 8; i++) await window.__c[name].collect(document, set, new window.__c[name].Refs()); }, { name, set });
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000 / 8);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 14);
  console.log(name, top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | '));
}
await browser.close();
