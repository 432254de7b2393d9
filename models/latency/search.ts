import fc from 'fast-check';
import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import type { ConjectureInfo, CornerSize, FamilySpace, JsonValue } from '../family.js';
import { DEFAULT_THETA_RANGES, rationalArb, type RationalRangeSpec } from './arbitraries.js';
import { compareInit, compareLatency, type LatencyCandidateG, type LatencyInit, type LatencyParams } from './candidate.js';
import { compareRationalByHeight, smallerRationals } from './order.js';
import { LatencyQuotient } from './quotient.js';
import { rationalsInRange } from '../arithmetic/rational-range.js';
import { coordinateViolation, THETA_KEYS, THETA_LABELS, thetaFromJson, type Theta, type ThetaKey } from './params.js';

/** Search bounds of `check` (and of a sweep's random samples). */
export interface LatencyBounds {
  readonly theta: Readonly<Record<ThetaKey, RationalRangeSpec>>;
  readonly physical: boolean;
  readonly B: { readonly min: number; readonly max: number };
  readonly S: { readonly min: number; readonly max: number } | null;
  /** SLA targets T* (null: no SLA queries, e.g. a grid without targets). */
  readonly target: RationalRangeSpec | null;
}

export const DEFAULT_LATENCY_BOUNDS: LatencyBounds = {
  theta: DEFAULT_THETA_RANGES,
  physical: false,
  B: { min: 1, max: 16 },
  S: { min: 1, max: 64 },
  target: { min: Rational.ONE, max: Rational.fromInteger(200), maxDenominator: 2 },
};

/**
 * Which inputs a conjecture reads: none (parameter statements), points (B, S),
 * or SLA queries (B, T*). Step conjectures of this family say so in an `input`
 * field (conjectures/latency/generic.ts); without one they read points.
 */
export type InputKind = 'none' | 'point' | 'sla';
export function inputKindOf(c: ConjectureInfo | null): InputKind | null {
  if (!c) return null;
  if (c.scope === 'parameters') return 'none';
  return (c as { input?: InputKind }).input === 'sla' ? 'sla' : 'point';
}

const badFlag = (message: string) => new InputError('BAD_FLAG', message);

function parseRationalText(flag: string, text: string): Rational {
  try {
    return Rational.parse(text);
  } catch {
    throw badFlag(`${flag} expects a rational or a range such as 1/10..2 (got "${text}")`);
  }
}

/** "a..b" or "a" of rationals; the largest denominator is that of the endpoints or `den`, whichever is larger. */
export function parseRationalRangeFlag(flag: string, text: string, den: number): RationalRangeSpec {
  const [lo, hi = lo] = text.split('..').map((x) => x.trim());
  const min = parseRationalText(flag, lo);
  const max = parseRationalText(flag, hi);
  if (min.compare(max) > 0) throw badFlag(`${flag} ${text} is empty (its lower end is above its upper end)`);
  return { min, max, maxDenominator: Math.max(den, Number(min.den), Number(max.den)) };
}

export function parseIntRangeFlag(flag: string, text: string, floor: number): { min: number; max: number } {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw badFlag(`${flag} expects an integer or a range such as 1..16 (got "${text}")`);
  const min = Number(m[1]);
  const max = Number(m[2] ?? m[1]);
  if (min < floor) throw badFlag(`${flag} must be ≥ ${floor} (got ${text})`);
  if (max < min) throw badFlag(`${flag} ${text} is empty`);
  return { min, max };
}

/** The θ ranges of the bounds must lie in A.1 (positive coordinates exclude 0). */
function checkThetaRange(key: ThetaKey, r: RationalRangeSpec, flag: string): RationalRangeSpec {
  const why = coordinateViolation(key, r.min);
  if (why) throw badFlag(`${flag}: θ.${THETA_LABELS[key]} ${why} (the range starts at ${r.min})`);
  return r;
}

