import type { ConjectureRun } from '../engine/cell.js';
import { formatParams } from '../../models/theory-simulation/params.js';
import { admissionScale as scaleOf } from '../../models/theory-simulation/bench/float-cell.js';
import { evaluateFloatCell, FLOAT_PREDICATE_IDS, FloatTrace } from '../../models/theory-simulation/bench/float-cell.js';
import { floatVerdict, NEAR_ZERO_RELATIVE } from '../../models/theory-simulation/bench/float-loop.js';
import { NOT_CHECKED, STATUS_CODE, type StatusTable } from './exact-run.js';
import type { GridCell } from '../../models/theory-simulation/bench/reference-grid.js';

/**
 * Sanity check (untimed): re-runs the float64 loop on the exact run's cells
 * and compares, wherever a double can decide, (1) stability, (2) the eviction
 * decision (ã < 0, skipped when |ã| is near 0), (3) holds/fails of every
 * predicate (skipped when the float margin is near 0), (4) which states each
 * predicate applies to.
 */

export interface Comparison {
  compared: number;
  /** Not compared because the double is within rounding of 0. */
  nearZero: number;
  disagree: number;
}

export interface Agreement {
  readonly stability: Comparison;
  readonly eviction: Comparison;
  readonly verdicts: Comparison;
  /** States where exactly one side evaluated a predicate (out of scope or vacuous on the other). */
  readonly scopeDisagreements: number;
  readonly disagreementsByConjecture: Record<string, number>;
  /** The first few disagreements, described. */
  readonly examples: string[];
}

const MAX_EXAMPLES = 5;
const HOLDS = STATUS_CODE.holds;
const FAILS = STATUS_CODE.fails;

export function checkAgreement(
  cells: readonly GridCell[],
  steps: number,
  runs: readonly ConjectureRun[],
  statuses: StatusTable,
): Agreement {
  const runOf = FLOAT_PREDICATE_IDS.map((id) => runs.findIndex((r) => r.conjecture.id === id));
  const isEvictionStep = runOf.map((run) => runs[run].conjecture.scope === 'eviction-step');
  const stabilityProbe = runs.findIndex((r) => r.conjecture.id === 'inner-product-nonneg');
  const evictionProbe = runs.findIndex((r) => r.conjecture.id === 'eviction-p-nonexpansive');
  const stability: Comparison = { compared: 0, nearZero: 0, disagree: 0 };
  const eviction: Comparison = { compared: 0, nearZero: 0, disagree: 0 };
  const verdicts: Comparison = { compared: 0, nearZero: 0, disagree: 0 };
  let scopeDisagreements = 0;
  const disagreementsByConjecture: Record<string, number> = {};
  const examples: string[] = [];
  const note = (cell: GridCell, t: number, what: string) => {
    if (examples.length < MAX_EXAMPLES) examples.push(`${formatParams(cell.params)} t=${t}: ${what}`);
  };

  const trace = new FloatTrace(steps);
  cells.forEach((cell, position) => {
    evaluateFloatCell(cell.params, trace);
    const code = (run: number, t: number) => statuses.codes[statuses.slot(position, run, t)];

    // Stable iff an A-stable predicate got a verdict rather than "vacuous" at t = 0.
    const exactCode = code(stabilityProbe, 0);
    const exactStable = exactCode === HOLDS || exactCode === FAILS;
    stability.compared++;
    if (exactStable !== trace.stable) {
      stability.disagree++;
      note(cell, 0, `exact says A ${exactStable ? '' : 'not '}stable, float64 the opposite`);
    }

    // Eviction-step predicates receive an outcome exactly at eviction steps.
    const admissionScale = scaleOf(cell.params);
    const evictionUndecided = (t: number) => Math.abs(trace.desired[t]) <= NEAR_ZERO_RELATIVE * admissionScale;
    for (let t = 1; t <= steps; t++) {
      if (evictionUndecided(t)) {
        eviction.nearZero++;
        continue;
      }
      eviction.compared++;
      const exactEvicted = code(evictionProbe, t) !== NOT_CHECKED;
      if (exactEvicted !== (trace.evicted[t] === 1)) {
        eviction.disagree++;
        note(cell, t, `exact ${exactEvicted ? 'evicts' : 'does not evict'}, float64 ã = ${trace.desired[t]}`);
      }
    }

    FLOAT_PREDICATE_IDS.forEach((id, k) => {
      for (let t = 0; t <= steps; t++) {
        const exact = code(runOf[k], t);
        const margin = trace.margin[trace.slot(k, t)];
        const exactDecided = exact === HOLDS || exact === FAILS;
        if (isEvictionStep[k] && t >= 1 && evictionUndecided(t)) {
          // Whether this state is in scope at all is within rounding of the eviction threshold.
          if (exactDecided || !Number.isNaN(margin)) verdicts.nearZero++;
          continue;
        }
        if (exactDecided !== !Number.isNaN(margin)) {
          scopeDisagreements++;
          note(cell, t, `${id}: evaluated by ${exactDecided ? 'exact only' : 'float64 only'}`);
          continue;
        }
        if (!exactDecided) continue;
        const verdict = floatVerdict(margin, trace.scale[trace.slot(k, t)]);
        if (verdict === 'near-zero') {
          verdicts.nearZero++;
          continue;
        }
        verdicts.compared++;
        if ((verdict === 'holds') !== (exact === HOLDS)) {
          verdicts.disagree++;
          disagreementsByConjecture[id] = (disagreementsByConjecture[id] ?? 0) + 1;
          note(cell, t, `${id}: exact ${exact === HOLDS ? 'holds' : 'fails'}, float64 margin ${margin}`);
        }
      }
    });
  });
  return { stability, eviction, verdicts, scopeDisagreements, disagreementsByConjecture, examples };
}
