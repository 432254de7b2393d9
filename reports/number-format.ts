import { parseExact } from './decimal.js';

/**
 * Exact values ("p/q", possibly hundreds of digits) shown to people: a short
 * decimal with `digits` significant digits, computed exactly on BigInt (so a
 * huge numerator or denominator never becomes NaN or Infinity, and a value
 * that is not 0 never shows as 0). Integers and short terminating decimals are
 * shown exactly. Non-rational text is returned as it is.
 */
export function shortDecimal(text: string, digits = 3): string {
  const r = parseExact(text);
  if (!r) return text;
  const { num, den } = r;
  if (num === 0n) return '0';
  const sign = num < 0n ? '-' : '';
  const p = num < 0n ? -num : num;
  if (den === 1n && p.toString().length <= 12) return `${sign}${p}`;
  // Exponent e with 10^e ≤ p/den < 10^(e+1).
  let e = p.toString().length - den.toString().length;
  const ge = (a: bigint, b: bigint) => a >= b;
  const scaledAtLeast = (k: number) => (k >= 0 ? ge(p, den * 10n ** BigInt(k)) : ge(p * 10n ** BigInt(-k), den));
  if (!scaledAtLeast(e)) e--;
  // mantissa = round(p/den · 10^(digits-1-e)), digits significant digits.
  const shift = digits - 1 - e;
  const scaledNum = shift >= 0 ? p * 10n ** BigInt(shift) : p;
  const scaledDen = shift >= 0 ? den : den * 10n ** BigInt(-shift);
  let mantissa = (2n * scaledNum + scaledDen) / (2n * scaledDen);
  let exp = e;
  if (mantissa.toString().length > digits) {
    mantissa /= 10n;
    exp++;
  }
  const m = mantissa.toString().padStart(digits, '0');
  if (exp >= -4 && exp < 12) {
    let out: string;
    if (exp >= digits - 1) out = m + '0'.repeat(exp - digits + 1);
    else if (exp >= 0) out = `${m.slice(0, exp + 1)}.${m.slice(exp + 1)}`;
    else out = `0.${'0'.repeat(-exp - 1)}${m}`;
    if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
    return sign + out;
  }
  const frac = m.slice(1).replace(/0+$/, '');
  return `${sign}${m[0]}${frac ? `.${frac}` : ''}e${exp}`;
}

/** Whether the short decimal is exactly the value (then nothing else needs showing). */
export function decimalIsExact(text: string, digits = 3): boolean {
  try {
    const shown = shortDecimal(text, digits);
    if (/e/.test(shown)) return false;
    const [int, frac = ''] = shown.replace('-', '').split('.');
    const exact = parseExact(text);
    if (!exact) return false;
    // shown = n / 10^k exactly equals p/q iff n·q = p·10^k.
    const n = BigInt((shown.startsWith('-') ? '-' : '') + int + frac);
    return n * exact.den === exact.num * 10n ** BigInt(frac.length);
  } catch {
    return false;
  }
}

/** A short decimal, marked "≈" unless it is the exact value. */
export function approxDecimal(text: string, digits = 3): string {
  const shown = shortDecimal(text, digits);
  return shown === text || decimalIsExact(text, digits) ? shown : `≈${shown}`;
}
