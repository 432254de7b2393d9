import { KernelState, type Extremum } from '../../../models/theory-simulation/screen-kernel.js';
import type { Case } from '../../support/outcome.js';
import { byEnclosure, caseBits, KERNEL_TIE, tieBits } from '../../support/kernel.js';

/**
 * The kernels' form of the extrema (max/min of a model, its differences) and of decideOverM /
 * decideOverPairs (extrema-pairs.ts) under tie rule `all`:
 * the arg-sets come from the kernel state, which knows them only when every stage that may
 * attain the extremum holds one class; otherwise the state is not decided here.
 */

/** An enclosure a per-position margin writes, with an identity: equal keys (not NaN) mean exactly equal margins. */
export interface Span {
  lo: number;
  hi: number;
  key: number;
}

/** a − b for two extrema, on its enclosure: exactly 0 when the models hold one state, or both extrema are one class. */
export function extremaDifference(s: KernelState, a: Extremum, b: Extremum): number {
  if (s.identical) return byEnclosure(s, 0, 0);
  KernelState.difference(a, b, span);
  return byEnclosure(s, span.lo, span.hi);
}

/** min over m ∈ argmax Mˢ of margin(m): the worst tied position decides. */
export function worstOverArgmax(s: KernelState, margin: (s: KernelState, m: number, out: Span) => void): number {
  if (s.maxS.cls < 0) return KERNEL_TIE;
  let lo = Infinity;
  let hi = Infinity;
  for (let i = 0; i < s.argmaxCount; i++) {
    margin(s, s.argmaxS[i], span);
    if (span.lo < lo) lo = span.lo;
    if (span.hi < hi) hi = span.hi;
  }
  return byEnclosure(s, lo, hi, tieBits(s.argmaxCount > 1));
}

const span: Span = { lo: 0, hi: 0, key: NaN };
const best: Span = { lo: 0, hi: 0, key: NaN };

/**
 * The worst (m, n) pair, m ∈ argmax Mˢ, n ∈ argmin Mˢ, and the case of the pair decideTie
 * picks (the first with the least margin). The case is known when the enclosures prove which
 * pair that is, or when every pair has the same case.
 */
export function worstOverPairs(s: KernelState, margin: (s: KernelState, m: number, n: number, out: Span) => void): number {
  if (s.maxS.cls < 0 || s.minS.cls < 0) return KERNEL_TIE;
  let lo = Infinity;
  let hi = Infinity;
  let bestCase: Case | null = null;
  let chosenKnown = true;
  let common: Case | null | undefined = undefined; // undefined: none seen; null: not one case
  let first = true;
  for (let i = 0; i < s.argmaxCount; i++) {
    const m = s.argmaxS[i];
    for (let j = 0; j < s.argminCount; j++) {
      const n = s.argminS[j];
      span.key = NaN;
      margin(s, m, n, span);
      if (span.lo < lo) lo = span.lo;
      if (span.hi < hi) hi = span.hi;
      const c = caseOf(s, m, n);
      common = common === undefined ? c : common === c ? common : null;
      if (first || (chosenKnown && span.hi < best.lo)) {
        best.lo = span.lo;
        best.hi = span.hi;
        best.key = span.key;
        bestCase = c;
        first = false;
      } else if (chosenKnown) {
        // Not less than the best: proved by the enclosures, or the same exact margin.
        if (!(span.lo >= best.hi) && !(span.key === best.key)) {
          chosenKnown = false;
        }
      }
    }
  }
  const decided = chosenKnown ? bestCase : (common ?? null);
  if (decided === null) return KERNEL_TIE;
  return byEnclosure(s, lo, hi, caseBits(decided) | tieBits(s.argmaxCount > 1 || s.argminCount > 1));
}

/** Case of seed 000 §6.4 from the signs of Δ_m and Δ_n (classifyCase), null where an enclosure does not show them. */
function caseOf(s: KernelState, m: number, n: number): Case | null {
  const mNonNegative = s.dLo[m] >= 0 ? true : s.dHi[m] < 0 ? false : null;
  const nPositive = s.dLo[n] > 0 ? true : s.dHi[n] <= 0 ? false : null;
  if (mNonNegative === null || nPositive === null) return null;
  if (mNonNegative) return nPositive ? 'B' : 'A';
  return nPositive ? 'D' : 'C';
}
