import type { Arithmetic } from './arithmetic.js';
import { Rational } from './rational.js';

/** Exact rationals on BigInt: the default backend and the only one that decides verdicts. */
export const exactArithmetic: Arithmetic<Rational> = {
  id: 'exact',
  label: 'exact rationals (BigInt)',
  decidesVerdicts: true,
  zero: Rational.ZERO,
  one: Rational.ONE,
  fromInteger: (n) => Rational.fromInteger(n),
  fromRational: (r) => r,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  abs: (a) => a.abs(),
  dot: (a, b) => Rational.dot(a, b),
  normalize: (a) => a.normalized(),
  compare: (a, b) => a.compare(b),
  sign: (a) => a.sign(),
  isZero: (a) => a.isZero(),
  toNumber: (a) => a.toNumber(),
  format: (a) => a.toString(),
  key: (a) => a.toString(),
};
