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

// ---------------------------------------------------------------- energy (SPEC §4)

/** N* = B / Σ W_s: every stage of the equilibrium M* holds it. */
export function refEquilibrium(model: RefModel): Frac {
  return model.B.over(total(model.W));
}

/** A of SPEC §4: first row −W_{s+1}/W_0 (last entry 0), ones below the diagonal. */
function transition(model: RefModel): Frac[][] {
  const n = model.lB;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === 0) return j < n - 1 ? ZERO.minus(model.W[j + 1].over(model.W[0])) : ZERO;
      return j === i - 1 ? Frac.int(1) : ZERO;
    }),
  );
}

/** Solves the square system M·x = b by Gauss–Jordan elimination; null when M is singular. */
function solve(M: Frac[][], b: Frac[]): Frac[] | null {
  const n = b.length;
  const rows = M.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    const pivot = rows.findIndex((row, r) => r >= col && row[col].cmp(ZERO) !== 0);
    if (pivot < 0) return null;
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    const p = rows[col][col];
    rows[col] = rows[col].map((x) => x.over(p));
    for (let r = 0; r < n; r++) {
      if (r === col || rows[r][col].cmp(ZERO) === 0) continue;
      const f = rows[r][col];
      rows[r] = rows[r].map((x, c) => x.minus(f.times(rows[col][c])));
    }
  }
  return rows.map((row) => row[n]);
}

/**
 * Whether a symmetric M is positive definite (Sylvester: every leading minor > 0). Eliminating
 * without row swaps, the k-th leading minor is the product of the first k pivots, so every
 * minor is positive exactly when every pivot is.
 */
function positiveDefinite(M: Frac[][]): boolean {
  const rows = M.map((row) => row.slice());
  for (let col = 0; col < rows.length; col++) {
    const pivot = rows[col][col];
    if (pivot.cmp(ZERO) <= 0) return false;
    for (let r = col + 1; r < rows.length; r++) {
      const f = rows[r][col].over(pivot);
      rows[r] = rows[r].map((x, c) => x.minus(f.times(rows[col][c])));
    }
  }
  return true;
}

/**
 * P with AᵀPA − P = −I (SPEC §4) when A is stable, else null. Solved densely over the n(n+1)/2
 * entries of a symmetric P; stability is then decided by Lyapunov's theorem: A is stable iff
 * that system has a solution that is positive definite (Sylvester: every leading minor > 0).
 */
export function refLyapunovP(model: RefModel): Frac[][] | null {
  const A = transition(model);
  const n = model.lB;
  const unknowns: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) unknowns.push([i, j]);
  const index = (i: number, j: number) => unknowns.findIndex(([a, b]) => (a === Math.min(i, j) && b === Math.max(i, j)));
  // Row (i, j): Σ_{k,l} A_ki·A_lj·P_kl − P_ij = −[i = j].
  const M = unknowns.map(([i, j]) => {
    const row = unknowns.map(() => ZERO);
    for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) {
      const c = A[k][i].times(A[l][j]);
      if (c.cmp(ZERO) !== 0) row[index(k, l)] = row[index(k, l)].plus(c);
    }
    row[index(i, j)] = row[index(i, j)].minus(Frac.int(1));
    return row;
  });
  const solution = solve(M, unknowns.map(([i, j]) => (i === j ? Frac.int(-1) : ZERO)));
  if (solution === null) return null;
  const P = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => solution[index(i, j)]));
  return positiveDefinite(P) ? P : null;
}

/** uᵀPv. */
export function refForm(P: Frac[][], u: Frac[], v: Frac[]): Frac {
  return total(u.map((ui, i) => ui.times(total(v.map((vj, j) => P[i][j].times(vj))))));
}
