import fc from 'fast-check';
import { exactArithmetic } from '../../../models/arithmetic/exact.js';
import { Rational } from '../../../models/arithmetic/rational.js';
import { canonicalInitial, latticeInitial, type InitialState } from '../../../models/theory-simulation/initial-state.js';
import { validateParams, type ModelParams } from '../../../models/theory-simulation/params.js';
import type { PerTypeState } from '../../../models/theory-simulation/per-type.js';
import { setupModel } from '../../../models/theory-simulation/setup.js';

/** Shared generators for the model properties. Every property fixes its seed. */

export const SEED = 42;

/** A positive rational n/d with 1 ≤ n ≤ maxNum, 1 ≤ d ≤ maxDen. */
export const positiveRational = (maxNum: number, maxDen: number): fc.Arbitrary<Rational> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
    .map(([n, d]) => Rational.of(n, d));

/** A non-negative rational n/d with 0 ≤ n ≤ maxNum, 1 ≤ d ≤ maxDen. */
export const nonNegativeRational = (maxNum: number, maxDen: number): fc.Arbitrary<Rational> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
    .map(([n, d]) => Rational.of(n, d));

export interface ParamsBounds {
  maxL0?: number;
  maxLA?: number;
  /** lB − lA ranges over 1..maxGap. */
  maxGap?: number;
}

/** Small valid parameters (SPEC §1) with rational B and rates. */
export const paramsArb = (bounds: ParamsBounds = {}): fc.Arbitrary<ModelParams> =>
  fc
    .record({
      l0: fc.integer({ min: 1, max: bounds.maxL0 ?? 6 }),
      lA: fc.integer({ min: 1, max: bounds.maxLA ?? 3 }),
      gap: fc.integer({ min: 1, max: bounds.maxGap ?? 3 }),
      B: positiveRational(300, 6),
      lambdaA: positiveRational(4, 3),
      lambdaB: positiveRational(4, 3),
    })
    .map(({ l0, lA, gap, B, lambdaA, lambdaB }) => validateParams({ l0, lA, lB: lA + gap, B, lambdaA, lambdaB }));

const latticeArb = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }).filter((u) => u.some((x) => x > 0));

/** A merged start: canonical, balanced (lattice) or unbalanced (any M0 ≥ 0, in units of N*). */
export const mergedStartArb = (params: ModelParams): fc.Arbitrary<InitialState> => {
  const { Nstar } = setupModel(exactArithmetic, params);
  return fc.oneof(
    fc.constant(canonicalInitial()),
    latticeArb(params.lB).map((u) => latticeInitial(params, 'balanced', u)),
    fc
      .array(nonNegativeRational(12, 4), { minLength: params.lB, maxLength: params.lB })
      .map((xs): InitialState => ({ kind: 'unbalanced', M0: xs.map((x) => x.mul(Nstar)) })),
  );
};

export interface MergedCase {
  params: ModelParams;
  init: InitialState;
}

export const mergedCaseArb = (bounds: ParamsBounds = {}): fc.Arbitrary<MergedCase> =>
  paramsArb(bounds).chain((params) => mergedStartArb(params).map((init) => ({ params, init })));

/** Any per-type X(0) ≥ 0 (neither balanced nor proportional in general), in units of N*. */
export const perTypeStartArb = (params: ModelParams): fc.Arbitrary<PerTypeState<Rational>> => {
  const { Nstar } = setupModel(exactArithmetic, params);
  const vec = (n: number) =>
    fc.array(nonNegativeRational(8, 3), { minLength: n, maxLength: n }).map((xs) => xs.map((x) => x.mul(Nstar)));
  return fc.record({ A: vec(params.lA), B: vec(params.lB) });
};

export interface PerTypeCase {
  params: ModelParams;
  X0: PerTypeState<Rational>;
}

export const perTypeCaseArb = (bounds: ParamsBounds = {}): fc.Arbitrary<PerTypeCase> =>
  paramsArb(bounds).chain((params) => perTypeStartArb(params).map((X0) => ({ params, X0 })));

/** Strings of a vector, for exact comparison ("p/q" in lowest terms). */
export const str = (xs: readonly Rational[]): string[] => xs.map(String);
