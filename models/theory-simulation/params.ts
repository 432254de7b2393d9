import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';

/** The parameters of SPEC §1. Integers stay numbers; B and the rates are exact. */
export interface ModelParams {
  readonly l0: number;
  readonly lA: number;
  readonly lB: number;
  readonly B: Rational;
  readonly lambdaA: Rational;
  readonly lambdaB: Rational;
}

/** Parameters as they arrive from JSON, a config or the command line. */
export interface RawParams {
  l0?: unknown;
  lA?: unknown;
  lB?: unknown;
  B?: unknown;
  lambdaA?: unknown;
  lambdaB?: unknown;
}

const invalid = (message: string) => new InputError('INVALID_PARAMS', message);

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function integerParam(name: string, value: unknown, min: number): number {
  if (value === undefined) throw invalid(`${name} is missing (an integer ≥ ${min})`);
  const n = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw invalid(`${name} must be an integer ≥ ${min} (got ${describe(value)})`);
  }
  return n;
}

/** Parses a positive rational from a number, a "p/q" string, a decimal string or a Rational. */
export function positiveRational(name: string, value: unknown): Rational {
  if (value === undefined) throw invalid(`${name} is missing (a rational > 0, e.g. 60 or "3/2")`);
  let r: Rational;
  try {
    if (value instanceof Rational) r = value;
    else if (typeof value === 'number') r = Rational.fromNumber(value);
    else if (typeof value === 'string') r = Rational.parse(value);
    else throw new RangeError('not a number');
  } catch {
    throw invalid(`${name} must be a rational > 0 such as 60 or "3/2" (got ${describe(value)})`);
  }
  if (r.sign() <= 0) throw invalid(`${name} must be greater than 0 (got ${r.toString()})`);
  return r;
}

/** Validates raw parameters; every message names the parameter, the rule and the value. */
export function validateParams(raw: RawParams): ModelParams {
  const l0 = integerParam('l0', raw.l0, 1);
  const lA = integerParam('lA', raw.lA, 1);
  const lB = integerParam('lB', raw.lB, 2);
  if (lB <= lA) throw invalid(`lB must be greater than lA (got lA=${lA}, lB=${lB})`);
  return {
    l0,
    lA,
    lB,
    B: positiveRational('B', raw.B),
    lambdaA: positiveRational('lambdaA', raw.lambdaA),
    lambdaB: positiveRational('lambdaB', raw.lambdaB),
  };
}

/** The JSON form used in every output: integers as numbers, rationals as "p/q" strings. */
export interface ParamsJson {
  l0: number;
  lA: number;
  lB: number;
  B: string;
  lambdaA: string;
  lambdaB: string;
}

export function paramsToJson(p: ModelParams): ParamsJson {
  return {
    l0: p.l0,
    lA: p.lA,
    lB: p.lB,
    B: p.B.toString(),
    lambdaA: p.lambdaA.toString(),
    lambdaB: p.lambdaB.toString(),
  };
}

export function formatParams(p: ModelParams): string {
  return `l0=${p.l0} lA=${p.lA} lB=${p.lB} B=${p.B} λA=${p.lambdaA} λB=${p.lambdaB}`;
}

export function gcdInt(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}
