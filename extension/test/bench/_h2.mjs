import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { bigPage } from './bigpage.mjs';
const src = readFileSync(new URL('../../src/content/collect.js', import.meta.url), 'utf8');
const tokens = JSON.parse(readFileSync('/tmp/tok.json', 'utf8'));
const selBase = JSON.parse(readFileSync('/tmp/sel-base.json', 'utf8'));
const selNew = JSON.parse(readFileSync('/tmp/sel-new.json', 'utf8'));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const p = await b.newPage();
await p.route('**/*', (r) => r.request().url().endsWith('/big') ? r.fulfill({ contentType: 'text/html', body: bigPage() }) : r.fulfill({ body: '' }));
await p.goto('http://www.spotify.com/big');
const res = await p.evaluate(async ({ src, tokens, selBase, selNew }) => {
  const C = new Function(`${src}\nreturn PartnerWatchCollect;`)();
  const cases = { base: [selBase, []], newsel: [selNew, []], newsel_tokens: [selNew, tokens], base_tokens: [selBase, tokens] };
  const T = {}; for (const k in cases) T[k] = [];
  for (let r = 0; r < 9; r++) for (const [k, [selectors, t]] of Object.entries(cases)) {
    const stats = {};
    await C.collect(document, { selectors, listVersion: r * 10 + Object.keys(cases).indexOf(k) + 1, tokens: t }, new C.Refs(), stats);
    T[k].push(stats.busyMs);
  }
  for (const k in T) { T[k].sort((a, b) => a - b); T[k] = T[k][4].toFixed(1); }
  return T;
}, { src, tokens, selBase, selNew });
console.log(JSON.stringify(res));
await b.close();
