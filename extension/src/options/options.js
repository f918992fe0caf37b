// The options page: notice mode, site access for network and sign-in checks
// (asked for again with a click when withheld or revoked), the detection
// list's URL and its pinned keys, the other signed lists (add, remove, check
// now, each one's state), sync status, and the dismissals with undo. The host
// permission for a list URL's origin is optional and requested only when the
// user saves such a URL (lists served with CORS, as the PartnerWatch worker
// does, need none).

import { ext } from '../lib/browser.js';
import { formatDate } from '../lib/claims.js';
import { localize, t } from '../lib/i18n.js';
import { requestAccess } from '../lib/access.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @param {string} text @param {boolean} [bad] @param {string} [where] */
function say(text, bad = false, where = 'message') {
  const m = $(where);
  m.textContent = text;
  m.style.color = bad ? 'var(--pw-alert)' : '';
}

/** @param {string} raw @returns {{id: string, public_key: string}[]} */
function parseKeys(raw) {
  if (!raw.trim()) return [];
  const v = JSON.parse(raw);
  const keys = [v].flat();
  for (const k of keys) {
    if (!k || typeof k.id !== 'string' || typeof k.public_key !== 'string') throw new Error(t('optKeysBad'));
  }
  return keys.map((k) => ({ id: k.id, public_key: k.public_key }));
}

async function load() {
  const s = await ext.runtime.sendMessage({ type: 'getStatus' });
  if (!s?.ok) return say(s?.error?.message ?? t('popupError'), true);
  for (const r of document.querySelectorAll('input[name=notices]')) {
    /** @type {HTMLInputElement} */ (r).checked = /** @type {HTMLInputElement} */ (r).value === s.settings.notices;
  }
  // Network observation and consent warnings need site access; without it
  // PartnerWatch keeps to page content and says so here.
  const note = $('access-note');
  note.textContent = s.access?.text ?? '';
  note.dataset.mode = s.access?.mode ?? '';
  const grant = $('grant-access');
  grant.hidden = !s.access?.action;
  grant.textContent = s.access?.action ?? '';
  $('list-url').value = s.settings.listUrl;
  $('list-id').value = s.settings.listId ?? '';
  $('keys').value = s.settings.keys.length ? JSON.stringify(s.settings.keys) : '';
  const li = $('list-info');
  li.textContent = s.list
    ? t('listStatus', [String(s.list.version), formatDate(s.list.issued_at?.slice(0, 10)), formatDate(s.list.expires_at?.slice(0, 10))]) + (s.list.stale ? ` ${t('listStale')}` : s.list.freshness === 'aged' ? ` ${t('listAged')}` : '') + ` (${s.list.source})`
    : t('optNoList');
  li.dataset.version = s.list ? String(s.list.version) : '';
  const si = $('sync-info');
  si.textContent = s.settings.listUrl
    ? t('optSyncState', [s.sync.lastOutcome, s.sync.lastError ? s.sync.lastError.message : '—'])
    : t('optSyncOff');
  renderSubs(s.subscriptions ?? []);
  const ul = $('dismissals');
  ul.replaceChildren();
  /** @type {[string, string, string][]} */
  const rows = [];
  for (const p of s.dismissals.providers) rows.push(['provider', p, '']);
  for (const [site, ps] of Object.entries(s.dismissals.sites)) for (const p of /** @type {string[]} */ (ps)) rows.push(['site', p, site]);
  for (const [scope, provider, site] of rows) {
    const li2 = document.createElement('li');
    li2.dataset.scope = scope;
    li2.dataset.provider = provider;
    li2.textContent = scope === 'provider' ? t('dismissedEverywhere', [provider]) : t('dismissedOnSite', [provider, site]);
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('undo');
    b.addEventListener('click', async () => {
      /** @type {any} */
      const msg = { type: 'undoDismissal', scope, provider };
      if (site) msg.site = site;
      await ext.runtime.sendMessage(msg);
      load();
    });
    li2.append(' ', b);
    ul.append(li2);
  }
  $('no-dismissals').hidden = rows.length > 0;
}

/**
 * One line of a list's state: version and dates, freshness, last
 * successful check, last outcome and error. All text.
 * @param {any} list listStatus, or null before a good copy
 * @param {any} sync its sync state
 */
function stateText(list, sync) {
  const parts = [];
  if (list) {
    parts.push(t('listStatus', [String(list.version), formatDate(list.issued_at?.slice(0, 10)), formatDate(list.expires_at?.slice(0, 10))]));
    parts.push(list.stale ? t('listStale') : list.freshness === 'aged' ? t('listAged') : t('optFresh'));
  } else parts.push(t('optSubNotLoaded'));
  if (sync?.lastSuccess) parts.push(t('optLastSuccess', [new Date(sync.lastSuccess).toLocaleString()]));
  parts.push(t('optSyncState', [sync?.lastOutcome ?? 'never', sync?.lastError ? sync.lastError.message : '—']));
  return parts.join(' ');
}

