import { leanExactArithmetic } from '../arithmetic/lean.js';
import { gcd, Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import { requireStableA, type LinearAnalysis } from './linear/analysis.js';
import { solveLyapunovCompanionIntegers, type IntegerMatrix, type IntegerNumerators } from './linear/lyapunov.js';
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

/** Numerators over one denominator as (unreduced) Rationals. */
export const rationalsOver = (n: readonly bigint[], d: bigint): Rational[] => n.map((x) => Rational.lazy(x, d));

/** The integer forms of one exact analysis the lean path needs, each computed once. */
export class IntegerAnalysis {
  /** W over one common denominator. */
  readonly W: IntegerNumerators;
  private decision: StabilityDecision<Rational> | null = null;
  private lyapunov: IntegerMatrix | null = null;

  constructor(W: readonly Rational[]) {
    this.W = commonDenominator(W);
  }

  /** The exact Schur–Cohn decision, taken fraction-free on W's numerators. */
  get stability(): StabilityDecision<Rational> {
    if (!this.decision) {
      const d = schurCohnIntegers(this.W.n);
      this.decision = { stable: d.stable, margin: Rational.lazy(d.margin.n, d.margin.d), decidedAtDegree: d.decidedAtDegree };
    }
    return this.decision;
  }

  /**
   * The Lyapunov P (Q = I), row-major over one denominator, solved fraction-free: A's first row
   * is −W_{s+1}/W_0 = −Wn_{s+1}/Wn_0. Throws (RangeError) when A is not stable, as the analysis does.
   */
  get P(): IntegerMatrix {
    if (!this.lyapunov) {
      requireStableA(this.stability);
      const Wn = this.W.n;
      this.lyapunov = withoutContent(
        solveLyapunovCompanionIntegers(
          Wn.map((_, s) => (s + 1 < Wn.length ? -Wn[s + 1] : 0n)),
          Wn[0],
        ),
      );
    }
    return this.lyapunov;
  }
}

/**
 * The same matrix over a smaller denominator: the elimination leaves a common factor of about
 * half the bits in every entry and the denominator, and P's entries multiply every deviation of
 * every state, so single-word entries make those products several times cheaper.
 */
function withoutContent(P: IntegerMatrix): IntegerMatrix {
  let g = P.d;
  for (const x of P.n) if (g !== 1n) g = gcd(g, x);
  return g === 1n ? P : { n: P.n.map((x) => x / g), d: P.d / g };
}

const integerAnalyses = new WeakMap<LinearAnalysis<Rational>, IntegerAnalysis>();

/** The integer forms of an exact context's analysis (shared by every lean context and run built on it). */
export function integerAnalysis(exact: ParameterContext<Rational>): IntegerAnalysis {
  let known = integerAnalyses.get(exact.linear);
  if (!known) {
    known = new IntegerAnalysis(exact.setup.W as Rational[]);
    integerAnalyses.set(exact.linear, known);
  }
  return known;
}

/**
 * The parameter context of the lean exact path: the exact one, with its arithmetic, and its
 * stability and P decided fraction-free (the same values as the exact analysis).
 */
export function leanContext(exact: ParameterContext<Rational>): ParameterContext<Rational> {
  const integers = integerAnalysis(exact);
  const linear = Object.create(exact.linear) as LinearAnalysis<Rational>;
  Object.defineProperty(linear, 'stability', { get: () => integers.stability });
  let P: Matrix<Rational> | null = null;
  Object.defineProperty(linear, 'P', {
    get: () => {
      if (P) return P;
      const { n, d } = integers.P;
      const k = exact.setup.stages;
      return (P = Array.from({ length: k }, (_, i) => rationalsOver(n.slice(i * k, (i + 1) * k), d)));
    },
  });
  const setup = Object.freeze({ ...exact.setup, W: Object.freeze(rationalsOver(integers.W.n, integers.W.d)) });
  return { ...exact, ar: leanExactArithmetic, setup, linear, exact } as ParameterContext<Rational>;
}

/** The exact (Rational path) context behind a lean one (itself otherwise). */
export function exactContextOf<N>(ctx: ParameterContext<N>): ParameterContext<N> {
  return ((ctx as { exact?: ParameterContext<N> }).exact ?? ctx) as ParameterContext<N>;
}
