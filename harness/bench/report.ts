import type { OutcomeStatus } from '../../conjectures/support/outcome.js';
import type { Agreement, Comparison } from './agreement.js';
import type { PredicateErrorRecord } from './exact-run.js';
import type { PredicateTally } from '../../models/theory-simulation/bench/float-loop.js';
import type { SweepMemoryFigures } from './sweep-memory.js';
import type { SweepScalingFigures } from './sweep-scaling.js';

/** Everything the benchmark measured, as printed (text) or emitted (--json). */
export interface BenchFigures {
  readonly grid: { readonly description: string; readonly cells: number; readonly states: number };
  /** stride 1 = every cell. */
  readonly sample: { readonly stride: number; readonly cells: number; readonly states: number };
  /** The exact run and the float64 passes alternate in this many slices. */
  readonly interleavedSlices: number;
  readonly float64: {
    readonly passes: number;
    readonly states: number;
    readonly seconds: number;
    readonly statesPerSecond: number;
  };
  readonly exact: {
    readonly conjectures: number;
    readonly states: number;
    readonly seconds: number;
    readonly statesPerSecond: number;
  };
  /** exact states/s ÷ float64 states/s, both measured in this run. */
  readonly ratio: number;
  readonly goal: number;
  readonly perConjecture: {
    readonly id: string;
    readonly exact: Record<OutcomeStatus, number>;
    readonly float64: PredicateTally;
  }[];
  readonly agreement: Agreement;
  readonly errors: readonly PredicateErrorRecord[];
  /** The lean exact path (common denominators, no per-step gcd) against the Rational path, same cells, same run. */
  readonly leanVsRational?: Record<'identities' | 'inequalities', LeanVsRational>;
}

export interface LeanVsRational {
  readonly conjectures: readonly string[];
  readonly cells: number;
  readonly leanStatesPerSecond: number;
  readonly rationalStatesPerSecond: number;
  readonly speedup: number;
  readonly sameOutcomes: boolean;
}

