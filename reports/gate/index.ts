import type { Reporter } from '../types.js';
import { gateHtmlReporter } from './html-reporter.js';
import { gateJsonReporter } from './json-reporter.js';
import { gateJunitReporter } from './junit-reporter.js';
import { gateMarkdownReporter } from './markdown-reporter.js';
import type { GateReport } from './types.js';

export type { GateReport } from './types.js';

/** Every gate output format by name. */
export const GATE_REPORTERS: Readonly<Record<string, Reporter<GateReport>>> = {
  json: gateJsonReporter,
  markdown: gateMarkdownReporter,
  junit: gateJunitReporter,
  html: gateHtmlReporter,
};
