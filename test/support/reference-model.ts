/**
 * An independent reference implementation of SPEC §2–3 (one step of the merged
 * and per-type Theory and Simulation models), written from the specification
 * text alone. It deliberately imports nothing from `models/`: it has its own
 * minimal fraction type, always kept in lowest terms, and it reads parameters
 * and states as "p/q" strings so that it shares no code path with the models.
 */

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A fraction n/d in lowest terms with d > 0. */
export class Frac {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new RangeError('zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = n === 0n ? d : gcd(n, d);
    this.n = n / g;
    this.d = d / g;
  }

  /** Reads "p/q" or an integer "p" (the only forms the models print). */
  static from(text: string): Frac {
    const [p, q = '1'] = text.split('/');
    return new Frac(BigInt(p), BigInt(q));
  }

  static int(k: number): Frac {
    return new Frac(BigInt(k));
  }

  plus(o: Frac): Frac {
    return new Frac(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Frac): Frac {
    return new Frac(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Frac): Frac {
    return new Frac(this.n * o.n, this.d * o.d);
  }
  over(o: Frac): Frac {
    return new Frac(this.n * o.d, this.d * o.n);
  }
  /** −1, 0 or 1 as this is <, = or > o. */
  cmp(o: Frac): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  isNegative(): boolean {
    return this.n < 0n;
  }
  toString(): string {
    return this.d === 1n ? `${this.n}` : `${this.n}/${this.d}`;
  }
}

const ZERO = new Frac(0n);

/** SPEC §1 parameters in their JSON form (integers, rationals as "p/q"). */
export interface RefParamsJson {
  l0: number;
  lA: number;
  lB: number;
  B: string;
  lambdaA: string;
  lambdaB: string;
}

export interface RefModel {
  readonly l0: number;
  readonly lA: number;
  readonly lB: number;
  readonly B: Frac;
  readonly p: Frac;
  readonly q: Frac;
  /** l0 + s + 1: tokens one request holds at stage s. */
  readonly size: Frac[];
  /** Merged weights W_s (SPEC §2). */
  readonly W: Frac[];
}

export function refModel(json: RefParamsJson): RefModel {
  const la = Frac.from(json.lambdaA);
  const lb = Frac.from(json.lambdaB);
  const p = la.over(la.plus(lb));
  const q = Frac.int(1).minus(p);
  const size = Array.from({ length: json.lB }, (_, s) => Frac.int(json.l0 + s + 1));
  const W = size.map((w, s) => (s < json.lA ? w : w.times(q)));
  return { l0: json.l0, lA: json.lA, lB: json.lB, B: Frac.from(json.B), p, q, size, W };
}

function total(xs: Frac[]): Frac {
  return xs.reduce((acc, x) => acc.plus(x), ZERO);
}

// ---------------------------------------------------------------- merged

export interface RefMergedStep {
  state: Frac[];
  /** ã = (B − E)/W_0. */
  desired: Frac;
  /** What stage 0 receives: ã (Theory) or max(ã, 0) (Simulation). */
  admission: Frac;
  /** e_s (all zero for Theory and when nothing is evicted). */
  eviction: Frac[];
}

/** Step 1 and 2 of SPEC §3: the shifted state and ã. */
function shiftAndDesire(model: RefModel, M: Frac[]): { shifted: Frac[]; desired: Frac } {
  const shifted = [ZERO, ...M.slice(0, model.lB - 1)];
  const occupied = total(shifted.map((x, s) => (s === 0 ? ZERO : model.W[s].times(x))));
  return { shifted, desired: model.B.minus(occupied).over(model.W[0]) };
}

export function refMergedTheory(model: RefModel, M: Frac[]): RefMergedStep {
  const { shifted, desired } = shiftAndDesire(model, M);
  return {
    state: [desired, ...shifted.slice(1)],
    desired,
    admission: desired,
    eviction: shifted.map(() => ZERO),
  };
}

export function refMergedSimulation(model: RefModel, M: Frac[]): RefMergedStep {
  const { shifted, desired } = shiftAndDesire(model, M);
  if (!desired.isNegative()) {
    return { state: [desired, ...shifted.slice(1)], desired, admission: desired, eviction: shifted.map(() => ZERO) };
  }
  // Keep from the oldest stage down; `budget` is what is still free of B.
  const kept = shifted.map(() => ZERO);
  let budget = model.B;
  for (let s = model.lB - 1; s >= 1; s--) {
    const need = model.W[s].times(shifted[s]);
    if (need.cmp(budget) <= 0) {
      kept[s] = shifted[s];
      budget = budget.minus(need);
    } else {
      kept[s] = budget.over(model.W[s]);
      budget = ZERO;
      // every lower stage keeps nothing: kept[] is already zero there
      break;
    }
  }
  return {
    state: kept,
    desired,
    admission: ZERO,
    eviction: shifted.map((x, s) => x.minus(kept[s])),
  };
}

// ---------------------------------------------------------------- per-type

export interface RefPerType {
  A: Frac[];
  B: Frac[];
}

export interface RefPerTypeStep {
  state: RefPerType;
  desired: Frac;
  admission: Frac;
  eviction: RefPerType;
}

function perTypeShift(model: RefModel, X: RefPerType): { shifted: RefPerType; desired: Frac } {
  const shifted = { A: [ZERO, ...X.A.slice(0, model.lA - 1)], B: [ZERO, ...X.B.slice(0, model.lB - 1)] };
  let occupied = ZERO;
  for (let s = 1; s < model.lB; s++) {
    const count = s < model.lA ? shifted.A[s].plus(shifted.B[s]) : shifted.B[s];
    occupied = occupied.plus(model.size[s].times(count));
  }
  return { shifted, desired: model.B.minus(occupied).over(model.size[0]) };
}

function withAdmission(model: RefModel, X: RefPerType, a: Frac): RefPerType {
  return { A: [model.p.times(a), ...X.A.slice(1)], B: [model.q.times(a), ...X.B.slice(1)] };
}

function noEviction(model: RefModel): RefPerType {
  return { A: Array.from({ length: model.lA }, () => ZERO), B: Array.from({ length: model.lB }, () => ZERO) };
}

export function refPerTypeTheory(model: RefModel, X: RefPerType): RefPerTypeStep {
  const { shifted, desired } = perTypeShift(model, X);
  return { state: withAdmission(model, shifted, desired), desired, admission: desired, eviction: noEviction(model) };
}

export function refPerTypeSimulation(model: RefModel, X: RefPerType): RefPerTypeStep {
  const { shifted, desired } = perTypeShift(model, X);
  if (!desired.isNegative()) {
    return { state: withAdmission(model, shifted, desired), desired, admission: desired, eviction: noEviction(model) };
  }
  // Fraction of each stage that stays: 1 above the cut, the exact remainder at it, 0 below.
  const keep = Array.from({ length: model.lB }, () => ZERO);
  let budget = model.B;
  for (let s = model.lB - 1; s >= 1; s--) {
    const count = s < model.lA ? shifted.A[s].plus(shifted.B[s]) : shifted.B[s];
    const need = model.size[s].times(count);
    if (need.cmp(budget) <= 0) {
      keep[s] = Frac.int(1);
      budget = budget.minus(need);
    } else {
      keep[s] = budget.over(need);
      break;
    }
  }
  const state = {
    A: shifted.A.map((x, s) => x.times(keep[s])),
    B: shifted.B.map((x, s) => x.times(keep[s])),
  };
  return {
    state,
    desired,
    admission: ZERO,
    eviction: {
      A: shifted.A.map((x, s) => x.minus(state.A[s])),
      B: shifted.B.map((x, s) => x.minus(state.B[s])),
    },
  };
}
