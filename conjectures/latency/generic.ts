import { Rational } from '../../models/arithmetic/rational.js';
import { InputError } from '../../models/errors.js';
import type { ContextPool } from '../../models/latency/certify.js';
import './family-types.js';
import type { LatencyContext, LatencyView } from '../../models/latency/candidate.js';
import type { Outcome } from '../support/outcome.js';
import type { ParameterConjecture, StepConjecture } from '../types.js';
import type { GridConjecture, LatencyMargin, LatencyOptions, RealConjecture, SlaConjecture, ThetaConjecture } from './types.js';

/**
 * The seed-003 conjectures as generic conjectures of the `latency` family.
 *
 * - 'theta' and 'real' statements become ParameterConjectures, decided once
 *   per θ (a limit claim by its documented argument, never by evaluating a prefix);
 * - 'grid' statements become StepConjectures at t = 0 of the runs from a point (B, S);
 * - 'sla' becomes a StepConjecture at t = 0 of the runs from a query (B, T*).
 *
 * Margins: the harness needs an exact value of the run's arithmetic. A
 * conjecture decided by an exact rational keeps it. One decided by a certified
 * enclosure [lo, hi] gets the endpoint nearest to 0 as its margin — lo when it
 * holds (lo > 0), hi when it fails (hi < 0) — a rational with the decided sign
 * that bounds the true margin towards 0; the enclosure itself is kept in the
 * values as `marginEnclosure`. An undecided outcome (enclosure containing 0)
 * has no margin.
 */
export type LatencyParameterConjecture = ParameterConjecture<'latency'>;
export type LatencyStepConjecture = StepConjecture<'latency'> & { readonly input: 'point' | 'sla' };

/** Most S values an SLA inversion examines inside a check or sweep (beyond it the state is undecided). */
export const SLA_LIMIT_IN_CHECKS = 5_000;

const options = (physical: boolean, pool?: ContextPool): LatencyOptions => ({ physical, slaLimit: SLA_LIMIT_IN_CHECKS, ...(pool ? { pool } : {}) });

export function toGenericOutcome<N>(o: Outcome<LatencyMargin>): Outcome<N> {
  const { margin, values, ...rest } = o;
  const out: Outcome<unknown> = { ...rest, values: { ...values } };
  if (margin === undefined) return out as Outcome<N>;
  if (margin instanceof Rational) return { ...out, margin } as Outcome<N>;
  const bound = enclosureBound(margin, o.status);
  return { ...out, ...(bound ? { margin: bound } : {}), values: { ...values, marginEnclosure: margin } } as unknown as Outcome<N>;
}

/** The endpoint of "[lo, hi]" nearest to 0 when the status says which sign was certified. */
export function enclosureBound(enclosure: string, status: Outcome<unknown>['status']): Rational | null {
  const m = /^\[\s*([^,\s]+)\s*,\s*([^\]\s]+)\s*\]$/.exec(enclosure);
  if (!m) return null;
  const lo = Rational.parse(m[1]);
  const hi = Rational.parse(m[2]);
  if (status === 'holds' && lo.sign() > 0) return lo;
  if (status === 'fails' && hi.sign() < 0) return hi;
  return null;
}

interface Described {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
  readonly margin: string;
  readonly remark?: string;
}

const common = (c: Described) => ({
  id: c.id,
  statement: c.statement,
  source: c.source,
  family: 'latency' as const,
  preconditions: [],
  names: [],
  margin: c.margin,
  ...(c.remark ? { remark: c.remark } : {}),
});

/** A statement about θ alone (or a limit decided from θ): once per parameter set. */
export function parameterConjecture(core: ThetaConjecture | RealConjecture): LatencyParameterConjecture {
  return {
    ...common(core),
    scope: 'parameters',
    check<N>(ctx: LatencyContext<N>) {
      return toGenericOutcome<N>(core.check(ctx.theta, undefined, options(ctx.physical, ctx.pool)));
    },
  };
}

/** A statement per point (B, S) of the integer domain. */
export function pointConjecture(core: GridConjecture): LatencyStepConjecture {
  return {
    ...common(core),
    scope: 'step',
    input: 'point',
    appliesAt: <N>(view: LatencyView<N>) => view.init.kind === 'point',
    check<N>(view: LatencyView<N>) {
      return toGenericOutcome<N>(core.check(view.theta, view.point!, options(view.physical, view.pool)));
    },
  };
}

/** A statement per SLA query (B, T*). */
export function slaConjecture(core: SlaConjecture): LatencyStepConjecture {
  return {
    ...common(core),
    scope: 'step',
    input: 'sla',
    appliesAt: <N>(view: LatencyView<N>) => view.init.kind === 'sla',
    check<N>(view: LatencyView<N>) {
      const q = view.init as Extract<LatencyView<N>['init'], { kind: 'sla' }>;
      try {
        return toGenericOutcome<N>(core.check(view.theta, { B: q.B, target: q.target }, options(view.physical, view.pool)));
      } catch (error) {
        // An inversion that would scan too many S is not decided here (never a pass).
        if (error instanceof InputError && error.code === 'SLA_LIMIT') return { status: 'undecided', values: {}, note: error.message };
        throw error;
      }
    },
  };
}
