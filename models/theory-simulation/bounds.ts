import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { RationalRange } from '../arithmetic/rational-range.js';

export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Kinds of initial state a search may generate. */
export type InitKind = 'canonical' | 'balanced' | 'unbalanced' | 'per-type';
export const INIT_KINDS: readonly InitKind[] = ['canonical', 'balanced', 'unbalanced', 'per-type'];

/** The space a search explores: a range per parameter and the initial-state families. */
export interface SearchBounds {
  readonly l0: IntRange;
  readonly lA: IntRange;
  readonly lB: IntRange;
  readonly B: RationalRange;
  readonly lambdaA: RationalRange;
  readonly lambdaB: RationalRange;
  /** Initial-state kinds (canonical always first in the minimality order). */
  readonly inits: readonly InitKind[];
  /** Largest coordinate sum of a generated lattice initial state. */
  readonly latticeMax: number;
}

export const DEFAULT_BOUNDS = Object.freeze<SearchBounds>({
  l0: { min: 1, max: 40 },
  lA: { min: 1, max: 11 },
  lB: { min: 2, max: 12 },
  B: { min: Rational.ONE, max: Rational.fromInteger(1000), maxDenominator: 1 },
  lambdaA: { min: Rational.of(1, 4), max: Rational.fromInteger(4), maxDenominator: 4 },
  lambdaB: { min: Rational.of(1, 4), max: Rational.fromInteger(4), maxDenominator: 4 },
  inits: ['canonical', 'balanced', 'unbalanced', 'per-type'],
  latticeMax: 6,
});

const usage = (message: string) => new InputError('BAD_FLAG', message);

/** "1..40" or "7" → an inclusive integer range. */
export function parseIntRange(flag: string, text: string, floor: number): IntRange {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw usage(`${flag} expects an integer or a range such as 1..40 (got "${text}")`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < floor) throw usage(`${flag} must not go below ${floor} (got "${text}")`);
  if (max < min) throw usage(`${flag} range is empty: ${max} < ${min} (got "${text}")`);
  return { min, max };
}

/** "1/4..4" or "60" → a rational range (positive). */
export function parseRationalRange(flag: string, text: string, maxDenominator: number): RationalRange {
  const parts = text.split('..');
  if (parts.length > 2) throw usage(`${flag} expects a rational or a range such as 1/4..4 (got "${text}")`);
  let min: Rational;
  let max: Rational;
  try {
    min = Rational.parse(parts[0]);
    max = parts.length === 2 ? Rational.parse(parts[1]) : min;
  } catch {
    throw usage(`${flag} expects a rational or a range such as 1/4..4 (got "${text}")`);
  }
  if (min.sign() <= 0) throw usage(`${flag} must be greater than 0 (got "${text}")`);
  if (max.compare(min) < 0) throw usage(`${flag} range is empty: ${max} < ${min} (got "${text}")`);
  const lcm = Math.max(maxDenominator, Number(min.den), Number(max.den));
  return { min, max, maxDenominator: lcm };
}

export function parseInitKinds(text: string): InitKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!(INIT_KINDS as readonly string[]).includes(k)) {
      throw usage(`--init accepts ${INIT_KINDS.join(', ')} (comma-separated; got "${k}")`);
    }
  }
  if (kinds.length === 0) throw usage('--init needs at least one kind');
  return kinds as InitKind[];
}

/** Checks that the bounds admit at least one valid parameter set. */
export function validateBounds(b: SearchBounds): SearchBounds {
  if (b.lB.max < 2) throw usage('--lB must allow a value ≥ 2');
  if (b.lA.min >= b.lB.max) {
    throw usage(`--lA and --lB admit no lA < lB (lA ≥ ${b.lA.min}, lB ≤ ${b.lB.max})`);
  }
  if (!Number.isSafeInteger(b.latticeMax) || b.latticeMax < 1) throw usage('--lattice must be an integer ≥ 1');
  return b;
}

/** The inverse of `boundsToJson` (validated like flags). */
export function boundsFromJson(json: unknown): SearchBounds {
  const j = json as ReturnType<typeof boundsToJson>;
  const r = (x: { min: string; max: string; maxDenominator: number }): RationalRange => ({ min: Rational.parse(x.min), max: Rational.parse(x.max), maxDenominator: x.maxDenominator });
  return validateBounds({
    l0: j.l0,
    lA: j.lA,
    lB: j.lB,
    B: r(j.B),
    lambdaA: r(j.lambdaA),
    lambdaB: r(j.lambdaB),
    inits: parseInitKinds(j.inits.join(',')),
    latticeMax: j.latticeMax,
  });
}

export function boundsToJson(b: SearchBounds) {
  const r = (x: RationalRange) => ({ min: x.min.toString(), max: x.max.toString(), maxDenominator: x.maxDenominator });
  return {
    l0: b.l0,
    lA: b.lA,
    lB: b.lB,
    B: r(b.B),
    lambdaA: r(b.lambdaA),
    lambdaB: r(b.lambdaB),
    inits: [...b.inits],
    latticeMax: b.latticeMax,
  };
}
