import type { Arithmetic } from './arithmetic.js';
import { exactArithmetic } from './exact.js';
import { Rational } from './rational.js';

const P = (1n << 61n) - 1n; // a Mersenne prime

function modInverse(a: bigint): bigint {
  // Extended Euclid on values below 2^61.
  let [r0, r1] = [P, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % P) + P) % P;
}

/** Denominators above 2^4096 are reduced by `normalize` (bounds an accumulator's growth). */
const LEAN_REDUCE_ABOVE = 1n << 4096n;

let lastDen = 1n;
let lastInverse = 1n;

/**
 * The lean exact path: exact rationals on BigInt that are never reduced by gcd. The models
 * keep every state over one common denominator per step (see the family's lean run), so
 * sums and dot products of state entries are integer operations on numerators; comparisons
 * cross-multiply. Values are reduced only when their digits are printed. It decides verdicts
 * exactly like `exactArithmetic` (same values, same type); only the stored forms differ.
 * `normalize` reduces only large denominators: conjectures call it on long-lived
 * accumulators, and a sum over the run's growing common denominators stays over the latest
 * one (each divides the next), so reducing it would buy little for a gcd; a denominator
 * past `LEAN_REDUCE_ABOVE` (sums whose denominators did not divide) is reduced as before.
 */
export const leanExactArithmetic: Arithmetic<Rational> = {
  ...exactArithmetic,
  label: 'exact rationals (BigInt, common denominators, no gcd)',
  normalize: (a) => (a.stored.d > LEAN_REDUCE_ABOVE ? a.normalized() : a),
  /** n·d⁻¹ mod 2⁶¹−1: equal values give equal keys whatever their stored form (matches are confirmed with compare). */
  key: (a) => {
    const { n, d } = a.stored;
    if (n === 0n) return '0';
    const dm = d % P;
    if (dm === 0n) return a.toString();
    if (dm !== lastDen) {
      lastDen = dm;
      lastInverse = modInverse(dm);
    }
    return `#${((((n % P) + P) % P) * lastInverse) % P}`;
  },
};

/** Whether a backend is the lean exact one (a family then runs its common-denominator models). */
export const isLean = (ar: Arithmetic<unknown>): boolean => ar === (leanExactArithmetic as Arithmetic<unknown>);
