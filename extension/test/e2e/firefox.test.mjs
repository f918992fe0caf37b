// End-to-end tests in Firefox ESR (puppeteer-core, WebDriver BiDi).

import { distFirefox } from '../helpers/paths.mjs';
import { FIREFOX, launchFirefox } from './drivers.mjs';
import { scenarios } from './scenarios.mjs';
import { consentScenarios } from './consent.mjs';
import { manageScenarios } from './manage.mjs';
import { ledgerScenarios } from './ledger.mjs';
import { listScenarios } from './lists.mjs';
import { browserSuite } from './suite.mjs';

browserSuite({ name: 'firefox', binary: FIREFOX, dist: distFirefox, launch: launchFirefox, scenarios: [...scenarios, ...manageScenarios, ...ledgerScenarios, ...consentScenarios, ...listScenarios] });
