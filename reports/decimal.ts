/**
 * The nearest double of an exact value written "p/q" or "p" (as saved in the
 * results), or null for any other text. Reporters render saved results only:
 * they read exact values as text, without the harness's number types.
 */
export function approximate(text: string): number | null {
  const m = /^\s*(-?\d+)(?:\/(\d+))?\s*$/.exec(text);
  if (!m) return null;
  const p = BigInt(m[1]);
  const q = BigInt(m[2] ?? '1');
  if (q === 0n) return null;
  // Scale so that the quotient keeps 17 significant digits whatever the sizes of p and q.
  const shift = Math.max(0, q.toString().length - p.toString().replace('-', '').length + 18);
  const scaled = (p * 10n ** BigInt(shift)) / q;
  return Number(`${scaled}e-${shift}`);
}

/** Whether the text is an integer ("p"). */
export const isIntegerText = (text: string) => /^\s*-?\d+\s*$/.test(text);
