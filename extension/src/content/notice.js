// Draws in-page notices: text only (textContent, never innerHTML), each in a
// closed shadow root so that the page can neither read nor restyle it, next
// to the element the core anchored the finding to. A notice that the page
// removes is put back (a bounded number of times); clicks that were not made
// by the user (isTrusted false) are ignored.
//
// The notice only informs. Its two buttons are "Dismiss here" (hides it in
// this page, records nothing) and "Details" (opens the extension's own page
// for this tab). Lasting choices (always on this site, this platform
// everywhere) are made only there: the page controls the notice's
// ancestors (opacity, transforms, what lies on top), so it could steer a
// real click onto an invisible button, and a choice made here could be one
// the user never saw.

// eslint-disable-next-line no-unused-vars
const PartnerWatchNotices = (() => {
  const MAX_REINSERTS = 10;
  const TAG = 'partnerwatch-notice';

  // The colours are lib/colors.js's (a classic script cannot import it; a
  // unit test holds these to it).
  const CSS = `
:host { all: initial !important; display: block !important; margin: 6px 0 !important; }
.box { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #202124;
  background: #fff8e1; border: 1px solid #f2b600; border-left: 4px solid #c5221f;
  border-radius: 6px; padding: 8px 10px; max-width: 560px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.box.neutral { border-left-color: #5f6368; background: #f1f3f4; border-color: #dadce0; }
.head { font-weight: 600; margin: 0 0 2px; }
.text { margin: 0 0 6px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
button { font: 12px system-ui, sans-serif; border: 1px solid #dadce0; background: #ffffff; color: #1a73e8;
  border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button:hover { background: #e8f0fe; }
.floating { position: fixed; top: 12px; right: 12px; z-index: 2147483647; }
`;

  /**
   * @typedef {{anchor: number, provider: string, kind: string, widget: string, alert: boolean, text: string}} Notice
   * @typedef {{host: HTMLElement, root: ShadowRoot, notice: Notice, anchor: Element|null, reinserts: number, text: string}} Shown
   */

  /** @type {Map<string, Shown>} */
  const shown = new Map();
  /** Providers hidden in this page (dismissed once, or dismissed elsewhere). */
  const hidden = new Set();

  /** @param {Notice} n */
  const keyOf = (n) => `${n.provider}\u0000${n.widget}`;

  /** @param {string} name @param {string[]} [subs] */
  function msg(name, subs) {
    try {
      return (globalThis.browser ?? chrome).i18n.getMessage(name, subs) || name;
    } catch {
      return name;
    }
  }

  /**
   * Builds a notice element.
   * @param {Notice} n
   * @param {(action: 'once'|'details', provider: string) => void} onAction
   * @param {boolean} floating
   */
  function build(n, onAction, floating) {
    const host = document.createElement(TAG);
    host.style.setProperty('display', 'block', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = CSS;
    const box = document.createElement('div');
    box.className = `box${n.alert ? '' : ' neutral'}${floating ? ' floating' : ''}`;
    box.setAttribute('role', n.alert ? 'alert' : 'note');
    // What the notice is about, inside the closed root: the end-to-end tests
    // read it there through the browser's automation protocol.
    box.dataset.provider = n.provider;
    box.dataset.widget = n.widget;
    box.dataset.kind = n.kind;
    const head = document.createElement('p');
    head.className = 'head';
    head.textContent = msg('noticeHead');
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = n.text;
    const actions = document.createElement('div');
    actions.className = 'actions';
    /** @type {[string, 'once'|'details'][]} */
    const buttons = [
      [msg('dismissHere'), 'once'],
      [msg('noticeDetails'), 'details'],
    ];
    for (const [label, action] of buttons) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.action = action;
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return; // a page script cannot dismiss a warning
        e.preventDefault();
        e.stopPropagation();
        onAction(action, n.provider);
      });
      actions.append(b);
    }
    box.append(head, text, actions);
    root.append(style, box);
    return { host, root };
  }

  /**
   * Puts a notice next to its anchor, or floating at the top of the page.
   * @param {Shown} s
   */
  function place(s) {
    const a = s.anchor;
    if (a && a.isConnected && a.parentNode && a !== document.documentElement && a !== document.body) {
      a.after(s.host);
    } else {
      (document.body ?? document.documentElement).append(s.host);
    }
  }

  /**
   * Shows the notices of the latest report and removes the others.
   * @param {Notice[]} notices
   * @param {(ref: number) => Element|null} nodeOf
   * @param {(action: 'once'|'details', provider: string) => void} onAction
   */
  function render(notices, nodeOf, onAction) {
    const keep = new Set();
    for (const n of notices) {
      if (hidden.has(n.provider)) continue;
      const key = keyOf(n);
      keep.add(key);
      const anchor = n.anchor >= 0 ? nodeOf(n.anchor) : null;
      const prev = shown.get(key);
      if (prev && prev.text === n.text && prev.anchor === anchor && prev.host.isConnected) continue;
      if (prev) prev.host.remove();
      const { host, root } = build(n, onAction, !anchor);
      const s = { host, root, notice: n, anchor, reinserts: 0, text: n.text };
      shown.set(key, s);
      place(s);
    }
    for (const [key, s] of shown) {
      if (!keep.has(key)) {
        s.host.remove();
        shown.delete(key);
      }
    }
  }

  /** Hides every notice of a provider in this page. @param {string} provider */
  function hide(provider) {
    hidden.add(provider);
    for (const [key, s] of shown) {
      if (s.notice.provider === provider) {
        s.host.remove();
        shown.delete(key);
      }
    }
  }

  /** Puts back notices the page removed; answers whether any was. */
  function reassert() {
    let any = false;
    for (const s of shown.values()) {
      if (!s.host.isConnected && s.reinserts < MAX_REINSERTS) {
        s.reinserts++;
        place(s);
        any = true;
      }
    }
    return any;
  }

  /** @param {Node} node */
  function isOurs(node) {
    return node.nodeType === 1 && /** @type {Element} */ (node).localName === TAG;
  }

  return { render, hide, reassert, isOurs };
})();
