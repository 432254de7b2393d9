import { latencyFloat } from './formula.js';
import { thetaToFloat, type Theta } from './params.js';
import type { StepRow } from './fit/fit.js';

/**
 * A seeded pseudo-random generator (mulberry32): pure state, injected into the
 * generator so that the same seed gives the same data on every platform.
 */
export class SeededRng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

export interface GenerateOptions {
  readonly rows: number;
  /** Multiplicative noise: T = T(B,S;θ)·exp(σ·z), z standard normal (σ = 0: exact). */
  readonly noise: number;
  readonly Bmax: number;
  readonly Smax: number;
  /** Decimal places of T written (default 4). */
  readonly digits?: number;
}

/**
 * Synthetic steps in time order from a known θ, mixing the three regimes of
 * seed §5.2: decode-only (S = B), mixed (B ≤ S ≤ 8B) and large prefill
 * (S up to Smax), each with probability 1/3; B uniform in 1..Bmax, and S ≥ B.
 */
export function generateSteps(theta: Theta, rng: SeededRng, options: GenerateOptions): StepRow[] {
  const t = thetaToFloat(theta);
  const digits = options.digits ?? 4;
  const out: StepRow[] = [];
  for (let i = 0; i < options.rows; i++) {
    const B = rng.int(1, options.Bmax);
    const regime = rng.int(0, 2);
    const S = regime === 0 ? B : regime === 1 ? rng.int(B, Math.min(options.Smax, 8 * B)) : rng.int(B, Math.max(B, options.Smax));
    const exact = latencyFloat(t, B, S);
    const T = options.noise > 0 ? exact * Math.exp(options.noise * rng.normal()) : exact;
    out.push({ B, S, T: Number(T.toFixed(digits)) });
  }
  return out;
}

/** The rows as CSV text with header `B,S,T`. */
export function stepsToCsv(rows: readonly StepRow[]): string {
  return ['B,S,T', ...rows.map((r) => `${r.B},${r.S},${r.T}`)].join('\n') + '\n';
}
