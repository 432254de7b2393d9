import type { ConjectureInfo, CounterexampleLike, FamilyPage, JsonValue } from '../family.js';
import type { LatencyCandidateG } from './candidate.js';
import { ContextPool } from './certify.js';
import { diffB, diffS } from './differences.js';
import { latency, tLin } from './formula.js';
import { THETA_KEYS, THETA_LABELS } from './params.js';

/** Half-width of the (B, S) window of the heatmap. */
const HALF = 7;

/** A position of the witness (numbers, or integer strings such as a large S). */
function witnessInt(counterexample: CounterexampleLike, name: string): number | null {
  const w = (counterexample as { witness?: Record<string, unknown> }).witness;
  const v = w?.[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/**
 * The counterexample page of the latency family: the saved certified
 * outcome of the counterexample, T and its differences around the input as
 * enclosures, a heatmap of T over the (B, S) window around it (doubles from
 * the enclosures' midpoints, for reading only) and that window as CSV.
 */
export function latencyPage(counterexample: CounterexampleLike, conjecture: ConjectureInfo, candidate: LatencyCandidateG): FamilyPage {
  const { theta, physical } = candidate.params;
  const pool = new ContextPool();
  const init = candidate.init;
  const B0 = witnessInt(counterexample, 'B') ?? init.B;
  const S0 = witnessInt(counterexample, 'S') ?? (init.kind === 'point' ? init.S : 1);

  // The saved outcome (margin, witness, note) of the counterexample: the page explains it.
  const saved = counterexample as CounterexampleLike & { margin?: string; witness?: Record<string, unknown>; note?: string };
  const outcome = saved.witness ? { status: 'fails', margin: saved.margin, values: saved.witness, note: saved.note } : null;

  const c64 = pool.at(64);
  const Bs = range(Math.max(1, B0 - HALF), 2 * HALF + 1);
  const Ss = range(Math.max(1, S0 - HALF), 2 * HALF + 1);
  const cells: { B: number; S: number; T: number; Tlin: number; excess: number; domain: boolean }[] = [];
  for (const B of Bs) {
    for (const S of Ss) {
      const T = latency(c64, theta, B, S).toNumber();
      const Tl = tLin(theta, B, S).toNumber();
      cells.push({ B, S, T, Tlin: Tl, excess: T - Tl, domain: !physical || S >= B });
    }
  }
  const heatmap = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `T(B, S) around the counterexample of ${conjecture.id}`, subtitle: `(B, S) = (${B0}, ${S0}) is outlined; colours from certified enclosures' midpoints (ms)` },
    width: 420,
    height: 420,
    layer: [
      {
        data: { values: cells.filter((c) => c.domain) },
        mark: 'rect',
        encoding: {
          x: { field: 'S', type: 'ordinal', title: 'S (tokens per step)' },
          y: { field: 'B', type: 'ordinal', title: 'B (requests per step)', sort: 'descending' },
          color: { field: 'T', type: 'quantitative', title: 'T (ms)' },
          tooltip: [{ field: 'B' }, { field: 'S' }, { field: 'T', format: '.6g' }, { field: 'Tlin', format: '.6g' }, { field: 'excess', title: 'T − Tlin', format: '.3g' }],
        },
      },
      {
        data: { values: [{ B: B0, S: S0 }] },
        mark: { type: 'rect', fill: null, stroke: '#c62828', strokeWidth: 2 },
        encoding: { x: { field: 'S', type: 'ordinal' }, y: { field: 'B', type: 'ordinal', sort: 'descending' } },
      },
    ],
  };

  const around: string[][] = [];
  for (const B of range(Math.max(1, B0 - 1), 3)) {
    for (const S of range(Math.max(1, S0 - 1), 3)) {
      if (physical && S < B) continue;
      around.push([String(B), String(S), latency(c64, theta, B, S).format(16), tLin(theta, B, S).toString(), diffB(c64, theta, B, S).format(12), diffS(c64, theta, B, S).format(12)]);
    }
  }
  const show = (v: unknown) => (Array.isArray(v) ? `[${v.map(String).join(', ')}]` : String(v));
  const outcomeRows: string[][] = outcome
    ? [
        ['status', outcome.status],
        ...(outcome.margin !== undefined ? [['margin (exact bound with the decided sign)', String(outcome.margin)]] : []),
        ...Object.entries(outcome.values).map(([k, v]) => [k, show(v)]),
        ...(outcome.note ? [['note', outcome.note]] : []),
      ]
    : [];
  const inputText = init.kind === 'point' ? `point (B, S) = (${init.B}, ${init.S})` : `SLA query B = ${init.B}, T* = ${init.target}`;
  return {
    facts: [
      { label: 'θ', value: THETA_KEYS.map((k) => `${THETA_LABELS[k]} = ${theta[k]}`).join(', ') },
      { label: 'domain', value: physical ? 'integers B, S ≥ 1 with S ≥ B (physical)' : 'integers B, S ≥ 1' },
      { label: 'input', value: inputText },
      { label: 'identifiable coordinates', value: `a0 = w0/Pmax = ${theta.w0.div(theta.Pmax).normalized()}, a1 = w1/Pmax = ${theta.w1.div(theta.Pmax).normalized()}, kB, kS, τ0, τB, τS as given` },
      { label: 'decided by', value: 'certified interval arithmetic (64 … 4096 bits, outward rounding) or an exact argument; enclosures are [lower, upper] bounds' },
    ],
    tables: [
      ...(outcomeRows.length ? [{ title: `The outcome at the counterexample (${conjecture.statement})`, columns: ['quantity', 'exact value or certified enclosure'], rows: outcomeRows }] : []),
      {
        title: `T and its differences around (B, S) = (${B0}, ${S0}) (certified enclosures at 64 bits; Tlin exact)`,
        columns: ['B', 'S', 'T(B,S)', 'Tlin(B,S)', 'T(B+1,S) − T(B,S)', 'T(B,S+1) − T(B,S)'],
        rows: around,
      },
    ],
    charts: [{ name: 'latency-heatmap', caption: `T over B ∈ ${Bs[0]}..${Bs[Bs.length - 1]}, S ∈ ${Ss[0]}..${Ss[Ss.length - 1]}`, spec: heatmap as unknown as JsonValue }],
    csv: {
      note: `T, Tlin and T − Tlin over the window (doubles: midpoints of certified enclosures; Tlin rounded from its exact value)`,
      columns: ['B', 'S', 'T', 'Tlin', 'T_minus_Tlin'],
      rows: cells.filter((c) => c.domain).map((c) => [c.B, c.S, c.T, c.Tlin, c.excess]),
    },
    steps: 0,
    data: { center: { B: B0, S: S0 }, physical, input: init.kind },
  };
}

function range(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}