/** Bounds from `check` flags: --Pmax … --tauS, --theta <fit.json>, --B, --S, --target, --physical. */
export function boundsFromFlags(flags: Record<string, unknown>, readJson: (text: string) => unknown): LatencyBounds {
  const d = DEFAULT_LATENCY_BOUNDS;
  const text = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  let fixed: Theta | null = null;
  if (text('theta')) fixed = thetaFromJson(readJson(text('theta')!));
  const theta = {} as Record<ThetaKey, RationalRangeSpec>;
  for (const key of THETA_KEYS) {
    const given = text(key);
    if (given) theta[key] = checkThetaRange(key, parseRationalRangeFlag(`--${key}`, given, d.theta[key].maxDenominator), `--${key}`);
    else if (fixed) theta[key] = { min: fixed[key], max: fixed[key], maxDenominator: Number(fixed[key].den) };
    else theta[key] = d.theta[key];
  }
  const target = text('target') ? parseRationalRangeFlag('--target', text('target')!, d.target!.maxDenominator) : d.target;
  if (target && target.min.sign() <= 0) throw badFlag(`--target must be > 0 (got ${target.min})`);
  const B = text('B') ? parseIntRangeFlag('--B', text('B')!, 1) : d.B;
  const S = text('S') ? parseIntRangeFlag('--S', text('S')!, 1) : d.S!;
  const physical = flags.physical === true;
  if (physical && S.max < B.min) throw badFlag(`--physical needs S ≥ B, but every S (${S.min}..${S.max}) is below every B (${B.min}..${B.max})`);
  return { theta, physical, B, S, target };
}

const rangeJson = (r: RationalRangeSpec) => ({ min: r.min.toString(), max: r.max.toString(), maxDenominator: r.maxDenominator });

export function boundsToJson(b: LatencyBounds): JsonValue {
  return {
    theta: Object.fromEntries(THETA_KEYS.map((k) => [k, rangeJson(b.theta[k])])),
    physical: b.physical,
    B: { ...b.B },
    S: b.S ? { ...b.S } : null,
    target: b.target ? rangeJson(b.target) : null,
  };
}

/** The inverse of `boundsToJson` (bounds handed to the worker threads that list classes). */
export function boundsFromJson(json: JsonValue): LatencyBounds {
  type RangeJson = ReturnType<typeof rangeJson>;
  const j = json as { theta: Record<ThetaKey, RangeJson>; physical: boolean; B: LatencyBounds['B']; S: LatencyBounds['S']; target: RangeJson | null };
  const range = (x: RangeJson): RationalRangeSpec => ({ min: Rational.parse(x.min), max: Rational.parse(x.max), maxDenominator: x.maxDenominator });
  const theta = {} as Record<ThetaKey, RationalRangeSpec>;
  for (const key of THETA_KEYS) theta[key] = range(j.theta[key]);
  return { theta, physical: j.physical, B: { ...j.B }, S: j.S ? { ...j.S } : null, target: j.target ? range(j.target) : null };
}

/**
 * The simplest rational of a range (Stern–Brocot: least denominator and least
 * |numerator|, hence least height), or `min` when that needs a denominator
 * above the range's `maxDenominator`.
 */
export function simplestIn(r: RationalRangeSpec): Rational {
  if (r.min.sign() < 0) return r.min;
  const s = simplestBetween(r.min, r.max);
  return s.den <= BigInt(Math.max(1, r.maxDenominator)) ? s : r.min;
}

function simplestBetween(lo: Rational, hi: Rational): Rational {
  const fl = floorDiv(lo.num, lo.den);
  const f = Rational.of(fl);
  if (f.equals(lo)) return lo;
  if (Rational.of(fl + 1n).compare(hi) <= 0) return Rational.of(fl + 1n);
  // lo, hi in (fl, fl + 1): fl + 1/x with x simplest in [1/(hi − fl), 1/(lo − fl)].
  const x = simplestBetween(Rational.ONE.div(hi.sub(f)), Rational.ONE.div(lo.sub(f)));
  return f.add(Rational.ONE.div(x)).normalized();
}

/** A box with more inputs than this is searched, not listed. */
const MOST_INPUTS = 1_000_000;

const inRange = (r: RationalRangeSpec, v: Rational) => v.compare(r.min) >= 0 && v.compare(r.max) <= 0 && v.den <= BigInt(Math.max(r.maxDenominator, Number(r.min.den), Number(r.max.den)));

/** The search space of one conjecture (or of every input kind, for a sweep's random samples). */
export class LatencySpace implements FamilySpace<LatencyParams, LatencyInit> {
  readonly levels;
  private readonly kind: InputKind | null;

  constructor(
    private readonly bounds: LatencyBounds,
    conjecture: ConjectureInfo | null,
  ) {
    this.kind = inputKindOf(conjecture);
    this.levels = [...THETA_KEYS.map((k) => ({ id: k, mode: 'enumerate' as const })), ...(this.kind === 'none' ? [] : [{ id: 'input', mode: 'enumerate' as const }])];
  }

  private thetaArb(): fc.Arbitrary<Theta> {
    const record = {} as Record<ThetaKey, fc.Arbitrary<Rational>>;
    for (const key of THETA_KEYS) record[key] = rangeArb(this.bounds.theta[key]);
    return fc.record(record);
  }

