import { registry } from '../../conjectures/registry.js';
import type { KernelCheck } from '../../conjectures/support/kernel.js';
import type { StepConjecture } from '../../conjectures/types.js';
import { intervalArithmetic } from '../../models/arithmetic/interval.js';
import type { GridCell } from '../../models/theory-simulation/bench/reference-grid.js';
import { forgetExactContexts } from '../../models/theory-simulation/family.js';
import { DecidingPolicy } from '../engine/deciding.js';
import { preconditionsHold, type ConjectureRun } from '../engine/cell.js';
import { ExactRun } from './exact-run.js';

/**
 * Where the filtered pass's time goes: the same cells run ever further, each stage timed as a
 * whole pass (the least of a few) and charged the difference from the one before. Each pass
 * solves its own setups, as the filtered pass does. What the deciding policy adds beyond the
 * kernels' own checks (delivering outcomes, the exact path where a kernel cannot decide, a
 * cell's bookkeeping) is the whole pass less the checks.
 */
export interface FilterParts {
  /** µs per state of each part. */
  contexts: number;
  kernelSetup: number;
  kernelSteps: number;
  conjectureKernels: number;
  policy: number;
}

const STAGES = ['contexts', 'kernelSetup', 'kernelSteps', 'conjectureKernels', 'policy'] as const;
type Stage = (typeof STAGES)[number];
const PASSES = 3;

/** `runs`: state statements whose conjectures all have kernels (the bench's inequalities). */
export function measureFilterParts(cells: readonly GridCell[], runs: readonly ConjectureRun[], steps: number): FilterParts {
  const family = registry.familyOf(runs[0].conjecture);
  const init = family.parseInit({ kind: 'canonical' });
  const checks = runs.map((r) => ({ conjecture: r.conjecture as StepConjecture, kernel: (r.conjecture as StepConjecture).kernel as KernelCheck<unknown> }));
  let states = 0;
  const pass = (stage: Stage): number => {
    forgetExactContexts();
    const start = performance.now();
    if (stage === 'policy') {
      states = new ExactRun(runs, steps, undefined, undefined, new DecidingPolicy('filtered', 0)).runCells(cells).states;
      return performance.now() - start;
    }
    let codes = 0;
    for (const cell of cells) {
      const context = family.context(intervalArithmetic, cell.params);
      if (stage === 'contexts') continue;
      const applicable = checks.map((c) => preconditionsHold(c.conjecture, context));
      const run = family.kernel!.start(context, init, steps);
      if (run === null) throw new Error('the reference grid is within the range of doubles');
      if (stage === 'kernelSetup') continue;
      for (let t = 0; t <= steps; t++) {
        if (t > 0 && !run.step()) break;
        if (stage !== 'conjectureKernels') continue;
        for (let k = 0; k < checks.length; k++) {
          const { conjecture, kernel } = checks[k];
          if (!applicable[k] || t < (conjecture.firstStep ?? 0) || (kernel.appliesAt && !kernel.appliesAt(run.state))) continue;
          codes += kernel.check(run.state);
        }
      }
    }
    // The codes are summed so that the checks cannot be optimised away.
    if (Number.isNaN(codes)) throw new Error('unreachable');
    return performance.now() - start;
  };
  for (const stage of STAGES) pass(stage); // warm-up
  const best = Object.fromEntries(STAGES.map((stage) => [stage, Infinity])) as Record<Stage, number>;
  for (let i = 0; i < PASSES; i++) for (const stage of STAGES) best[stage] = Math.min(best[stage], pass(stage));
  const perState = (ms: number) => (1000 * Math.max(0, ms)) / states;
  return {
    contexts: perState(best.contexts),
    kernelSetup: perState(best.kernelSetup - best.contexts),
    kernelSteps: perState(best.kernelSteps - best.kernelSetup),
    conjectureKernels: perState(best.conjectureKernels - best.kernelSteps),
    policy: perState(best.policy - best.conjectureKernels),
  };
}

/** The report's lines: each part in µs per state and as a multiple of the float64 loop's whole state. */
export function formatFilterParts(parts: FilterParts, floatStatesPerSecond: number): string {
  const float = 1e6 / floatStatesPerSecond;
  const part = (name: string, us: number) => `${name} ${us.toFixed(2)} (${(us / float).toFixed(1)}×)`;
  return [
    `  where the filtered pass's time goes, µs per state (× the float64 loop's ${float.toFixed(2)} µs for a whole state):`,
    `    ${[
      part('parameter contexts', parts.contexts),
      part('kernel setup', parts.kernelSetup),
      part('kernel steps', parts.kernelSteps),
      part("conjectures' kernels", parts.conjectureKernels),
      part('deciding policy', parts.policy),
    ].join(' · ')}`,
  ].join('\n');
}
