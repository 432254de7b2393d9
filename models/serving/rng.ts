/**
 * A seeded pseudo-random source, passed in wherever randomness is needed (the
 * models never read a clock or Math.random). `seededRng` is splitmix32: fast,
 * 32-bit state, the same sequence on every platform for a given seed.
 */
export interface Rng {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
}

export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return {
    nextUint32() {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    },
  };
}

/** A uniform double in (0, 1) with 53 random bits (never 0, so log is finite). */
export function uniformOpen(rng: Rng): number {
  const hi = rng.nextUint32() >>> 5; // 27 bits
  const lo = rng.nextUint32() >>> 6; // 26 bits
  return (hi * 67108864 + lo + 0.5) / 9007199254740992;
}

/** A uniform integer in [0, n), n ≤ 2^32, without modulo bias. */
export function uniformInt(rng: Rng, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`uniformInt needs 1 ≤ n ≤ 2^32 (got ${n})`);
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = rng.nextUint32();
    if (x < limit) return x % n;
  }
}
