import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';

/**
 * Parameters of the seed-004 serving simulator (SPEC-serving §B.1): memory `M`
 * and batch budget `B` in tokens (integers ≥ 1), batch duration `d0 + d1·tokens`
 * with `d0, d1 ≥ 0` rational and `d0 + d1 > 0`. There are no defaults: the
 * seed's own defaults disagree with one another.
 */
export interface ServingParams {
  readonly M: number;
  readonly B: number;
  readonly d0: Rational;
  readonly d1: Rational;
}

/** The JSON form: integers as numbers, rationals as "p/q" strings. */
export interface ServingParamsJson {
  readonly M: number;
  readonly B: number;
  readonly d0: string;
  readonly d1: string;
}

const fail = (message: string): never => {
  throw new InputError('INVALID_PARAMS', message);
};

/** Throws InputError('INVALID_PARAMS') naming the parameter, the rule and the value. */
export function validateServingParams(p: ServingParams): ServingParams {
  for (const k of ['M', 'B'] as const) {
    const v = p[k];
    if (!Number.isSafeInteger(v) || v < 1) fail(`serving parameter ${k} must be an integer ≥ 1 (got ${v})`);
  }
  for (const k of ['d0', 'd1'] as const) {
    if (p[k].sign() < 0) fail(`serving parameter ${k} must be ≥ 0 (got ${p[k].toString()})`);
  }
  if (p.d0.add(p.d1).sign() <= 0) fail(`serving parameters must have d0 + d1 > 0 (got d0 = ${p.d0.toString()}, d1 = ${p.d1.toString()})`);
  return { M: p.M, B: p.B, d0: p.d0.normalized(), d1: p.d1.normalized() };
}

function integerParam(name: string, value: unknown): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
    fail(`serving parameter ${name} must be an integer ≥ 1 (got ${JSON.stringify(value)})`);
  }
  return Number(text);
}

function rationalParam(name: string, value: unknown): Rational {
  if (value instanceof Rational) return value;
  if (typeof value !== 'string' && typeof value !== 'number') {
    return fail(`serving parameter ${name} must be a rational "p/q" or a decimal ≥ 0 (got ${JSON.stringify(value)})`);
  }
  try {
    return typeof value === 'number' ? Rational.fromNumber(value) : Rational.parse(value);
  } catch {
    return fail(`serving parameter ${name} must be a rational "p/q" or a decimal ≥ 0 (got ${JSON.stringify(value)})`);
  }
}

/** Parses user input (strings from the CLI, or JSON values) and validates it. */
export function parseServingParams(raw: { M: unknown; B: unknown; d0: unknown; d1: unknown }): ServingParams {
  for (const k of ['M', 'B', 'd0', 'd1'] as const) {
    if (raw[k] === undefined || raw[k] === null) fail(`serving parameter ${k} is required (the seeds' defaults disagree, SPEC-serving §B.1)`);
  }
  return validateServingParams({
    M: integerParam('M', raw.M),
    B: integerParam('B', raw.B),
    d0: rationalParam('d0', raw.d0),
    d1: rationalParam('d1', raw.d1),
  });
}

export const encodeServingParams = (p: ServingParams): ServingParamsJson => ({ M: p.M, B: p.B, d0: p.d0.toString(), d1: p.d1.toString() });

export function decodeServingParams(json: unknown): ServingParams {
  if (typeof json !== 'object' || json === null) fail(`serving parameters must be an object {M, B, d0, d1} (got ${JSON.stringify(json)})`);
  return parseServingParams(json as ServingParamsJson);
}
