import { z } from 'zod';
import { Rational } from '../arithmetic/rational.js';

/** zod fields shared by the grid vocabularies of model families. */

export const MAX_LIST = 10_000;

export function fail(ctx: z.RefinementCtx, message: string, path: (string | number)[] = []): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, path });
  return z.NEVER;
}

export const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** An integer, a list of integers, or { from, to } (inclusive). */
export const integers = (min: number) =>
  z.unknown().transform((v, ctx): number[] => {
    const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
    const check = (x: unknown, path: (string | number)[]) => {
      if (!isInt(x)) return fail(ctx, `expected an integer (got ${show(x)})`, path);
      if (x < min) return fail(ctx, `must be ≥ ${min} (got ${x})`, path);
      return x;
    };
    if (isInt(v)) return [check(v, []) as number];
    if (Array.isArray(v)) {
      if (v.length === 0) return fail(ctx, 'the list is empty');
      const out = v.map((x, i) => check(x, [i]));
      return [...new Set(out as number[])].sort((a, b) => a - b);
    }
    if (typeof v === 'object' && v !== null) {
      const { from, to, ...rest } = v as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length) return fail(ctx, `unknown key "${extra[0]}" (a range is { from, to })`, [extra[0]]);
      const a = check(from, ['from']);
      const b = check(to, ['to']);
      if (!isInt(a) || !isInt(b)) return z.NEVER;
      if (b < a) return fail(ctx, `empty range: to (${b}) < from (${a})`, ['to']);
      if (b - a >= MAX_LIST) return fail(ctx, `range too large (${b - a + 1} values; at most ${MAX_LIST})`);
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
    return fail(ctx, `expected an integer, a list of integers or { from, to } (got ${show(v)})`);
  });

/** A positive rational (number or "p/q"), a list of them, or { from, to } over integers. */
export const positiveRationals = z.unknown().transform((v, ctx): Rational[] => {
  const one = (x: unknown, path: (string | number)[]): Rational | null => {
    let r: Rational;
    try {
      if (typeof x === 'number') r = Rational.fromNumber(x);
      else if (typeof x === 'string') r = Rational.parse(x);
      else throw new RangeError();
    } catch {
      fail(ctx, `expected a rational such as 60 or "3/2" (got ${show(x)})`, path);
      return null;
    }
    if (r.sign() <= 0) {
      fail(ctx, `must be greater than 0 (got ${r})`, path);
      return null;
    }
    return r;
  };
  const unique = (rs: (Rational | null)[]) => {
    if (rs.some((r) => r === null)) return z.NEVER;
    const byText = new Map((rs as Rational[]).map((r) => [r.toString(), r]));
    return [...byText.values()];
  };
  if (Array.isArray(v)) {
    if (v.length === 0) return fail(ctx, 'the list is empty');
    return unique(v.map((x, i) => one(x, [i])));
  }
  if (typeof v === 'object' && v !== null) {
    const ints = integers(1).safeParse(v);
    if (!ints.success) {
      for (const issue of ints.error.issues) fail(ctx, issue.message, issue.path as (string | number)[]);
      return z.NEVER;
    }
    return ints.data.map((x) => Rational.fromInteger(x));
  }
  return unique([one(v, [])]);
});
