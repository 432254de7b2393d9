/**
 * The nearest double of an exact value written "p/q" or "p" (as saved in the
 * results), or null for any other text. Reporters render saved results only:
 * they read exact values as text, without the harness's number types.
 */
export function approximate(text: string): number | null {
  const exact = parseExact(text);
  if (!exact) return null;
  const { num: p, den: q } = exact;
  // Scale so that the quotient keeps 17 significant digits whatever the sizes of p and q.
  const shift = Math.max(0, q.toString().length - p.toString().replace('-', '').length + 18);
  const scaled = (p * 10n ** BigInt(shift)) / q;
  return Number(`${scaled}e-${shift}`);
}

/** Whether the text is an integer ("p"). */
export const isIntegerText = (text: string) => /^\s*-?\d+\s*$/.test(text);

/** "p/q" or "p" (q > 0) as BigInts, or null for any other text. */
export function parseExact(text: string): { num: bigint; den: bigint } | null {
  const m = /^\s*(-?\d+)(?:\/(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const den = BigInt(m[2] ?? '1');
  return den === 0n ? null : { num: BigInt(m[1]), den };
}
