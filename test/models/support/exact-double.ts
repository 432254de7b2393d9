import { Rational } from '../../../models/arithmetic/rational.js';

/** The exact value of a double (Rational.fromNumber gives the shortest decimal instead). */
export function exactOf(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not finite`);
  if (x === 0) return Rational.ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const magnitude = exponent >= 0 ? Rational.of(mantissa << BigInt(exponent)) : Rational.of(mantissa, 1n << BigInt(-exponent));
  return negative ? magnitude.neg() : magnitude;
}
