// The reads that no collector of this observation can leave out, on the
// benchmark's page: every link's target and text (the link filter needs
// both), the handler attributes' XPath, a query per selector, and the
// candidate buttons' query and texts. collectparts.mjs times them in the
// test page's world, collectfloor.mjs inside the extension's content script.

/**
 * The floor's reads as the source of one function of the selectors, which
 * reads the page's document and answers each part's time in milliseconds.
 */
export const FLOOR_READS = `(selectors) => {
  const t = [performance.now()];
  const links = document.links;
  for (let i = 0; i < links.length; i++) links[i].getAttribute('href') + links[i].textContent;
  t.push(performance.now());
  document.evaluate("/descendant::*/@*[starts-with(name(), 'on')]", document, null, 7, null);
  t.push(performance.now());
  for (const s of selectors) document.querySelectorAll(s);
  t.push(performance.now());
  const b = document.querySelectorAll('button,[role=button],input[type=submit],input[type=button]');
  for (let i = 0; i < b.length && i < 2000; i++) b[i].textContent;
  t.push(performance.now());
  return t.slice(1).map((x, i) => x - t[i]);
}`;

/** The names of FLOOR_READS's parts, in the order of its answer. */
export const FLOOR_PARTS = ["every link's target and text", "the handler attributes' XPath", 'a query per selector (all of them)', "the candidate buttons' query and texts"];