  private pointArb(): fc.Arbitrary<LatencyInit> {
    const { B, physical } = this.bounds;
    const S = this.bounds.S ?? { min: 1, max: 1 };
    return fc
      .integer({ min: B.min, max: physical ? Math.min(B.max, S.max) : B.max })
      .chain((b) => fc.integer({ min: physical ? Math.max(b, S.min) : S.min, max: S.max }).map((s): LatencyInit => ({ kind: 'point', B: b, S: s })));
  }

  private slaArb(): fc.Arbitrary<LatencyInit> {
    const { B, target } = this.bounds;
    return fc.tuple(fc.integer({ min: B.min, max: B.max }), rangeArb(target!)).map(([b, t]): LatencyInit => ({ kind: 'sla', B: b, target: t }));
  }

  private initArb(): fc.Arbitrary<LatencyInit> {
    if (this.kind === 'none') return fc.constant(this.smallestInit());
    if (this.kind === 'point') return this.pointArb();
    if (this.kind === 'sla') return this.slaArb();
    const kinds: fc.Arbitrary<LatencyInit>[] = [];
    if (this.bounds.S) kinds.push(this.pointArb());
    if (this.bounds.target) kinds.push(this.slaArb());
    return kinds.length === 1 ? kinds[0] : fc.oneof(...kinds);
  }

  /** The smallest input of the bounds for this conjecture (parameter statements are evaluated there). */
  smallestInit(): LatencyInit {
    const { B, physical } = this.bounds;
    if (this.kind === 'sla' || (this.kind !== 'point' && !this.bounds.S)) return { kind: 'sla', B: B.min, target: simplestIn(this.bounds.target!) };
    const S = this.bounds.S!;
    return { kind: 'point', B: B.min, S: physical ? Math.max(B.min, S.min) : S.min };
  }

  private validInit(i: LatencyInit): boolean {
    const { B, S, target, physical } = this.bounds;
    if (i.B < B.min || i.B > B.max) return false;
    if (i.kind === 'point') return this.kind !== 'sla' && this.kind !== 'none' && S !== null && i.S >= S.min && i.S <= S.max && (!physical || i.S >= i.B);
    return this.kind !== 'point' && this.kind !== 'none' && target !== null && inRange(target, i.target);
  }

  arbitrary(): fc.Arbitrary<LatencyCandidateG> {
    const physical = this.bounds.physical;
    return fc.record({ theta: this.thetaArb(), init: this.initArb() }).map(({ theta, init }) => ({ params: { theta, physical }, init }));
  }

  *corner(size?: CornerSize): Iterable<LatencyCandidateG> {
    const theta = {} as Record<ThetaKey, Rational>;
    for (const key of THETA_KEYS) theta[key] = simplestIn(this.bounds.theta[key]);
    const params = { theta, physical: this.bounds.physical };
    if (this.kind === 'none') {
      yield { params, init: this.smallestInit() };
      return;
    }
    const n = size?.inputs ?? 16;
    let emitted = 0;
    for (const init of this.initsBelow(null)) {
      if (emitted++ >= n) return;
      yield { params, init };
    }
  }

  /** Inputs in the minimality order, strictly below `limit` (null: all), at most a few thousand. */
  private *initsBelow(limit: LatencyInit | null): Iterable<LatencyInit> {
    if (this.kind === 'none') return;
    const { B, S, target } = this.bounds;
    if (this.kind !== 'sla' && S) {
      for (let sum = B.min + S.min; sum <= B.max + S.max; sum++) {
        for (let b = Math.max(B.min, sum - S.max); b <= Math.min(B.max, sum - S.min); b++) {
          const init: LatencyInit = { kind: 'point', B: b, S: sum - b };
          if (limit && compareInit(init, limit) >= 0) return;
          if (this.validInit(init)) yield init;
        }
      }
    }
    if (this.kind !== 'point' && target) {
      for (let b = B.min; b <= B.max; b++) {
        const ts = [simplestIn(target), ...(limit && limit.kind === 'sla' && limit.B === b ? smallerRationals(limit.target, 16) : [])]
          .filter((t) => inRange(target, t))
          .sort(compareRationalByHeight);
        for (const t of new Map(ts.map((x) => [x.toString(), x])).values()) {
          const init: LatencyInit = { kind: 'sla', B: b, target: t };
          if (limit && compareInit(init, limit) >= 0) continue;
          yield init;
        }
        if (limit && limit.kind === 'sla' && b >= limit.B) return;
      }
    }
  }

