import type { Case, Outcome } from './outcome.js';
import { CASES } from './outcome.js';

/**
 * A conjecture's screening kernel: its predicate evaluated on a family's kernel state (plain
 * doubles with certified radii and exact classes, see e.g. models/theory-simulation/screen-kernel.ts)
 * and answered as a small integer code, so that the deciding policy screens a whole cell without
 * an object per value or per outcome. A kernel decides only what the enclosures prove; anything
 * else it answers with an undecided code, and the run is decided on the exact path from there.
 *
 * Code layout: bits 0–1 the status (1 holds, 2 fails; 0 undecided), bits 2–4 the case (0 none,
 * 1–4 A–D), bits 5–6 the tie flag (0 absent, 1 false, 2 true); an undecided code says why.
 */
/** Not decided: an enclosure too wide to show the sign. */
export const KERNEL_UNDECIDED = 0;
/** Not decided: which positions tie (argmax, argmin, the deciding pair) is not known. */
export const KERNEL_TIE = 1 << 7;
const HOLDS = 1;
const FAILS = 2;
const CASE_SHIFT = 2;
const TIE_SHIFT = 5;

export interface KernelCheck<S> {
  /** The kernel's form of the conjecture's `appliesAt` (present exactly when that is). */
  appliesAt?(state: S): boolean;
  /** The outcome's code, with the margin's enclosure written to state.marginLo/marginHi. */
  check(state: S): number;
}

export const isUndecided = (code: number): boolean => (code & 3) === 0;
export const undecidedReason = (code: number): 'tie' | 'bound' => (code === KERNEL_TIE ? 'tie' : 'bound');

/** Where a kernel writes its margin's enclosure. */
export interface MarginSlot {
  marginLo: number;
  marginHi: number;
}

/** Extra code bits: the case of the deciding pair and whether m or n was tied. */
export const caseBits = (c: Case): number => (CASES.indexOf(c) + 1) << CASE_SHIFT;
export const tieBits = (tie: boolean): number => (tie ? 2 : 1) << TIE_SHIFT;

/** Holds iff the margin ≥ 0: decided when its enclosure [lo, hi] proves the sign. */
export function byEnclosure(slot: MarginSlot, lo: number, hi: number, extra = 0): number {
  slot.marginLo = lo;
  slot.marginHi = hi;
  // An infinite bound on the deciding side is an overflow, not a bound (no margin is infinite).
  if (lo >= 0 && lo !== Infinity) return HOLDS | extra;
  if (hi < 0 && hi !== -Infinity) return FAILS | extra;
  return KERNEL_UNDECIDED;
}

/** A status known otherwise (e.g. from exact facts), with the margin's enclosure. */
export function withStatus(slot: MarginSlot, holds: boolean, lo: number, hi: number, extra = 0): number {
  slot.marginLo = lo;
  slot.marginHi = hi;
  return (holds ? HOLDS : FAILS) | extra;
}

const EMPTY = Object.freeze({});
/** By code (codes fit a byte). */
const outcomes: (Outcome<never> | undefined)[] = new Array(256).fill(undefined);

/** The outcome a code stands for, one frozen object per code (its margin is an enclosure, so it is left out). */
export function kernelOutcome(code: number): Outcome<never> {
  let o = outcomes[code];
  if (!o) {
    const status = (code & 3) === HOLDS ? 'holds' : 'fails';
    const caseIndex = (code >> CASE_SHIFT) & 7;
    const tie = (code >> TIE_SHIFT) & 3;
    o = Object.freeze({
      status,
      values: EMPTY,
      ...(caseIndex ? { case: CASES[caseIndex - 1] } : {}),
      ...(tie ? { tie: tie === 2 } : {}),
    }) as Outcome<never>;
    outcomes[code] = o;
  }
  return o;
}
