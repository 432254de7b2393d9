/** Lehmer's gcd (the `bigint-gcd` package ships no type declarations). */
declare module 'bigint-gcd' {
  /** gcd of two bigints, non-negative. */
  export default function gcd(a: bigint, b: bigint): bigint;
}
