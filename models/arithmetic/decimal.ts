import { Decimal } from 'decimal.js';
import type { Arithmetic } from './arithmetic.js';
import type { Rational } from './rational.js';

export const DEFAULT_DECIMAL_PRECISION = 50;

/**
 * decimal.js at a fixed number of significant digits. Precision belongs to this
 * instance (a Decimal clone), never to the global Decimal. Screening only.
 */
export function decimalArithmetic(precision = DEFAULT_DECIMAL_PRECISION): Arithmetic<Decimal> {
  if (!Number.isInteger(precision) || precision < 1 || precision > 1e9) {
    throw new RangeError(`decimal precision must be an integer between 1 and 1e9 (got ${precision})`);
  }
  const D = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_EVEN });
  const zero = new D(0);
  return {
    id: 'decimal',
    label: `decimal.js (precision ${precision}, screening only)`,
    decidesVerdicts: false,
    zero,
    one: new D(1),
    fromInteger: (n) => new D(n.toString()),
    fromRational: (r: Rational) => new D(r.num.toString()).div(r.den.toString()),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    mul: (a, b) => a.mul(b),
    div: (a, b) => {
      if (b.isZero()) throw new RangeError(`division by zero (${a.toString()} / 0)`);
      return a.div(b);
    },
    neg: (a) => a.neg(),
    abs: (a) => a.abs(),
    dot: (a, b) => a.reduce((acc, x, i) => acc.add(x.mul(b[i])), zero),
    normalize: (a) => a,
    compare: (a, b) => a.cmp(b) as -1 | 0 | 1,
    sign: (a) => a.cmp(zero) as -1 | 0 | 1,
    isZero: (a) => a.isZero(),
    toNumber: (a) => a.toNumber(),
    format: (a) => a.toString(),
    key: (a) => (a.isZero() ? '0' : a.toString()),
  };
}
