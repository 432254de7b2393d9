import { Rational } from '../../models/arithmetic/rational.js';

/**
 * Random samples draw rationals of denominator ≤ random.maxDenominator from
 * the bounding box of each rational grid field. When a field's range holds no
 * such value (e.g. lambdaB: ["1/2"] with maxDenominator 1) sampling could never
 * succeed, and the sweep would hang: refuse it up front instead. Generic over
 * the grid's fields: any field whose values are rationals is checked.
 */
export function emptyRandomRange(grid: Record<string, unknown>, maxDenominator: number): { field: string; min: Rational; max: Rational; needs: number | null } | null {
  for (const [field, values] of Object.entries(grid)) {
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => v instanceof Rational)) continue;
    const rs = values as Rational[];
    const min = rs.reduce((a, b) => (b.compare(a) < 0 ? b : a));
    const max = rs.reduce((a, b) => (b.compare(a) > 0 ? b : a));
    if (holdsDenominator(min, max, maxDenominator)) continue;
    let needs: number | null = null;
    for (let d = maxDenominator + 1; d <= 1000; d++) {
      if (holdsDenominator(min, max, d)) {
        needs = d;
        break;
      }
    }
    return { field, min, max, needs };
  }
  return null;
}

/** Whether [min, max] holds a rational with denominator ≤ d. */
function holdsDenominator(min: Rational, max: Rational, d: number): boolean {
  for (let k = 1n; k <= BigInt(d); k++) {
    const lo = ceilDiv(min.num * k, min.den);
    const hi = floorDiv(max.num * k, max.den);
    if (lo <= hi) return true;
  }
  return false;
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);

/** What to tell the author: the field's range, and the denominator it would need. */
export function emptyRandomRangeMessage(found: NonNullable<ReturnType<typeof emptyRandomRange>>, maxDenominatorField: string, maxDenominator: number): string {
  const range = found.min.compare(found.max) === 0 ? `equal to ${found.min}` : `between ${found.min} and ${found.max}`;
  const raise = found.needs ? `: raise ${maxDenominatorField} to ${found.needs}` : '';
  return `random samples need a value of denominator ≤ ${maxDenominatorField} (${maxDenominator}) ${range}, and there is none${raise} or widen the range`;
}
