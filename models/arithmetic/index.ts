import type { Arithmetic, ArithmeticId } from './arithmetic.js';
import { DEFAULT_DECIMAL_PRECISION, decimalArithmetic } from './decimal.js';
import { exactArithmetic } from './exact.js';
import { float64Arithmetic } from './float64.js';

export type { Arithmetic, ArithmeticId } from './arithmetic.js';
export { UndecidedComparison, type UndecidedReason } from './arithmetic.js';
export { Rational, gcd } from './rational.js';
export { exactArithmetic } from './exact.js';
export { leanExactArithmetic, isLean } from './lean.js';
export { float64Arithmetic } from './float64.js';
export { intervalArithmetic, Interval } from './interval.js';
export { decimalArithmetic, DEFAULT_DECIMAL_PRECISION } from './decimal.js';

/**
 * What `check --arithmetic` accepts: `filtered` (certified enclosures with exact fallback, the
 * default) and `exact` decide; `decimal` and `float64` only screen candidates.
 */
export type ArithmeticChoiceId = 'filtered' | 'exact' | 'decimal' | 'float64';
export const ARITHMETIC_IDS: readonly ArithmeticChoiceId[] = ['filtered', 'exact', 'decimal', 'float64'];

export interface ArithmeticChoice {
  id: ArithmeticChoiceId;
  /** Significant digits for the decimal backend. */
  precision?: number;
}

export function isArithmeticId(id: string): id is ArithmeticChoiceId {
  return (ARITHMETIC_IDS as readonly string[]).includes(id);
}

/** The backend a run asked for (type-erased: callers stay generic over N). */
export function arithmeticFor(choice: ArithmeticChoice): Arithmetic<unknown> {
  switch (choice.id) {
    case 'exact':
    case 'filtered':
      return exactArithmetic as Arithmetic<unknown>;
    case 'float64':
      return float64Arithmetic as Arithmetic<unknown>;
    case 'decimal':
      return decimalArithmetic(choice.precision ?? DEFAULT_DECIMAL_PRECISION) as Arithmetic<unknown>;
  }
}
