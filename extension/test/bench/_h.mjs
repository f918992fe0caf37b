import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { bigPage } from './bigpage.mjs';
const src = readFileSync(new URL('../../src/content/collect.js', import.meta.url), 'utf8');
const tokens = JSON.parse(process.argv[2] ?? '[]');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const p = await b.newPage();
await p.route('**/*', (r) => r.request().url().endsWith('/big') ? r.fulfill({ contentType: 'text/html', body: bigPage() }) : r.fulfill({ body: '' }));
await p.goto('http://www.spotify.com/big');
const res = await p.evaluate(async ({ src, tokens }) => {
  const C = new Function(`${src}\nreturn PartnerWatchCollect;`)();
  const out = {};
  for (const [name, t] of [['none', []], ['tokens', tokens]]) {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const stats = {};
      const o = await C.collect(document, { selectors: [], listVersion: 0, tokens: t }, new C.Refs(), stats);
      times.push(stats.busyMs);
      out[name + 'controls'] = (o.controls ?? []).length;
    }
    times.sort((a, b) => a - b);
    out[name] = times[3];
  }
  return out;
}, { src, tokens });
console.log(JSON.stringify(res));
await b.close();
