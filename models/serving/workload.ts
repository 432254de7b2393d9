import { Rational } from '../arithmetic/rational.js';
import { InputError } from '../errors.js';
import { decodeServingParams, encodeServingParams, validateServingParams, type ServingParams, type ServingParamsJson } from './params.js';
import { validateRequest, type Request } from './request.js';

/**
 * A serving candidate: parameters and a finite workload, the unit a search
 * generates, orders and shrinks. Request ids are their positions 0..n−1.
 */
export interface ServingCandidate {
  readonly params: ServingParams;
  readonly requests: readonly Request[];
}

export interface ServingCandidateJson {
  readonly params: ServingParamsJson;
  /** [arrival "p/q", prefill, decode] per request, in id order. */
  readonly requests: readonly (readonly [string, number, number])[];
}

export const encodeCandidate = (c: ServingCandidate): ServingCandidateJson => ({
  params: encodeServingParams(c.params),
  requests: c.requests.map((r) => [r.arrival.toString(), r.prefill, r.decode] as const),
});

export function decodeCandidate(json: unknown): ServingCandidate {
  const o = json as { params?: unknown; requests?: unknown };
  if (typeof json !== 'object' || json === null || !Array.isArray(o.requests)) {
    throw new InputError('INVALID_WORKLOAD', `a serving candidate must be {params, requests: [[arrival, prefill, decode], …]} (got ${JSON.stringify(json)?.slice(0, 80)})`);
  }
  const params = decodeServingParams(o.params);
  const requests = (o.requests as unknown[]).map((row, id) => {
    if (!Array.isArray(row) || row.length !== 3) throw new InputError('INVALID_WORKLOAD', `request ${id} must be [arrival, prefill, decode] (got ${JSON.stringify(row)})`);
    let arrival: Rational;
    try {
      arrival = Rational.parse(String(row[0]));
    } catch {
      throw new InputError('INVALID_WORKLOAD', `request ${id}: arrival_time must be a rational ≥ 0 (got ${JSON.stringify(row[0])})`);
    }
    return validateRequest({ id, arrival: arrival.normalized(), prefill: Number(row[1]), decode: Number(row[2]) });
  });
  return { params, requests };
}

/** Rationals by height max(|p|, q) first, then value (as elsewhere in the harness). */
export function compareBySize(a: Rational, b: Rational): number {
  const h = a.height() - b.height();
  return h !== 0n ? (h < 0n ? -1 : 1) : a.compare(b);
}

const totalLength = (rs: readonly Request[]) => rs.reduce((s, r) => s + r.prefill + r.decode, 0);

/**
 * The minimality order over candidates, lexicographic in:
 * 1. the number of requests;
 * 2. Σ (p_i + d_i), the total length;
 * 3. M, then 4. B;
 * 5. d0, then 6. d1 (each by height, then value);
 * 7. the arrival times, request by request in id order (by height, then value);
 * 8. the prefill lengths, then 9. the decode lengths, request by request.
 * Two candidates compare equal only when identical.
 */
export function compareCandidates(a: ServingCandidate, b: ServingCandidate): number {
  const ra = a.requests;
  const rb = b.requests;
  const keys: (() => number)[] = [
    () => ra.length - rb.length,
    () => totalLength(ra) - totalLength(rb),
    () => a.params.M - b.params.M,
    () => a.params.B - b.params.B,
    () => compareBySize(a.params.d0, b.params.d0),
    () => compareBySize(a.params.d1, b.params.d1),
    () => lex(ra, rb, (x, y) => compareBySize(x.arrival, y.arrival)),
    () => lex(ra, rb, (x, y) => x.prefill - y.prefill),
    () => lex(ra, rb, (x, y) => x.decode - y.decode),
  ];
  for (const k of keys) {
    const c = k();
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

function lex(a: readonly Request[], b: readonly Request[], cmp: (x: Request, y: Request) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

const renumber = (rs: readonly Request[]): Request[] => rs.map((r, id) => (r.id === id ? r : { ...r, id }));

function isValid(c: ServingCandidate): boolean {
  try {
    validateServingParams(c.params);
    c.requests.forEach(validateRequest);
    return true;
  } catch {
    return false;
  }
}

/**
 * Neighbours of a (failing) candidate, each strictly smaller in
 * `compareCandidates` and valid, in increasing order: drop one request;
 * shorten one prefill or decode (to 1, to half, by 1); decrease M or B (to 1,
 * to half, by 1, and B to M when B > M); simplify d0, d1 (to 0, 1, ⌊·⌋, ⌈·⌉);
 * simplify one arrival (to 0, ⌊a⌋, ⌈a⌉, the previous request's arrival).
 */
export function neighbours(c: ServingCandidate): ServingCandidate[] {
  const out: ServingCandidate[] = [];
  const { params, requests } = c;
  const withRequests = (rs: Request[]) => out.push({ params, requests: renumber(rs) });
  const withParams = (p: Partial<ServingParams>) => out.push({ params: { ...params, ...p }, requests });
  requests.forEach((_, i) => withRequests(requests.filter((__, j) => j !== i)));
  const smallerInts = (v: number) => [...new Set([1, Math.floor(v / 2), v - 1])].filter((x) => x >= 1 && x < v);
  requests.forEach((r, i) => {
    for (const p of smallerInts(r.prefill)) withRequests(requests.map((x, j) => (j === i ? { ...x, prefill: p } : x)));
    for (const d of smallerInts(r.decode)) withRequests(requests.map((x, j) => (j === i ? { ...x, decode: d } : x)));
  });
  for (const M of smallerInts(params.M)) withParams({ M });
  for (const B of [...smallerInts(params.B), params.M]) if (B < params.B) withParams({ B });
  const simpler = (x: Rational) => [Rational.ZERO, Rational.ONE, floorOf(x), floorOf(x).add(Rational.ONE).normalized()];
  for (const d0 of simpler(params.d0)) withParams({ d0 });
  for (const d1 of simpler(params.d1)) withParams({ d1 });
  requests.forEach((r, i) => {
    const options = [Rational.ZERO, floorOf(r.arrival), floorOf(r.arrival).add(Rational.ONE).normalized()];
    if (i > 0) options.push(requests[i - 1].arrival);
    for (const a of options) withRequests(requests.map((x, j) => (j === i ? { ...x, arrival: a } : x)));
  });
  const seen = new Set<string>();
  return out
    .filter((n) => compareCandidates(n, c) < 0 && isValid(n))
    .filter((n) => {
      const key = JSON.stringify(encodeCandidate(n));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareCandidates);
}

function floorOf(x: Rational): Rational {
  const q = x.num / x.den;
  return Rational.fromInteger(x.num < 0n && q * x.den !== x.num ? q - 1n : q);
}