  /** Smaller values of one θ coordinate inside its range (and in A.1). */
  private smallerThetas(key: ThetaKey, v: Rational): Rational[] {
    const r = this.bounds.theta[key];
    const out = [simplestIn(r), ...smallerRationals(v, 12)].filter((x) => inRange(r, x) && !coordinateViolation(key, x) && compareRationalByHeight(x, v) < 0);
    return [...new Map(out.map((x) => [x.toString(), x])).values()].sort(compareRationalByHeight);
  }

  neighbours(c: LatencyCandidateG): LatencyCandidateG[] {
    const out: LatencyCandidateG[] = [];
    const smallest = this.smallestInit();
    for (const key of THETA_KEYS) {
      for (const v of this.smallerThetas(key, c.params.theta[key])) {
        const params = { ...c.params, theta: { ...c.params.theta, [key]: v } };
        out.push({ params, init: c.init });
        if (this.validInit(smallest) || this.kind === 'none') out.push({ params, init: smallest });
      }
    }
    if (this.kind !== 'none') {
      const i = c.init;
      const moves: LatencyInit[] =
        i.kind === 'point'
          ? [
              { kind: 'point', B: i.B - 1, S: i.S },
              { kind: 'point', B: i.B, S: i.S - 1 },
              { kind: 'point', B: i.B - 1, S: i.S + 1 },
            ]
          : [{ kind: 'sla', B: i.B - 1, target: i.target }, ...smallerRationals(i.target, 12).map((t): LatencyInit => ({ kind: 'sla', B: i.B, target: t }))];
      for (const m of moves) if (m.B >= 1 && this.validInit(m)) out.push({ params: c.params, init: m });
    }
    const unique = new Map<string, LatencyCandidateG>();
    for (const n of out) if (compareLatency(n, c) < 0) unique.set(key(n), n);
    return [...unique.values()].sort(compareLatency);
  }

  sampleBelow(): null {
    return null;
  }

  /** Every candidate of the box, each its own class (no invariances); null when the box is too large to list. */
  quotient(): LatencyQuotient | null {
    const inputs = this.allInputs();
    return inputs === null ? null : LatencyQuotient.of({ theta: this.bounds.theta, physical: this.bounds.physical, inputs });
  }

  /** Every input of this conjecture's kind in the box, ascending (null: too many, or a space of every kind). */
  private allInputs(): LatencyInit[] | null {
    if (this.kind === null) return null;
    if (this.kind === 'none') return [this.smallestInit()];
    const { B, S, target } = this.bounds;
    if (this.kind === 'sla') {
      const targets = target ? rationalsInRange(target, (t) => t.sign() > 0) : [];
      if (targets === null || (B.max - B.min + 1) * targets.length > MOST_INPUTS) return null;
      const out: LatencyInit[] = [];
      for (let b = B.min; b <= B.max; b++) for (const t of targets) out.push({ kind: 'sla', B: b, target: t });
      return out;
    }
    if (!S) return [];
    if ((B.max - B.min + 1) * (S.max - S.min + 1) > MOST_INPUTS) return null;
    return [...this.initsBelow(null)];
  }

  *enumerateBelow(best: LatencyCandidateG, level: string): Iterable<LatencyCandidateG> {
    if (level === 'input') {
      for (const init of this.initsBelow(best.init)) yield { params: best.params, init };
      return;
    }
    const key = level as ThetaKey;
    const at = THETA_KEYS.indexOf(key);
    if (at < 0) return;
    const smallest = this.smallestInit();
    for (const v of this.smallerThetas(key, best.params.theta[key])) {
      const theta = { ...best.params.theta, [key]: v } as Record<ThetaKey, Rational>;
      // Later coordinates are free: first at their simplest, then as they were.
      const simplest = { ...theta };
      for (const k of THETA_KEYS.slice(at + 1)) simplest[k] = simplestIn(this.bounds.theta[k]);
      for (const t of [simplest, theta]) {
        yield { params: { ...best.params, theta: t }, init: smallest };
        yield { params: { ...best.params, theta: t }, init: best.init };
      }
    }
  }
}

/** A range's rationals; a single value (e.g. a fitted θ coordinate) is a constant whatever its denominator. */
function rangeArb(r: RationalRangeSpec): fc.Arbitrary<Rational> {
  if (r.min.equals(r.max)) return fc.constant(r.min);
  return rationalArb({ ...r, maxDenominator: Math.min(r.maxDenominator, 1_000_000) });
}

const key = (c: LatencyCandidateG) => JSON.stringify([THETA_KEYS.map((k) => c.params.theta[k].toString()), c.params.physical, c.init.kind, c.init.B, c.init.kind === 'point' ? c.init.S : c.init.target.toString()]);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}
function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}
