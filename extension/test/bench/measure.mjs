// What the in-browser benchmarks share: the median of their runs, and
// stopping the extension's service worker for a cold start.

/**
 * The median; NaN for no values.
 * @param {number[]} xs
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Stops every service worker of a browser through the DevTools protocol
 * (from a tab of its own) and gives it 300 ms to go; the next event wakes
 * a new worker. Returns what releases the tab, once the cold start has
 * been measured.
 * @param {any} driver a driver of e2e/drivers.mjs
 * @returns {Promise<() => Promise<void>>}
 */
export async function stopServiceWorkers(driver) {
  const tab = await driver.newPage();
  const cdp = await tab.raw.context().newCDPSession(tab.raw);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 300));
  return async () => {
    await cdp.detach();
    await tab.close();
  };
}
