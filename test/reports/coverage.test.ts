import { describe, expect, it } from 'vitest';
import { bandCoverage, classify, pairCoverage } from '../../reports/coverage.js';
import type { ConjectureSummary } from '../../harness/schema.js';
import type { CoverageDimension } from '../../models/family.js';

const pairs: CoverageDimension = { id: 'pairs', label: '(x, y)', kind: 'pair', axes: ['x', 'y'] };
const band: CoverageDimension = { id: 'l0', label: 'n', kind: 'bands' };

const counts = (cells: number, cellsFailed = 0, cellsVacuous = 0) => ({ cells, cellsFailed, cellsVacuous, statesChecked: cells * 10, statesFailed: cellsFailed });

describe('coverage classification', () => {
  it.each([
    ['refuted when a cell failed, even if others are missing', counts(3, 1), 10, 'refuted'],
    ['not reached when no cell was evaluated', undefined, 10, 'not reached'],
    ['partial when some declared cells are missing', counts(7), 10, 'partial'],
    ['vacuous when every evaluated cell had a false precondition', counts(10, 0, 10), 10, 'vacuous'],
    ['held when every cell was evaluated, none failed, not all vacuous', counts(10, 0, 9), 10, 'held'],
  ] as const)('%s', (_what, c, expected, outcome) => {
    expect(classify(c, expected)).toBe(outcome);
  });

  it('lists every declared pair, reached or not, and groups l0 into bands', () => {
    const summary = {
      coverage: { pairs: { '1,2': counts(4, 1) }, l0: { '1': counts(2, 1), '2': counts(2), '5': counts(0) } },
      expected: { pairs: { '1,2': 4, '1,3': 4 }, l0: { '1': 2, '2': 2, '5': 2 } },
    } as unknown as ConjectureSummary;
    expect(pairCoverage(summary, pairs).map((c) => [c.key, c.outcome])).toEqual([
      ['1,2', 'refuted'],
      ['1,3', 'not reached'],
    ]);
    expect(bandCoverage(summary, band, 2).map((b) => [b.band, b.outcome, b.cells, b.expected])).toEqual([
      ['1–2', 'refuted', 4, 4],
      ['5', 'not reached', 0, 2],
    ]);
  });
});
