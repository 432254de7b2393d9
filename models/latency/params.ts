import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';

/**
 * Parameters θ of the step-latency model (SPEC-serving A.1), all exact rationals:
 * `Pmax, kB, kS, w1 > 0`; `w0, τ0, τB, τS ≥ 0`. Field names spell τ as `tau`.
 */
export interface Theta {
  readonly Pmax: Rational;
  readonly kB: Rational;
  readonly kS: Rational;
  readonly w0: Rational;
  readonly w1: Rational;
  readonly tau0: Rational;
  readonly tauB: Rational;
  readonly tauS: Rational;
}

export type ThetaKey = keyof Theta;

/** The coordinates in the order of the spec (and of the minimality order). */
export const THETA_KEYS: readonly ThetaKey[] = ['Pmax', 'kB', 'kS', 'w0', 'w1', 'tau0', 'tauB', 'tauS'];

/** Which coordinates must be > 0 (the others must be ≥ 0). */
export const POSITIVE_KEYS: ReadonlySet<ThetaKey> = new Set<ThetaKey>(['Pmax', 'kB', 'kS', 'w1']);

/** Names as written in the spec, for messages. */
export const THETA_LABELS: Readonly<Record<ThetaKey, string>> = {
  Pmax: 'Pmax',
  kB: 'kB',
  kS: 'kS',
  w0: 'w0',
  w1: 'w1',
  tau0: 'τ0',
  tauB: 'τB',
  tauS: 'τS',
};

/** Accepted spellings in JSON (besides the field names): τ0/tau_0 etc. */
const ALIASES: Readonly<Record<string, ThetaKey>> = {
  'τ0': 'tau0',
  'τB': 'tauB',
  'τS': 'tauS',
  tau_0: 'tau0',
  tau_B: 'tauB',
  tau_S: 'tauS',
  P_max: 'Pmax',
  k_B: 'kB',
  k_S: 'kS',
  w_0: 'w0',
  w_1: 'w1',
};

/** The rule a coordinate violates, or null. */
export function coordinateViolation(key: ThetaKey, value: Rational): string | null {
  if (POSITIVE_KEYS.has(key)) return value.sign() > 0 ? null : 'must be > 0';
  return value.sign() >= 0 ? null : 'must be ≥ 0';
}

/** Checks A.1; throws InputError('INVALID_PARAMS') naming the parameter, the rule and the value. */
export function validateTheta(theta: Theta): Theta {
  for (const key of THETA_KEYS) {
    const value = theta[key];
    if (!(value instanceof Rational)) {
      throw new InputError('INVALID_PARAMS', `θ.${THETA_LABELS[key]} is missing (expected a rational)`);
    }
    const rule = coordinateViolation(key, value);
    if (rule) throw new InputError('INVALID_PARAMS', `θ.${THETA_LABELS[key]} ${rule} (got ${value.toString()})`);
  }
  return theta;
}

/** Builds a validated θ from anything Rational.parse accepts ("p/q", integers, decimals) or numbers. */
export function makeTheta(values: Readonly<Record<ThetaKey, Rational | string | number | bigint>>): Theta {
  const out = {} as Record<ThetaKey, Rational>;
  for (const key of THETA_KEYS) out[key] = toRational(values[key], key);
  return validateTheta(out);
}

function toRational(v: unknown, key: ThetaKey): Rational {
  const label = `θ.${THETA_LABELS[key]}`;
  if (v instanceof Rational) return v;
  try {
    if (typeof v === 'string') return Rational.parse(v);
    if (typeof v === 'bigint') return Rational.fromInteger(v);
    if (typeof v === 'number') return Rational.fromNumber(v);
  } catch (error) {
    throw new InputError('INVALID_PARAMS', `${label}: ${(error as Error).message}`);
  }
  if (v === undefined) throw new InputError('INVALID_PARAMS', `${label} is missing (expected a rational such as "1/10")`);
  throw new InputError('INVALID_PARAMS', `${label} must be a rational "p/q", an integer or a decimal (got ${JSON.stringify(v)})`);
}