const int = (n: number) => n.toLocaleString('en-US');
const rate = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(2)} k` : n.toFixed(1) + ' ');
const seconds = (s: number) => `${s.toFixed(2)} s`;
const pad = (s: string | number, width: number) => String(s).padStart(width);
/** The middle value (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const ordinal = (k: number) => {
  const suffix = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
};

export function formatReport(f: BenchFigures): string {
  const lines: string[] = [];
  const sampled = f.sample.stride > 1;
  lines.push('Exact-verdict throughput vs a plain float64 loop');
  lines.push(`  grid:   ${f.grid.description}`);
  lines.push(`          ${int(f.grid.cells)} cells, ${int(f.grid.states)} coupled states`);
  lines.push(
    sampled
      ? `  sample: every ${ordinal(f.sample.stride)} cell → ${int(f.sample.cells)} cells, ${int(f.sample.states)} states ` +
          '(SUBSAMPLED: throughputs are per state; --full for every cell)'
      : `  sample: every cell (${int(f.sample.cells)} cells, ${int(f.sample.states)} states)`,
  );
  lines.push(`  checks: ${f.exact.conjectures} step/eviction-step conjectures per state, tie rule "all"`);
  lines.push(
    `  timing: wall clock; per-cell setup, Schur–Cohn and P inside both; exact and float64 interleaved in ${f.interleavedSlices} slices`,
  );
  lines.push('');
  lines.push(
    `  float64 loop: ${int(f.sample.cells)} cells × ${f.float64.passes} passes = ${int(f.float64.states)} states ` +
      `in ${seconds(f.float64.seconds)} → ${rate(f.float64.statesPerSecond)}states/s`,
  );
  lines.push(
    `  exact:        ${int(f.sample.cells)} cells × 1 pass = ${int(f.exact.states)} states ` +
      `in ${seconds(f.exact.seconds)} → ${rate(f.exact.statesPerSecond)}states/s`,
  );
  const verdict = f.ratio >= f.goal ? 'goal met' : `${(f.goal / f.ratio).toFixed(0)}× short of the goal`;
  lines.push(`  exact = ${f.ratio.toPrecision(2)}× float64 (goal ≥ ${f.goal}×; ${verdict})`);
  lines.push('');
  lines.push('  per conjecture (exact: holds / fails / vacuous; float64 on the same states: holds / fails / near 0)');
  const width = Math.max(...f.perConjecture.map((c) => c.id.length));
  for (const c of f.perConjecture) {
    const e = c.exact;
    const d = c.float64;
    lines.push(
      `    ${c.id.padEnd(width)}  exact ${pad(e.holds, 7)} ${pad(e.fails, 7)} ${pad(e.vacuous, 7)}` +
        (e.undecided ? ` (+${e.undecided} undecided)` : '') +
        `   float64 ${pad(d.holds, 7)} ${pad(d.fails, 7)} ${pad(d.nearZero, 7)}`,
    );
  }
  lines.push('');
  lines.push(...formatAgreement(f.agreement));
  if (f.leanVsRational) {
    lines.push('');
    lines.push('  lean exact path (common denominators, no per-step gcd) vs the Rational path, same cells, interleaved');
    for (const [name, x] of Object.entries(f.leanVsRational)) {
      lines.push(
        `    ${name.padEnd(12)} (${x.conjectures.length} conjectures, ${int(x.cells)} cells): lean ${rate(x.leanStatesPerSecond)}states/s, ` +
          `Rational ${rate(x.rationalStatesPerSecond)}states/s → ${x.speedup.toFixed(1)}×; outcomes ${x.sameOutcomes ? 'identical' : 'DIFFER'}`,
      );
    }
  }
  if (f.errors.length) {
    lines.push('');
    lines.push(`  PREDICATE ERRORS: ${f.errors.length} (a harness bug); first: ${JSON.stringify(f.errors[0])}`);
  }
  return lines.join('\n') + '\n';
}

function formatAgreement(a: Agreement): string[] {
  const row = (name: string, c: Comparison, skipped: string) =>
    `    ${name.padEnd(20)} ${pad(int(c.disagree), 6)} disagreements in ${int(c.compared)} compared` +
    (c.nearZero ? ` (${int(c.nearZero)} ${skipped})` : '');
  const total = a.stability.disagree + a.eviction.disagree + a.verdicts.disagree + a.scopeDisagreements;
  const lines = [
    `  agreement exact vs float64 where doubles can decide: ${total === 0 ? 'OK, 0 disagreements' : `${int(total)} DISAGREEMENTS`}`,
    row('stability of A', a.stability, ''),
    row('eviction decisions', a.eviction, 'skipped: |ã| within rounding of 0'),
    row('holds/fails', a.verdicts, 'skipped: float margin within rounding of 0'),
    `    ${'scope'.padEnd(20)} ${pad(int(a.scopeDisagreements), 6)} states evaluated by only one side`,
  ];
  const by = Object.entries(a.disagreementsByConjecture);
  if (by.length) lines.push(`    by conjecture: ${by.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  for (const e of a.examples) lines.push(`    e.g. ${e}`);
  return lines;
}

export function formatSweepReport(scaling: SweepScalingFigures, memory: SweepMemoryFigures): string {
  const lines = ['Sweep scaling over worker threads (same run)'];
  lines.push(`  grid:   ${scaling.grid}`);
  lines.push(`          ${int(scaling.cells)} cells, ${int(scaling.states)} coupled states`);
  for (const r of scaling.runs) {
    const all = r.rounds.map((x) => x.toFixed(1)).join(', ');
    lines.push(`  ${r.workers} worker${r.workers > 1 ? 's' : ' '}: ${seconds(r.seconds)} → ${rate(r.statesPerSecond)}states/s  (best of ${r.rounds.length} rounds: ${all} s)`);
  }
  lines.push(`  2 workers = ${scaling.speedup.toFixed(2)}× 1 worker (goal ≥ ${scaling.goal}×)${scaling.speedup >= scaling.goal ? '' : '  — BELOW GOAL'}`);
  lines.push(`  results identical across worker counts: ${scaling.identical ? 'yes' : 'NO'}`);
  lines.push('');
  lines.push('Sweep memory over grid size (each in fresh processes)');
  const mib = (kib: number) => (kib / 1024).toFixed(1);
  for (const r of memory.runs) {
    lines.push(`  ${pad(int(r.cells), 7)} cells, ${pad(int(r.states), 8)} states: peak RSS ${mib(r.peakRssKiB)} MiB  (median of ${r.rounds.map(mib).join(', ')})`);
  }
  lines.push(
    `  10× the grid = ${memory.growth.toFixed(3)}× the peak RSS (goal < ${memory.limit}×)${memory.growth < memory.limit ? '' : '  — ABOVE GOAL'}`,
  );
  return lines.join('\n') + '\n';
}
