import { UndecidedComparison } from '../arithmetic/arithmetic.js';
import { encloseQuotient, intervalArithmeticWithInputs, type Interval } from '../arithmetic/interval.js';
import { integerAnalysis } from './lean-context.js';
import type { Rational } from '../arithmetic/rational.js';
import type { ParameterContext } from './context.js';
import type { LinearAnalysis } from './linear/analysis.js';
import type { Matrix } from './linear/matrix.js';
import type { ModelSetup } from './setup.js';
import { screenParameters, type ScreenParameters } from './screen-run.js';

/**
 * The screening context of a parameter set: the exact context's values as certified
 * enclosures. Everything derived from the parameters (W, B, N*, A, P, …) is computed
 * exactly once and only then enclosed, so no linear algebra runs on enclosures; the
 * stability decision is the exact one.
 */
export function intervalContext(exact: ParameterContext<Rational>): ParameterContext<Interval> {
  // Values in units of N* are held relative to it: deviations from equilibrium keep their own precision.
  const ar = intervalArithmeticWithInputs(exact.setup.Nstar);
  const enclose = (x: Rational) => ar.fromRational(x);
  const vector = (xs: readonly Rational[]) => Object.freeze(xs.map(enclose));
  const matrix = (M: Matrix<Rational>): Matrix<Interval> => M.map((row) => row.map(enclose));
  const e = exact.setup;
  const Nstar = enclose(e.Nstar);
  // What a kernel reads (B, W, N*) is enclosed now; the rest only when a screening view asks.
  const lazily = <T>(compute: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= compute());
  };
  const p = lazily(() => enclose(e.p));
  const q = lazily(() => enclose(e.q));
  const tokens = lazily(() => vector(e.tokens));
  const sumW = lazily(() => enclose(e.sumW));
  const Mstar = lazily(() => Object.freeze(e.Mstar.map(() => Nstar)));
  const zeros = lazily(() => Object.freeze(e.zeros.map(() => ar.zero)));
  const setup: ModelSetup<Interval> = Object.freeze({
    ar,
    params: e.params,
    stages: e.stages,
    B: enclose(e.B),
    get p() {
      return p();
    },
    get q() {
      return q();
    },
    get tokens() {
      return tokens();
    },
    W: vector(e.W),
    get sumW() {
      return sumW();
    },
    Nstar,
    get Mstar() {
      return Mstar();
    },
    get zeros() {
      return zeros();
    },
  });
  const integers = () => integerAnalysis(exact);
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  const linear: LinearAnalysis<Interval> = {
    setup,
    get A() {
      return once('A', () => matrix(exact.linear.A));
    },
    get F() {
      return once('F', () => exact.linear.F.map(enclose));
    },
    // Stability and P from the fraction-free integer analysis (the same values, without a gcd per entry).
    get stability() {
      return once('stability', () => ({ ...integers().stability, margin: enclose(integers().stability.margin) }));
    },
    get P() {
      return once('P', () => {
        const { n, d } = integers().P;
        const k = e.stages;
        return Array.from({ length: k }, (_, i) => n.slice(i * k, (i + 1) * k).map((x) => encloseQuotient(x, d)));
      });
    },
    get PInverse00() {
      return once('PInverse00', () => enclose(exact.linear.PInverse00));
    },
    lyapunov() {
      // Not needed by any screened conjecture; one that asks is decided on the exact path.
      throw new UndecidedComparison('bound');
    },
    get spectrumEstimate() {
      return exact.linear.spectrumEstimate as unknown as LinearAnalysis<Interval>['spectrumEstimate'];
    },
  };
  let screen: ScreenParameters | null = null;
  return {
    ar,
    params: exact.params,
    setup,
    linear,
    exact,
    get screen() {
      return (screen ??= screenParameters(exact));
    },
  } as ParameterContext<Interval>;
}

/** The impulse-response bounds of a screening context (see screen-run.ts). */
export function screenParametersOf(ctx: ParameterContext<Interval>): ScreenParameters {
  return (ctx as unknown as { screen: ScreenParameters }).screen;
}
