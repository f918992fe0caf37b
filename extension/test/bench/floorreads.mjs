// The reads that no collector of this observation can leave out, on the
// benchmark's page: every link's target and text (the link filter needs
// both), the handler attributes' XPath, a query per selector, and the
// candidate buttons' query and texts. collectparts.mjs times them in the
// test page's world, collectfloor.mjs inside the extension's content script.

/**
 * The floor's reads as the source of one function of the selectors, which
 * reads the page's document and answers each part's time in milliseconds.
 * With a linkTest, each link's element, target attribute and text are
 * given to it in the links' part.
 */
export const FLOOR_READS = `(selectors, linkTest) => {
  const t = [performance.now()];
  const links = document.links;
  for (let i = 0; i < links.length; i++) {
    const a = links[i];
    const attr = a.getAttribute('href');
    const text = a.textContent;
    if (linkTest) linkTest(a, attr ?? '', text ?? '');
  }
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

/**
 * The one piece of work past the floor's reads that no link can skip: the
 * link filter (rules.js linkFilter), which decides from a link's resolved
 * target and folded text whether it is sent. The source of a function of
 * the collect set that answers a linkTest for FLOOR_READS, or null without
 * the list's hosts and words; it names hrefResolver, linkFilter and
 * foldText, so it runs inside collect.js's closure.
 */
export const LINK_FILTER = `(set) => {
  const hrefOf = hrefResolver(document.baseURI);
  const matters = linkFilter(set.hosts, set.linkWords);
  return matters && ((a, attr, text) => matters(hrefOf(a, attr), foldText(text), ''));
}`;
