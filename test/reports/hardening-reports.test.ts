import { describe, expect, it } from 'vitest';
import type { ConjectureSummary, CoverageDimension } from '../../harness/schema.js';
import type { ClaimResult } from '../../harness/gate/run-claim.js';
import { renderSvg } from '../../reports/charts/render.js';
import { axisLabelFit, bandsSpec, cellLabel, coverageMapSpec, textWidth } from '../../reports/charts/sweep-charts.js';
import { bandCoverage, pairCoverage } from '../../reports/coverage.js';

const PAIRS: CoverageDimension = { id: 'pairs', label: '(lA, lB)', kind: 'pair', axes: ['lA', 'lB'] };
const BANDS: CoverageDimension = { id: 'l0', label: 'l0', kind: 'bands' };
import { GATE_REPORTERS } from '../../reports/gate/index.js';
import { page } from '../../reports/html.js';
import { deltaHeatmapSpec } from '../../models/theory-simulation/charts.js';

/** Coverage colours keep outcomes apart; labels fit; no emoji, generic fonts only. */

const counts = (o: Partial<Record<string, number>>) => ({ cells: 4, cellsFailed: 0, cellsVacuous: 0, statesChecked: 40, statesFailed: 0, statesVacuous: 0, statesUndecided: 0, ...o });

const summary = {
  coverage: {
    pairs: {
      '1,2': counts({ cellsFailed: 1, statesFailed: 2 }), // 5% fail
      '1,3': counts({ cellsFailed: 4, statesFailed: 40 }), // 100% fail
      '1,4': counts({ statesChecked: 4, statesVacuous: 96, cellsVacuous: 3 }), // held, but 96% vacuous
      '1,5': counts({ statesChecked: 0, statesVacuous: 40, cellsVacuous: 4 }), // vacuous
      '1,6': counts({ statesUndecided: 2 }), // undecided
      '2,3': counts({}), // held
    },
    l0: { '1000': counts({}), '1001': counts({}), '1002': counts({}), '1003': counts({}) },
  },
  expected: { pairs: { '1,2': 4, '1,3': 4, '1,4': 4, '1,5': 4, '1,6': 4, '2,3': 4, '2,4': 4 }, l0: { '1000': 4, '1001': 4, '1002': 4, '1003': 4 } },
} as unknown as ConjectureSummary;

describe('the coverage map', () => {
  const cells = pairCoverage(summary, PAIRS);
  const byKey = Object.fromEntries(cells.map((c) => [c.key, c]));

  it('keeps held, mostly vacuous, vacuous, undecided, refuted and not reached apart', () => {
    expect(Object.fromEntries(cells.map((c) => [c.key, c.outcome]))).toEqual({
      '1,2': 'refuted',
      '1,3': 'refuted',
      '1,4': 'mostly vacuous',
      '1,5': 'vacuous',
      '1,6': 'undecided',
      '2,3': 'held',
      '2,4': 'not reached',
    });
    expect(byKey['1,2'].failShare).toBeCloseTo(0.05);
    expect(byKey['1,4'].checkedShare).toBeCloseTo(0.04);
    expect(cellLabel(byKey['1,2'])).toBe('5% fail');
    expect(cellLabel(byKey['1,4'])).toBe('96% vac');
  });

  it('colours refuted cells by failing share on a sequential scale, every other outcome by its own colour, with both legends', async () => {
    const spec = coverageMapSpec('x', cells, PAIRS) as any;
    const [others, refuted] = spec.layer;
    expect(others.encoding.color).toMatchObject({ field: 'outcome', type: 'nominal' });
    expect(others.encoding.color.scale.domain).toEqual(['held', 'mostly vacuous', 'vacuous', 'undecided', 'partial', 'not reached']);
    expect(new Set(others.encoding.color.scale.range).size).toBe(6);
    expect(refuted.encoding.color).toMatchObject({ field: 'failShare', type: 'quantitative', scale: { domain: [0, 1] } });
    expect(spec.resolve.scale.color).toBe('independent');

    const svg = await renderSvg(spec);
    expect(svg).toMatch(/legend titled 'outcome'/);
    expect(svg).toMatch(/Gradient legend titled 'refuted: failing share'/);
    const fill = (key: string) => {
      const [lA, lB] = key.split(',');
      const m = new RegExp(`aria-label="lB: ${lB}; lA: ${lA};[^"]*" role="graphics-symbol" aria-roledescription="rect mark" d="[^"]*" fill="([^"]+)"`).exec(svg);
      return m?.[1];
    };
    // a mostly vacuous cell is not painted held, and the two refuted shares differ in colour
    for (const key of ['1,2', '1,3', '1,4', '1,5', '1,6', '2,3', '2,4']) expect(fill(key), key).toMatch(/^(#|rgb)/);
    expect(fill('1,4')).not.toBe(fill('2,3'));
    expect(fill('1,2')).not.toBe(fill('1,3'));
    expect(fill('1,5')).not.toBe(fill('2,3'));
  });

  it('makes bands wide enough for every in-cell label', () => {
    const spec = coverageMapSpec('x', cells, PAIRS) as any;
    for (const c of cells) expect(spec.width.step).toBeGreaterThanOrEqual(textWidth(cellLabel(c), 10));
  });
});

describe('axis labels fit', () => {
  it('stay horizontal when they fit, and are rotated and thinned when they do not', () => {
    expect(axisLabelFit(['1', '2', '12'], 44)).toMatchObject({ labelAngle: 0, labelOverlap: 'greedy' });
    expect(axisLabelFit(['1000–1031', '1032–1063'], 48).labelAngle).not.toBe(0);
  });

  it('the l0 bands chart rotates long band labels', () => {
    const wide = { ...summary, expected: { ...summary.expected, l0: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [String(1000 + i), 1])) } } as ConjectureSummary;
    const spec = bandsSpec('x', bandCoverage(wide, BANDS), BANDS) as any;
    expect(spec.encoding.x.axis.labelAngle).toBe(-45);
  });
});

