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
export { decimalArithmetic, DEFAULT_DECIMAL_PRECISION } from './decimal.js';

export const ARITHMETIC_IDS: readonly ArithmeticId[] = ['exact', 'decimal', 'float64'];

export interface ArithmeticChoice {
  id: ArithmeticId;
  /** Significant digits for the decimal backend. */
  precision?: number;
}

export function isArithmeticId(id: string): id is ArithmeticId {
  return (ARITHMETIC_IDS as readonly string[]).includes(id);
}

/** The backend a run asked for (type-erased: callers stay generic over N). */
export function arithmeticFor(choice: ArithmeticChoice): Arithmetic<unknown> {
  switch (choice.id) {
    case 'exact':
      return exactArithmetic as Arithmetic<unknown>;
    case 'float64':
      return float64Arithmetic as Arithmetic<unknown>;
    case 'decimal':
      return decimalArithmetic(choice.precision ?? DEFAULT_DECIMAL_PRECISION) as Arithmetic<unknown>;
  }
}
