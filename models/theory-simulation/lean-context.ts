import { leanExactArithmetic } from '../arithmetic/lean.js';
import { gcd, Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { requireStableA, type LinearAnalysis } from './linear/analysis.js';
import { solveLyapunovCompanionIntegers, type IntegerMatrix } from './linear/lyapunov.js';
import type { Matrix } from './linear/matrix.js';
import { schurCohnIntegers, type StabilityDecision } from './linear/stability.js';

/**
 * The parameter context of the lean exact path (see lean-run.ts): the exact context with the
 * lean arithmetic, W over one common denominator, and the stability decision and P computed
 * fraction-free on integers (the same values as the exact analysis, without a gcd per entry).
 */

const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

/** A vector of rationals over one common denominator: numerators and the denominator. */
export function commonDenominator(xs: readonly Rational[]): { n: bigint[]; d: bigint } {
  let d = 1n;
  for (const x of xs) d = lcm(d, x.den);
  return { n: xs.map((x) => x.num * (d / x.den)), d };
}

const integerPs = new WeakMap<LinearAnalysis<Rational>, IntegerMatrix>();

/**
 * The Lyapunov P (Q = I) of an exact context over one common denominator, solved fraction-free
 * (no gcd) once per exact analysis: A's first row is −W_{s+1}/W_0 = −Wn_{s+1}/Wn_0 over W's common
 * denominator. Throws (RangeError) when A is not stable, as the analysis does.
 */
export function integerP(exact: ParameterContext<Rational>): IntegerMatrix {
  let known = integerPs.get(exact.linear);
  if (!known) {
    requireStableA(integerStability(exact));
    const Wn = commonDenominator(exact.setup.W as Rational[]).n;
    known = solveLyapunovCompanionIntegers(
      Wn.map((_, s) => (s + 1 < Wn.length ? -Wn[s + 1] : 0n)),
      Wn[0],
    );
    integerPs.set(exact.linear, known);
  }
  return known;
}

const integerStabilities = new WeakMap<LinearAnalysis<Rational>, StabilityDecision<Rational>>();

/** The exact Schur–Cohn decision of an exact context, taken fraction-free on W's integer numerators (once per analysis). */
function integerStability(exact: ParameterContext<Rational>): StabilityDecision<Rational> {
  let known = integerStabilities.get(exact.linear);
  if (!known) {
    const decision = schurCohnIntegers(commonDenominator(exact.setup.W as Rational[]).n);
    known = { stable: decision.stable, margin: Rational.lazy(decision.margin.n, decision.margin.d), decidedAtDegree: decision.decidedAtDegree };
    integerStabilities.set(exact.linear, known);
  }
  return known;
}

/**
 * The parameter context of the lean exact path: the exact one, with its arithmetic, and its
 * stability and P decided fraction-free (the same values as the exact analysis).
 */
export function leanContext(exact: ParameterContext<Rational>): ParameterContext<Rational> {
  const linear = Object.create(exact.linear) as LinearAnalysis<Rational>;
  Object.defineProperty(linear, 'stability', { get: () => integerStability(exact) });
  let P: Matrix<Rational> | null = null;
  Object.defineProperty(linear, 'P', {
    get: () => {
      if (P) return P;
      const { n, d } = integerP(exact);
      const k = exact.setup.stages;
      return (P = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => Rational.lazy(n[i * k + j], d))));
    },
  });
  const W = commonDenominator(exact.setup.W as Rational[]);
  const setup = Object.freeze({ ...exact.setup, W: Object.freeze(W.n.map((n) => Rational.lazy(n, W.d))) });
  return { ...exact, ar: leanExactArithmetic, setup, linear, exact } as ParameterContext<Rational>;
}

/** The exact (Rational path) context behind a lean one (itself otherwise). */
export function exactContextOf<N>(ctx: ParameterContext<N>): ParameterContext<N> {
  return ((ctx as { exact?: ParameterContext<N> }).exact ?? ctx) as ParameterContext<N>;
}

