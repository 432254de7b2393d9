import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec rendered to a standalone SVG string in Node (no browser, no canvas). */
export async function renderSvg(given: TopLevelSpec): Promise<string> {
  // Families' page specs carry data only; the look is the reports' own.
  const spec = withFiniteData(('config' in given ? given : { ...given, config: baseConfig }) as TopLevelSpec);
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...a: unknown[]) => warnings.push(a.join(' ')), warn: (...a: unknown[]) => warnings.push(a.join(' ')), info: () => logger, debug: () => logger } as never;
  const compiled = compile(spec, { logger }).spec;
  // A chart spec that makes Vega-Lite warn is a bug in our spec: fail loudly rather than print noise.
  if (warnings.length) throw new Error(`chart "${chartTitle(spec)}": ${warnings.join('; ')}`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return stableIds(await view.toSVG(), spec);
  } finally {
    view.finalize();
  }
}

/**
 * The spec with every non-finite number in its data (an exact value beyond the doubles' range,
 * 10⁴⁰⁰, reads as ±∞) made null: Vega leaves a null out, where an infinite value stretches the
 * scale to ∞ and draws every finite point at one end (and writes NaN into the SVG). The page's
 * tables give such values exactly.
 */
function withFiniteData(spec: TopLevelSpec): TopLevelSpec {
  let leftOut = 0;
  const walk = (x: unknown, inData: boolean): unknown => {
    if (typeof x === 'number') {
      if (!inData || Number.isFinite(x)) return x;
      leftOut++;
      return null;
    }
    if (Array.isArray(x)) return x.map((v) => walk(v, inData));
    if (typeof x !== 'object' || x === null) return x;
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, inData || k === 'data')]));
  };
  const finite = walk(spec, false) as TopLevelSpec;
  // Said under the title, or a chart of such values alone would look like a chart of nothing.
  return leftOut === 0 ? finite : withSubtitleLine(finite, `${leftOut.toLocaleString('en-US')} ${leftOut === 1 ? 'value' : 'values'} beyond the range of doubles left out (the tables give them exactly)`);
}

/** The spec with one more line under its title (the line is the title where it had none: Vega draws no subtitle under an empty one). */
function withSubtitleLine(spec: TopLevelSpec, line: string): TopLevelSpec {
  const title = (spec as { title?: unknown }).title;
  if (title === undefined || title === '') return { ...spec, title: line } as TopLevelSpec;
  if (typeof title === 'string' || Array.isArray(title)) return { ...spec, title: { text: title, subtitle: line } } as TopLevelSpec;
  const t = title as { subtitle?: string | string[] };
  const lines = t.subtitle === undefined ? [] : Array.isArray(t.subtitle) ? t.subtitle : [t.subtitle];
  return { ...spec, title: { ...t, subtitle: [...lines, line] } } as TopLevelSpec;
}

/**
 * Vega numbers gradients from a process-wide counter (gradient_0, gradient_1…),
 * so the same chart rendered twice would differ. Ids are renamed after a hash
 * of the spec: deterministic, and distinct between the charts of one page.
 */
function stableIds(svg: string, spec: TopLevelSpec): string {
  const prefix = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 10);
  const ids = new Map<string, string>();
  return svg.replace(/\bgradient_\d+\b/g, (id) => {
    if (!ids.has(id)) ids.set(id, `gradient-${prefix}-${ids.size}`);
    return ids.get(id)!;
  });
}

function chartTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: unknown }).title;
  return typeof t === 'string' ? t : typeof t === 'object' && t !== null && 'text' in t ? String((t as { text: unknown }).text) : 'untitled';
}

/** Shared look: a generic font family (present on any machine, e.g. bare Debian), no chart border. */
export const baseConfig = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  title: { fontSize: 14, anchor: 'start' as const },
};

/**
 * Outcome colours: held, mostly vacuous, vacuous, undecided, partial and not
 * reached are all distinct, so a vacuous pass never looks like a pass (refuted
 * cells of a coverage map are coloured by their failing share instead, see
 * FAIL_SHARE_RANGE).
 */
export const OUTCOME_COLORS = {
  held: '#2e7d32',
  refuted: '#c62828',
  'mostly vacuous': '#c9c9e6',
  vacuous: '#8e8ec0',
  undecided: '#26a69a',
  partial: '#f9d56e',
  'not reached': '#eeeeee',
} as const;
/** Sequential scale of the failing share of checked states (refuted cells): even a tiny share is clearly red. */
export const FAIL_SHARE_RANGE = ['#fcae91', '#67000d'] as const;
export type CoverageOutcome = keyof typeof OUTCOME_COLORS;
export const OUTCOMES = Object.keys(OUTCOME_COLORS) as CoverageOutcome[];
