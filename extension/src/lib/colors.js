// The extension's colours, in one place. Extension pages read them as CSS
// custom properties (--pw-<name>, declared at the top of popup/popup.css,
// which the options and ledger pages load too), the service worker as these
// constants (badge colours), and the in-page notice, a classic content
// script, writes the same values in its own style sheet. A unit test
// (test/unit/colors.test.mjs) holds all three to this table and finds any
// colour written elsewhere.

export const COLORS = Object.freeze({
  /** Body text. */
  text: '#202124',
  /** Alerts: a partner grant, a high-risk scope, a stale list. */
  alert: '#c5221f',
  /** Neutral marks and secondary text. */
  neutral: '#5f6368',
  /** The badge while the core is off. */
  off: '#80868b',
  /** Medium severity and notes that need attention. */
  caution: '#b06000',
  /** Borders. */
  line: '#dadce0',
  /** Table heads and the neutral notice's background. */
  shade: '#f1f3f4',
  /** The alert notice's and consent warning's background. */
  warnBg: '#fff8e1',
  /** The alert notice's border. */
  warnLine: '#f2b600',
  /** Buttons and links. */
  link: '#1a73e8',
  /** A button under the pointer. */
  linkHover: '#e8f0fe',
  /** Backgrounds, and text on the badge. */
  paper: '#ffffff',
  /** The ledger's destructive buttons and high-severity scopes. */
  danger: '#8a1010',
  /** The ledger's rows with an alert. */
  dangerBg: '#fff4f4',
  /** The ledger's row rules. */
  rule: '#dddddd',
});

/**
 * The CSS custom property of a colour: "--pw-warn-bg" for warnBg.
 * @param {string} name
 */
export const cssVar = (name) => `--pw-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
