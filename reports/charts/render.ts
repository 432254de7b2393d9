import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec rendered to a standalone SVG string in Node (no browser, no canvas). */
export async function renderSvg(given: TopLevelSpec): Promise<string> {
  // Families' page specs carry data only; the look is the reports' own.
  const spec = ('config' in given ? given : { ...given, config: baseConfig }) as TopLevelSpec;
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...a: unknown[]) => warnings.push(a.join(' ')), warn: (...a: unknown[]) => warnings.push(a.join(' ')), info: () => logger, debug: () => logger } as never;
  const compiled = compile(spec, { logger }).spec;
  // A chart spec that makes Vega-Lite warn is a bug in our spec: fail loudly rather than print noise.
  if (warnings.length) throw new Error(`chart "${chartTitle(spec)}": ${warnings.join('; ')}`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function chartTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: unknown }).title;
  return typeof t === 'string' ? t : typeof t === 'object' && t !== null && 'text' in t ? String((t as { text: unknown }).text) : 'untitled';
}

/** Shared look: readable fonts, no chart border. */
export const baseConfig = {
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/** Outcome colours: distinct for held and vacuous, so a vacuous pass never looks like a pass. */
export const OUTCOME_COLORS = {
  held: '#2e7d32',
  refuted: '#c62828',
  vacuous: '#8e8ec0',
  partial: '#f9a825',
  'not reached': '#e0e0e0',
} as const;
export type CoverageOutcome = keyof typeof OUTCOME_COLORS;
export const OUTCOMES = Object.keys(OUTCOME_COLORS) as CoverageOutcome[];
