// The ledger page: your sign-ins, as PartnerWatch saw them at consent time.
// Everything stays in this browser: the page asks the service worker for the
// ledger and builds exports here, handing the file to the browser as a blob
// URL; nothing is fetched or sent. Every text is set with textContent.

import { ext } from '../lib/browser.js';
import { formatDate } from '../lib/claims.js';
import { localize, t } from '../lib/i18n.js';
import { manageHref, manageLink } from '../lib/manage.js';
import { search, toCSV, toJSON } from '../lib/ledger.js';

/** @type {any} */
let state = { ledger: { retentionDays: 365, entries: [] }, manage: {} };

/** @param {string} id */
const byId = (id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text]
 */
function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

/** @param {any} msg */
const send = (msg) => ext.runtime.sendMessage(msg);

/** The checked manage URL of a provider. @param {string} provider */
const manageOf = (provider) => manageHref({ manage: state.manage }, provider);

async function load() {
  const r = await send({ type: 'getLedger' });
  if (r?.ok) state = { ledger: r.ledger, manage: r.manage ?? {} };
  byId('retention').value = String(state.ledger.retentionDays);
  render();
}

/** The entries the search selects. */
const shown = () => search(state.ledger.entries, byId('search').value);

/** @param {any} e */
function row(e) {
  const tr = el('tr', { 'data-id': e.id, 'data-site': e.site, 'data-provider': e.provider, class: e.alert ? 'alert' : '' });
  const when = new Date(e.at);
  tr.append(el('td', { title: when.toISOString() }, formatDate(when.toISOString().slice(0, 10))));
  tr.append(el('td', {}, e.site || t('consentUnknownSite')));
  tr.append(el('td', {}, e.provider_name));
  const scopes = el('td');
  const ul = el('ul');
  for (const s of e.scopes) ul.append(el('li', { 'data-scope': s.name, class: `sev-${s.severity}` }, s.label));
  if (e.scopes.length === 0) scopes.textContent = t('ledgerNoScopes');
  else scopes.append(ul);
  tr.append(scopes);
  const grants = el('td', { class: 'grants' });
  for (const g of e.grants) grants.append(el('div', {}, g));
  tr.append(grants);
  const manage = el('td');
  const link = manageLink(document, manageOf(e.provider), t('manageAccess', [e.provider_name]), e.provider);
  if (link) manage.append(link);
  tr.append(manage);
  const del = el('button', { type: 'button', class: 'delete' }, t('ledgerDelete'));
  del.addEventListener('click', async (ev) => {
    if (!ev.isTrusted) return;
    await send({ type: 'deleteLedger', ids: [e.id] });
    await load();
  });
  const td = el('td');
  td.append(del);
  tr.append(td);
  return tr;
}

function render() {
  const entries = shown();
  byId('signins').querySelector('tbody').replaceChildren(...entries.map(row));
  byId('empty').hidden = state.ledger.entries.length > 0;
  byId('count').textContent = t('ledgerCount', [String(entries.length), String(state.ledger.entries.length)]);
  byId('delete-all-confirm').hidden = true;
}

/**
 * Hands a file to the browser: a blob URL in this page, nothing sent.
 * @param {string} text @param {string} type @param {string} name
 */
function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const stamp = () => new Date().toISOString().slice(0, 10);

localize(document);
byId('search').addEventListener('input', render);
byId('retention').addEventListener('change', async () => {
  const r = await send({ type: 'setLedgerRetention', days: Number(byId('retention').value) });
  if (r?.ok) state.ledger = r.ledger;
  render();
});
byId('export-json').addEventListener('click', () => download(toJSON(shown(), manageOf), 'application/json', `partnerwatch-signins-${stamp()}.json`));
byId('export-csv').addEventListener('click', () => download(toCSV(shown(), manageOf), 'text/csv', `partnerwatch-signins-${stamp()}.csv`));
byId('delete-all').addEventListener('click', () => {
  const b = byId('delete-all-confirm');
  b.textContent = t('ledgerDeleteAllConfirm', [String(state.ledger.entries.length)]);
  b.hidden = false;
});
byId('delete-all-confirm').addEventListener('click', async (/** @type {MouseEvent} */ ev) => {
  if (!ev.isTrusted) return;
  await send({ type: 'deleteLedger', all: true });
  await load();
});
load().then(() => {
  document.body.dataset.ready = 'true';
});
