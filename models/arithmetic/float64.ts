import type { Arithmetic } from './arithmetic.js';

const cmp = (a: number, b: number): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** IEEE doubles: fast screening only; never decides a verdict. */
export const float64Arithmetic: Arithmetic<number> = {
  id: 'float64',
  label: 'float64 (screening only)',
  decidesVerdicts: false,
  zero: 0,
  one: 1,
  fromInteger: (n) => Number(n),
  fromRational: (r) => r.toNumber(),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => {
    if (b === 0) throw new RangeError(`division by zero (${a} / 0)`);
    return a / b;
  },
  neg: (a) => -a,
  abs: (a) => Math.abs(a),
  dot: (a, b) => {
    let acc = 0;
    for (let i = 0; i < a.length; i++) acc += a[i] * b[i];
    return acc;
  },
  normalize: (a) => a,
  compare: cmp,
  sign: (a) => cmp(a, 0),
  isZero: (a) => a === 0,
  toNumber: (a) => a,
  format: (a) => String(a),
  key: (a) => (Object.is(a, -0) ? '0' : String(a)),
};
