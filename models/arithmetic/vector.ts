import type { Arithmetic } from './arithmetic.js';

/** Small generic helpers over vectors of N; all exact on the exact backend. */

export function sum<N>(ar: Arithmetic<N>, xs: readonly N[]): N {
  let acc = ar.zero;
  for (const x of xs) acc = ar.add(acc, x);
  return ar.normalize(acc);
}

export function dot<N>(ar: Arithmetic<N>, a: readonly N[], b: readonly N[]): N {
  return ar.dot(a, b);
}

export function subVec<N>(ar: Arithmetic<N>, a: readonly N[], b: readonly N[]): N[] {
  return a.map((x, i) => ar.sub(x, b[i]));
}

export function maxOf<N>(ar: Arithmetic<N>, xs: readonly N[]): N {
  let best = xs[0];
  for (let i = 1; i < xs.length; i++) if (ar.compare(xs[i], best) > 0) best = xs[i];
  return best;
}

export function minOf<N>(ar: Arithmetic<N>, xs: readonly N[]): N {
  let best = xs[0];
  for (let i = 1; i < xs.length; i++) if (ar.compare(xs[i], best) < 0) best = xs[i];
  return best;
}

/** Every index where xs attains its maximum (ties kept, ascending). */
export function argmaxAll<N>(ar: Arithmetic<N>, xs: readonly N[]): number[] {
  const best = maxOf(ar, xs);
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (ar.compare(x, best) === 0) out.push(i);
  });
  return out;
}

/** Every index where xs attains its minimum (ties kept, ascending). */
export function argminAll<N>(ar: Arithmetic<N>, xs: readonly N[]): number[] {
  const best = minOf(ar, xs);
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (ar.compare(x, best) === 0) out.push(i);
  });
  return out;
}

/** Largest absolute entry (0 for an empty vector). */
export function maxAbs<N>(ar: Arithmetic<N>, xs: readonly N[]): N {
  let best = ar.zero;
  for (const x of xs) {
    const a = ar.abs(x);
    if (ar.compare(a, best) > 0) best = a;
  }
  return best;
}

/**
 * max_i |a_i − b_i|: zero, without forming a difference, when every entry compares equal (a
 * comparison cross-multiplies; a difference of values over unrelated denominators also pays
 * for their common one).
 */
export function maxAbsDifference<N>(ar: Arithmetic<N>, a: readonly N[], b: readonly N[]): N {
  for (let i = 0; i < a.length; i++) if (ar.compare(a[i], b[i]) !== 0) return maxAbs(ar, subVec(ar, a, b));
  return ar.zero;
}
