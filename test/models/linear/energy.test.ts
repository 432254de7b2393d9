import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../../models/arithmetic/index.js';
import { pInner, pNormSquared } from '../../../models/theory-simulation/linear/energy.js';

describe('P inner product', () => {
  const R = (xs: (number | string)[]) => xs.map((x) => Rational.parse(String(x)));
  const P = [R([2, 1]), R([1, 3])];

  it('⟨u, v⟩_P = uᵀPv and ‖u‖²_P by hand', () => {
    // P v = (2·3 + 1·(−1), 3 − 3) = (5, 0); u·Pv = 1·5 + 2·0 = 5
    expect(String(pInner(exactArithmetic, P, R([1, 2]), R([3, -1])))).toBe('5');
    // P u = (2 + 2, 1 + 6) = (4, 7); u·Pu = 4 + 14 = 18
    expect(String(pNormSquared(exactArithmetic, P, R([1, 2])))).toBe('18');
    // with fractions: u = (1/2, −1/3): Pu = (1 − 1/3, 1/2 − 1) = (2/3, −1/2); u·Pu = 1/3 + 1/6 = 1/2
    expect(String(pNormSquared(exactArithmetic, P, R(['1/2', '-1/3'])))).toBe('1/2');
  });
});