/** JSON form: every coordinate as a "p/q" string. */
export type ThetaJson = Readonly<Record<ThetaKey, string>>;

export function thetaToJson(theta: Theta): ThetaJson {
  const out = {} as Record<ThetaKey, string>;
  for (const key of THETA_KEYS) out[key] = theta[key].toString();
  return out;
}

/**
 * Parses a θ JSON object. Coordinates may be "p/q" strings, decimal strings or
 * numbers (a number is read as its shortest decimal, e.g. 0.1 = 1/10). An
 * object with a `theta` field (a `fit.json`) is read through that field.
 * Unknown fields are refused (a typo must not silently drop a parameter).
 */
export function thetaFromJson(value: unknown): Theta {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('INVALID_PARAMS', `θ must be a JSON object with fields ${THETA_KEYS.join(', ')}`);
  }
  const record = value as Record<string, unknown>;
  if ('theta' in record && typeof record.theta === 'object' && record.theta !== null) {
    const inner = record.theta as Record<string, unknown>;
    return thetaFromJson('rational' in inner && typeof inner.rational === 'object' ? inner.rational : inner);
  }
  const fields: Partial<Record<ThetaKey, unknown>> = {};
  for (const [name, v] of Object.entries(record)) {
    const key = (THETA_KEYS as readonly string[]).includes(name) ? (name as ThetaKey) : ALIASES[name];
    if (!key) throw new InputError('INVALID_PARAMS', `θ has an unknown field "${name}" (expected ${THETA_KEYS.join(', ')})`);
    fields[key] = v;
  }
  const out = {} as Record<ThetaKey, Rational>;
  for (const key of THETA_KEYS) out[key] = toRational(fields[key], key);
  return validateTheta(out);
}

/** An input point: integers B, S ≥ 1 (A.2). */
export interface Point {
  readonly B: number;
  readonly S: number;
}

export interface DomainOptions {
  /** Adds S ≥ B (a step computes at least one token per request). */
  readonly physical: boolean;
}
export const DEFAULT_DOMAIN: DomainOptions = Object.freeze({ physical: false });

/** Whether (B, S) is in the integer domain (with S ≥ B when physical). */
export function inDomain(p: Point, options: DomainOptions = DEFAULT_DOMAIN): boolean {
  return Number.isSafeInteger(p.B) && Number.isSafeInteger(p.S) && p.B >= 1 && p.S >= 1 && (!options.physical || p.S >= p.B);
}

/** Throws InputError('INVALID_POINT') naming the rule the point breaks. */
export function validatePoint(p: Point, options: DomainOptions = DEFAULT_DOMAIN): Point {
  for (const key of ['B', 'S'] as const) {
    const v = p[key];
    if (!Number.isSafeInteger(v) || v < 1) throw new InputError('INVALID_POINT', `${key} must be an integer ≥ 1 (got ${v})`);
  }
  if (options.physical && p.S < p.B) throw new InputError('INVALID_POINT', `physical: S must be ≥ B (got B=${p.B}, S=${p.S})`);
  return p;
}

/** θ with (Pmax, w0, w1) multiplied by c > 0: the same T everywhere (A.4). */
export function scaleTheta(theta: Theta, c: Rational): Theta {
  if (c.sign() <= 0) throw new RangeError(`scale factor must be > 0 (got ${c.toString()})`);
  return { ...theta, Pmax: theta.Pmax.mul(c), w0: theta.w0.mul(c), w1: theta.w1.mul(c) };
}

/** θ as doubles (for fitting, generation and plots only). */
export interface ThetaFloat {
  Pmax: number;
  kB: number;
  kS: number;
  w0: number;
  w1: number;
  tau0: number;
  tauB: number;
  tauS: number;
}

export function thetaToFloat(theta: Theta): ThetaFloat {
  const out = {} as ThetaFloat;
  for (const key of THETA_KEYS) out[key] = theta[key].toNumber();
  return out;
}