const claim = (met: boolean): ClaimResult =>
  ({ name: met ? 'good' : 'bad', slug: met ? 'good' : 'bad', conjecture: 'token-balance', expect: 'holds', status: met ? 'verified' : 'refuted', met, verdict: 'v', minimal: null, vacuousShare: 0, dir: 'd', complete: true }) as never;

describe('the gate page', () => {
  it('marks claims with plain-text badges, no emoji', async () => {
    const report = { passed: false, results: [claim(true), claim(false)], corpus: null, seconds: 1 };
    for (const name of ['html', 'markdown'] as const) {
      const [file] = await GATE_REPORTERS[name].render(report);
      expect(file.content, name).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    const [html] = await GATE_REPORTERS.html.render(report);
    expect(html.content).toContain('<span class="status met">MET</span>');
    expect(html.content).toContain('<span class="status unmet">NOT MET</span>');
  });

  it('pages and charts name generic font families only', async () => {
    const generic = new Set(['sans-serif', 'serif', 'monospace']);
    const css = page('t', '');
    const families = [...css.matchAll(/font(?:-family)?:\s*([^;}]+)/g)].flatMap((m) => m[1].split(',').map((f) => f.trim().split(/\s+/).pop()!.replace(/["']/g, '')));
    expect(families.length).toBeGreaterThan(0);
    for (const f of families) expect(generic.has(f), f).toBe(true);
    const svg = await renderSvg(coverageMapSpec('x', pairCoverage(summary, PAIRS), PAIRS));
    for (const m of svg.matchAll(/font-family="([^"]+)"/g)) expect(generic.has(m[1]), m[1]).toBe(true);
  });
});

/** The marks drawn in an SVG: its non-empty paths but the rectangular frames (a title adds only frames). */
const pathsOf = (svg: string) => (svg.match(/ d="[^"]+"/g) ?? []).filter((d) => !/^ d="M[\d.,-]+h[\d.-]+v[\d.-]+h[\d.-]+Z"$/.test(d));

describe('charts of values beyond the doubles’ range', () => {
  const line = (values: (number | null)[]) =>
    ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 200,
      height: 100,
      data: { values: values.map((v, t) => ({ t, v })) },
      mark: 'line',
      encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } },
    }) as never;

  it('leave such a value out instead of stretching the scale to ∞ (which drew every finite point at the top, and wrote NaN)', async () => {
    const withInfinity = await renderSvg(line([1, Number.POSITIVE_INFINITY, 3]));
    expect(withInfinity).not.toMatch(/NaN/);
    // The finite points stand where they stand without the infinite one.
    const finite = await renderSvg(line([1, null, 3]));
    expect(pathsOf(withInfinity)).toEqual([' d="M0,66.667ZM200,0Z"']); // the two finite points, where they stand
    expect(pathsOf(withInfinity)).toEqual(pathsOf(finite));
    expect(pathsOf(withInfinity)).not.toEqual(pathsOf(await renderSvg(line([1, 2, 3]))));
  });

  it('say under the title how many values they left out, and only when they left some out', async () => {
    const note = /values? beyond the range of doubles left out/;
    expect(await renderSvg(line([1, Number.POSITIVE_INFINITY, 3]))).toMatch(/1 value beyond the range of doubles left out \(the tables give them exactly\)/);
    const titled = await renderSvg({ ...(line([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 3]) as object), title: { text: 'Δ', subtitle: 'red: above' } } as never);
    expect(titled).toMatch(/2 values beyond the range/);
    expect(titled).toMatch(/red: above/); // the chart's own subtitle stays
    expect(await renderSvg(line([1, null, 3]))).not.toMatch(note);
    expect(await renderSvg(line([1, 2, 3]))).not.toMatch(note);
  });

  it('keep the Δ heatmap’s colour scale finite', () => {
    const steps = [0, 1].map((t) => ({ t, delta: [t === 1 ? Number.NEGATIVE_INFINITY : 0.5, -2] }));
    const spec = deltaHeatmapSpec({ steps } as never) as unknown as { encoding: { color: { scale: { domain: number[] } } } };
    expect(spec.encoding.color.scale.domain).toEqual([-2, 2]);
  });
});