/** @param {any[]} subs the status of each other list */
function renderSubs(subs) {
  const ul = $('subs');
  ul.replaceChildren();
  for (const sub of subs) {
    const li = document.createElement('li');
    li.dataset.listId = sub.listId;
    li.dataset.version = sub.list ? String(sub.list.version) : '';
    li.dataset.freshness = sub.list?.freshness ?? '';
    li.dataset.outcome = sub.sync?.lastOutcome ?? '';
    const title = document.createElement('strong');
    title.textContent = sub.listId;
    const url = document.createElement('div');
    url.className = 'sub-url';
    url.textContent = sub.url;
    const state = document.createElement('div');
    state.className = 'sub-state';
    state.textContent = stateText(sub.list, sub.sync) + (sub.error && !sub.list ? ` ${sub.error.message}` : '');
    const check = document.createElement('button');
    check.type = 'button';
    check.className = 'sub-sync';
    check.textContent = t('optSyncNow');
    check.addEventListener('click', async () => {
      say(t('optSyncing'), false, 'sub-message');
      const res = await ext.runtime.sendMessage({ type: 'syncNow', listId: sub.listId });
      if (!res?.ok) return say(res?.error?.message ?? '', true, 'sub-message');
      say(t('optSyncResult', [res.outcome, res.sync?.lastError ? res.sync.lastError.message : '—']), res.outcome === 'failed', 'sub-message');
      load();
    });
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'sub-remove';
    remove.textContent = t('optRemove');
    remove.addEventListener('click', async () => {
      const res = await ext.runtime.sendMessage({ type: 'removeSubscription', listId: sub.listId });
      say(res?.ok ? t('optRemoved') : res?.error?.message ?? '', !res?.ok, 'sub-message');
      load();
    });
    li.append(title, url, state, check, ' ', remove);
    ul.append(li);
  }
  $('no-subs').hidden = subs.length > 0;
}

$('add-sub').addEventListener('click', () => {
  const url = $('sub-url').value.trim();
  const listId = $('sub-id').value.trim();
  let keys;
  try {
    keys = parseKeys($('sub-keys').value);
  } catch (e) {
    return say(String(/** @type {any} */ (e)?.message ?? e), true, 'sub-message');
  }
  // Inside the click: browsers grant permission requests only during a
  // user gesture. Lists served with CORS need none.
  let asked = Promise.resolve(true);
  try {
    asked = ext.permissions.request({ origins: [`${new URL(url).origin}/*`] }).catch(() => false);
  } catch {
    return say(t('optUrlBad'), true, 'sub-message');
  }
  asked.then(async () => {
    say(t('optSyncing'), false, 'sub-message');
    const res = await ext.runtime.sendMessage({ type: 'addSubscription', url, listId, keys });
    // A refused subscription keeps what was typed, to be corrected.
    if (!res?.ok) return say(res?.error?.message ?? '', true, 'sub-message');
    for (const id of ['sub-url', 'sub-id', 'sub-keys']) $(id).value = '';
    say(t('optAdded', [res.outcome]), res.outcome === 'failed', 'sub-message');
    load();
  });
});

for (const r of document.querySelectorAll('input[name=notices]')) {
  r.addEventListener('change', async () => {
    const notices = /** @type {HTMLInputElement} */ (r).value;
    const res = await ext.runtime.sendMessage({ type: 'setSettings', settings: { notices } });
    say(res?.ok ? t('optSaved') : res?.error?.message ?? '', !res?.ok);
  });
}

$('save').addEventListener('click', () => {
  const listUrl = $('list-url').value.trim();
  const listId = $('list-id').value.trim();
  let keys;
  try {
    keys = parseKeys($('keys').value);
  } catch (e) {
    return say(String(/** @type {any} */ (e)?.message ?? e), true);
  }
  // Ask for the origin right here, inside the click: browsers grant
  // permission requests only during a user gesture.
  let asked = Promise.resolve(true);
  if (listUrl) {
    try {
      const origin = new URL(listUrl).origin;
      asked = ext.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    } catch {
      return say(t('optUrlBad'), true);
    }
  }
  asked.then(async (granted) => {
    const res = await ext.runtime.sendMessage({ type: 'setSettings', settings: { listUrl, listId, keys } });
    if (!res?.ok) return say(res?.error?.message ?? '', true);
    say(granted ? t('optSaved') : t('optSavedNoPermission'));
    load();
  });
});

$('grant-access').addEventListener('click', (e) => {
  if (!e.isTrusted) return;
  // Inside the click: browsers grant permission requests only during a user gesture.
  requestAccess(ext).then(() => load());
});

$('sync').addEventListener('click', async () => {
  say(t('optSyncing'));
  const res = await ext.runtime.sendMessage({ type: 'syncNow' });
  if (!res?.ok) return say(res?.error?.message ?? '', true);
  say(t('optSyncResult', [res.outcome, res.sync.lastError ? res.sync.lastError.message : '—']), res.outcome === 'failed');
  load();
});

localize(document);
load();
