import { join } from 'node:path';
import type { Registry } from '../../conjectures/registry.js';
import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { InputError } from '../../models/errors.js';
import type { FeatureSpec, FeatureValue, JsonValue, ModelFamily } from '../../models/family.js';
import { resolveClaims } from '../gate/claims.js';
import type { CounterexampleJson } from '../schema.js';
import { counterexampleJson } from '../search/counterexample.js';
import { CandidateEvaluator } from '../search/evaluate.js';
import { sweepGrid } from '../sweep/batch.js';
import { configFromJson, configHash, configToJson, type SweepConfig } from '../sweep/config.js';
import type { Executor } from '../sweep/executor.js';
import { Json5Source } from '../sweep/json5-source.js';
import { runSweep } from '../sweep/run.js';
import { readState, type SweepState } from '../sweep/state.js';
import { atomHolds, atomText, compareValues, conditionText, FeatureEvaluator, featuresOf, type Atom } from './features.js';
import { conjectureOutcomes, OUTCOME } from './outcomes.js';
import { collectProfiles, countsOf, type ProfileTable } from './profiles.js';

/**
 * `conjecture refine`: the conditions under which no checked cell of a sweep
 * failed, mined from its per-cell outcomes, then checked afresh.
 *
 * Language: conjunctions of at most MAX_ATOMS atoms over the family's exact
 * features (x ≥ c, x ≤ c for ordered features; x = c for any), the constants
 * c taken from the values observed in the sweep; at most two atoms per
 * feature, and two only as an interval (x ≥ a ∧ x ≤ b, a < b).
 *
 * Search: a conjunction qualifies when its cells include no failing,
 * undecided or errored cell and at least one held cell. Qualifying ones are
 * ranked by covered cells (held cells satisfying it), then by fewer atoms,
 * then by their text; one whose cells are a subset of a better-ranked one's is
 * dropped (dominated). A conjunction that already qualifies is not extended
 * (an extension covers no more).
 */
export const MAX_ATOMS = 3;

export interface Mined {
  readonly atoms: Atom[];
  /** Held cells of the sweep satisfying the condition. */
  readonly covered: number;
  /** Cells of the sweep satisfying it (held + vacuous). */
  readonly cells: number;
}

interface AtomBits {
  atom: Atom;
  feature: number;
  bits: Uint32Array;
}

const popWeight = (bits: Uint32Array, weights: Int32Array) => {
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w];
    while (x) {
      const b = 31 - Math.clz32(x & -x);
      n += weights[w * 32 + b];
      x &= x - 1;
    }
  }
  return n;
};
const and = (a: Uint32Array, b: Uint32Array) => {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
};
const has = (bits: Uint32Array, i: number) => (bits[i >>> 5] >>> (i & 31)) & 1;
const subset = (a: Uint32Array, b: Uint32Array) => a.every((x, i) => (x & ~b[i]) === 0);

/** Mines the refinements of conjecture j of a profile table (see the module comment), best first, at most `limit`. */
export function mine(table: ProfileTable, j: number, limit = 10): Mined[] {
  const { features } = table;
  const profiles = table.profiles.filter((p) => {
    const c = countsOf(p, j);
    return c[OUTCOME.held] + c[OUTCOME.failed] + c[OUTCOME.vacuous] + c[OUTCOME.undecided] + c[OUTCOME.errored] > 0;
  });
  const P = profiles.length;
  const words = Math.ceil(P / 32);
  const held = new Int32Array(words * 32);
  const cells = new Int32Array(words * 32);
  const bad: number[] = [];
  profiles.forEach((p, i) => {
    const c = countsOf(p, j);
    held[i] = c[OUTCOME.held];
    cells[i] = c[OUTCOME.held] + c[OUTCOME.vacuous];
    if (c[OUTCOME.failed] + c[OUTCOME.undecided] + c[OUTCOME.errored] > 0) bad.push(i);
  });
  if (P === 0) return [];

  const atoms: AtomBits[] = [];
  features.forEach((f, fi) => {
    if (f.exactness !== 'exact') return;
    const seen = new Map<string, FeatureValue>();
    for (const p of profiles) seen.set(String(p.values[fi]), p.values[fi]);
    const values = [...seen.values()].sort((a, b) => compareValues(f.kind, a, b));
    if (values.length < 2) return;
    const ordered = f.kind === 'integer' || f.kind === 'rational';
    values.forEach((v, k) => {
      // x ≤ min is written x = min (e.g. gcd = 1); x = max is left to x ≥ max, which the fresh grid extends.
      const last = k === values.length - 1;
      const ops: Atom['op'][] = ordered ? [...(k > 0 ? ['>=' as const] : []), ...(k > 0 && !last ? ['<=' as const] : []), ...(!last ? ['=' as const] : [])] : ['='];
      for (const op of ops) {
        const atom: Atom = { feature: f.name, op, value: f.kind === 'rational' ? String(v) : v };
        const bits = new Uint32Array(words);
        profiles.forEach((p, i) => {
          if (atomHolds(f.kind, atom, p.values[fi])) bits[i >>> 5] |= 1 << (i & 31);
        });
        atoms.push({ atom, feature: fi, bits });
      }
    });
  });
  // Equal-valued ops collapse: "x >= max" and "x = max" select the same cells; keep the first (≥, ≤ before =) only when sets differ.
  const compatible = (xs: AtomBits[], y: AtomBits) =>
    xs.every((x) => x.feature !== y.feature || (xs.filter((z) => z.feature === y.feature).length === 1 && x.atom.op !== '=' && y.atom.op !== '=' && x.atom.op !== y.atom.op && (x.atom.op === '>=' ? compareValues(features[x.feature].kind, x.atom.value, y.atom.value) < 0 : compareValues(features[x.feature].kind, y.atom.value, x.atom.value) < 0)));

  const found: { atoms: AtomBits[]; bits: Uint32Array; covered: number }[] = [];
  const keep = Math.max(50, limit * 10);
  let floor = 0;
  const record = (xs: AtomBits[], bits: Uint32Array) => {
    const covered = popWeight(bits, held);
    if (covered === 0 || covered < floor) return;
    found.push({ atoms: xs, bits, covered });
    if (found.length > 4 * keep) {
      found.sort((a, b) => b.covered - a.covered || a.atoms.length - b.atoms.length);
      found.length = keep;
      floor = found[found.length - 1].covered;
    }
  };
  const clean = (bits: Uint32Array) => bad.every((i) => !has(bits, i));
  const extend = (xs: AtomBits[], bits: Uint32Array, from: number) => {
    if (clean(bits)) return record(xs, bits);
    if (xs.length === MAX_ATOMS || popWeight(bits, held) <= floor) return;
    const badHere = bad.filter((i) => has(bits, i));
    for (let k = from; k < atoms.length; k++) {
      const y = atoms[k];
      if (!compatible(xs, y)) continue;
      if (xs.length === MAX_ATOMS - 1 && badHere.some((i) => has(y.bits, i))) continue; // the last atom must exclude every bad cell left
      extend([...xs, y], and(bits, y.bits), k + 1);
    }
  };
  const all = new Uint32Array(words);
  for (let i = 0; i < P; i++) all[i >>> 5] |= 1 << (i & 31);
  extend([], all, 0);

  const order = (xs: AtomBits[]) => [...xs].sort((a, b) => a.feature - b.feature || a.atom.op.localeCompare(b.atom.op));
  const ranked = found
    .map((f) => ({ ...f, atoms: order(f.atoms), text: conditionText(order(f.atoms).map((a) => a.atom)) }))
    .sort((a, b) => b.covered - a.covered || a.atoms.length - b.atoms.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const kept: typeof ranked = [];
  for (const r of ranked) {
    if (kept.some((k) => subset(r.bits, k.bits))) continue;
    kept.push(r);
    if (kept.length >= limit) break;
  }
  return kept.map((r) => ({ atoms: r.atoms.map((a) => a.atom), covered: r.covered, cells: popWeight(r.bits, cells) }));
}

// ---------------------------------------------------------------------------
// Fresh checks and claims

export interface RefineOptions {
  readonly dir: string;
  readonly registry: Registry;
  /** Only this conjecture (default: every conjecture the sweep refuted). */
  readonly conjecture?: string;
  /** Refinements reported per conjecture. */
  readonly top: number;
  /** Values added beyond each end of every integer parameter's list for the fresh grid. */
  readonly extend: number;
  /** Random samples per refinement (its claim's domain, finer rationals). */
  readonly random: number;
  readonly seed: number;
  readonly maxDenominator: number;
  /** Where the fresh sweeps are written (default <dir>/refine). */
  readonly workDir?: string;
  /** An executor for a sweep config (worker threads are set up per config). */
  readonly executor: (config: SweepConfig) => Executor;
  readonly clock: () => number;
  readonly wallClock: () => Date;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface RefinementResult {
  conjecture: string;
  /** The refined statement: "<conjecture> holds where <condition>". */
  statement: string;
  condition: string[];
  /** Held cells of the sweep satisfying the condition (and cells, vacuous ones included). */
  covered: number;
  cells: number;
  fresh: {
    /** Cells of the fresh grid satisfying the condition (evaluated), of which outside the sweep's grid. */
    gridCells: number;
    newCells: number;
    randomSamples: number;
    status: 'survived' | 'failed' | 'inconclusive';
    reason?: string;
    counterexample: CounterexampleJson | null;
  };
  claim: Record<string, JsonValue>;
}

export interface RefineReport {
  sweep: string;
  configHash: string;
  freshGrid: Record<string, JsonValue>;
  conjectures: Record<string, { status: 'refined' | 'none found' | 'not refuted'; refinements: RefinementResult[] }>;
}

const intFloor = (rule: string) => Number(/≥\s*(\d+)/.exec(rule)?.[1] ?? 1);

/** The sweep's grid with `extend` more values beyond each end of every integer parameter's list (steps of the list's end gaps). */
export function extendGrid(family: ModelFamily, grid: Record<string, JsonValue>, extend: number): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { ...grid };
  for (const p of family.parameters) {
    const xs = grid[p.name];
    if (p.kind !== 'integer' || !Array.isArray(xs) || xs.length === 0 || !xs.every((x) => typeof x === 'number')) continue;
    const v = [...(xs as number[])].sort((a, b) => a - b);
    const up = v.length > 1 ? v[v.length - 1] - v[v.length - 2] : 1;
    const down = v.length > 1 ? v[1] - v[0] : 1;
    const more = new Set(v);
    for (let k = 1; k <= extend; k++) {
      more.add(v[v.length - 1] + k * up);
      if (v[0] - k * down >= intFloor(p.rule)) more.add(v[0] - k * down);
    }
    out[p.name] = [...more].sort((a, b) => a - b);
  }
  return out;
}

/** The claim of a refinement: the fresh grid narrowed by its parameter atoms, the other atoms as `where`. */
export function refinementClaim(family: ModelFamily, config: SweepConfig, conjecture: string, atoms: readonly Atom[], freshGrid: Record<string, JsonValue>, o: Pick<RefineOptions, 'random' | 'seed' | 'maxDenominator'>): Record<string, JsonValue> {
  const features = featuresOf(family).features;
  const domain: Record<string, JsonValue> = { ...freshGrid };
  const where: string[] = [];
  for (const atom of atoms) {
    const f = features.find((x) => x.name === atom.feature)!;
    const list = domain[atom.feature];
    if (f.parameter && Array.isArray(list) && list.every((x) => typeof x === 'number' || typeof x === 'string')) {
      domain[atom.feature] = (list as (number | string)[]).filter((x) => atomHolds(f.kind, atom, x));
    } else where.push(atomText(atom));
  }
  delete domain.exhaustive;
  return {
    name: `${conjecture} holds where ${conditionText(atoms)}`,
    conjecture,
    options: { tie: config.tie },
    domain,
    ...(where.length ? { where } : {}),
    expect: 'holds',
    budget: { random: o.random, seed: o.seed, maxDenominator: o.maxDenominator, timeLimit: '1h' },
    // Vacuous states are no failures: the claim is that no checked state fails on its domain.
    maxVacuousShare: 1,
  };
}

/** Runs `conjecture refine` on a sweep folder (see the module comment and the README). */
export async function refine(o: RefineOptions): Promise<RefineReport> {
  const log = o.log ?? (() => {});
  const state = readState(o.dir);
  if (!state) throw new InputError('NOT_A_SWEEP', `${o.dir} holds no sweep (state.json is missing)`);
  const config = configFromJson(state.config, o.registry);
  const family = config.family;
  if (o.conjecture && !config.conjectures.includes(o.conjecture)) {
    throw new InputError('UNKNOWN_CONJECTURE', `the sweep in ${o.dir} did not check "${o.conjecture}" (it checked ${config.conjectures.join(', ')})`);
  }
  const ids = o.conjecture ? [o.conjecture] : config.conjectures;
  const table = collectProfiles(o.dir, state, o.registry, ids);
  if (!table) throw new InputError('NO_OUTCOMES', `${o.dir} holds no per-cell outcomes (outcomes.bin): run the sweep again with this version`);
  const incomplete = table.skipped.some((s) => s[OUTCOME.unknown] > 0);
  if (incomplete) log(`note: the sweep in ${o.dir} is incomplete; refinements are mined from the cells it checked`);

  const report: RefineReport = { sweep: o.dir, configHash: state.configHash, freshGrid: {}, conjectures: {} };
  const mined = new Map<string, Mined[]>();
  ids.forEach((id, j) => {
    const failed = table.profiles.some((p) => countsOf(p, j)[OUTCOME.failed] > 0);
    if (!failed) {
      report.conjectures[id] = { status: 'not refuted', refinements: [] };
      return;
    }
    const found = mine(table, j, o.top);
    mined.set(id, found);
    report.conjectures[id] = { status: found.length ? 'refined' : 'none found', refinements: [] };
  });
  if (mined.size === 0) return report;

  // One fresh sweep of the extended grid for every refuted conjecture (no random part; resumable).
  const gridJson = state.config.grid as Record<string, JsonValue>;
  const freshGrid = extendGrid(family, gridJson, o.extend);
  report.freshGrid = freshGrid;
  const refuted = [...mined.keys()];
  const freshConfig: SweepConfig = {
    ...configFromJson({ ...state.config, name: `${state.config.name}-fresh`, conjectures: refuted, grid: freshGrid as never, random: { runs: 0, seed: 0, maxDenominator: config.random.maxDenominator } }, o.registry),
  };
  const work = o.workDir ?? join(o.dir, 'refine');
  // One folder per fresh configuration (refining other conjectures of the same sweep is another sweep).
  const freshDir = join(work, `fresh-grid-${configHash(freshConfig)}`);
  log(`fresh grid: ${sweepGrid(freshConfig).size} cells for ${refuted.length} conjecture(s) in ${freshDir}`);
  // Fresh sweeps resume where an interrupted refine left them; they keep no corpus.
  const sweepInto = (config: SweepConfig, outDir: string) =>
    runSweep({
      config,
      registry: o.registry,
      outDir,
      shard: { index: 1, count: 1 },
      executor: o.executor(config),
      resume: true,
      corpusDir: null,
      timeBudgetMs: null,
      signal: o.signal,
      clock: o.clock,
      wallClock: o.wallClock,
    });
  const freshSummary = await sweepInto(freshConfig, freshDir);
  if (!freshSummary.complete) throw new InputError('INTERRUPTED', 'the fresh grid was not finished (interrupted): run refine again to resume it');
  const freshState = readState(freshDir)!;
  const freshCells = freshScan(freshDir, freshState, freshConfig, originalCells(config), refuted, mined);

  for (const [id, found] of mined) {
    const results: RefinementResult[] = [];
    for (const [r, m] of found.entries()) {
      const fresh = freshCells.get(id)![r];
      const claimJson = refinementClaim(family, config, id, m.atoms, freshGrid, o);
      const [claim] = resolveClaims(Json5Source.parse(`(refinement of ${id})`, JSON.stringify({ claims: [claimJson] })), o.registry);
      let status: RefinementResult['fresh']['status'] = 'survived';
      let reason: string | undefined;
      let counterexample = fresh.failing === null ? null : counterexampleAt(o.registry, freshConfig, id, fresh.failing);
      if (counterexample) status = 'failed';
      else if (fresh.undecided > 0) [status, reason] = ['inconclusive', `${fresh.undecided} cell(s) of the fresh grid undecided or errored`];
      let randomSamples = 0;
      if (status === 'survived' && o.random > 0) {
        const randomDir = join(work, `${claim.slug}-random`);
        const randomConfig: SweepConfig = { ...claim.sweep, name: `${claim.slug}-random`, grid: { ...claim.sweep.grid, exhaustive: false } };
        const s = await sweepInto(randomConfig, randomDir);
        const c = s.conjectures[id];
        randomSamples = c.random.cellsChecked + c.random.cellsVacuous;
        if (c.status === 'refuted') {
          status = 'failed';
          counterexample = readState(randomDir)?.random[id]?.firstFailure?.counterexample ?? c.minimal;
        } else if (c.status !== 'sampled' && c.random.cellsChecked > 0) {
          [status, reason] = ['inconclusive', c.reason ?? c.status];
        }
      }
      const condition = m.atoms.map((a) => atomText(a));
      results.push({
        conjecture: id,
        statement: `${id} holds where ${conditionText(m.atoms, true)}`,
        condition,
        covered: m.covered,
        cells: m.cells,
        fresh: { gridCells: fresh.cells, newCells: fresh.cells - fresh.original, randomSamples, status, ...(reason ? { reason } : {}), counterexample },
        claim: claimJson,
      });
    }
    report.conjectures[id].refinements = results;
  }
  return report;
}

interface FreshTally {
  cells: number;
  /** Of them, cells whose parameters and initial state lie in the sweep's own grid. */
  original: number;
  failing: number | null;
  undecided: number;
}

const cellKey = (family: ModelFamily, params: unknown, init: unknown) => `${family.paramsKey(params)}|${JSON.stringify(family.initToJson(init))}`;

/** The cells of the sweep's own grid (keys), to tell new cells of the fresh grid from mined ones (null when too large to list). */
function originalCells(original: SweepConfig, max = 2_000_000): Set<string> | null {
  const grid = sweepGrid(original);
  if (grid.size > max) return null;
  const keys = new Set<string>();
  for (let i = 0; i < grid.size; i++) {
    const c = grid.cellAt(i);
    keys.add(cellKey(original.family, c.params, c.init));
  }
  return keys;
}

/** Per refinement: cells of the fresh grid in its condition, the least failing one (minimality order), undecided or errored ones. */
function freshScan(dir: string, state: SweepState, config: SweepConfig, original: Set<string> | null, ids: string[], mined: Map<string, Mined[]>): Map<string, FreshTally[]> {
  const family = config.family;
  const grid = sweepGrid(config);
  const evaluator = new FeatureEvaluator(family);
  const byName = new Map(featuresOf(family).features.map((f) => [f.name, f]));
  const out = new Map<string, FreshTally[]>();
  const bytes = ids.map((_, k) => conjectureOutcomes(dir, state.gridCells, k, ids.length)!);
  for (const id of ids) out.set(id, mined.get(id)!.map(() => ({ cells: 0, original: 0, failing: null, undecided: 0 })));
  const cache = new Map<string, FeatureValue>();
  for (let cell = 0; cell < state.gridCells; cell++) {
    if (ids.every((_, k) => bytes[k][cell] <= OUTCOME.skipped)) continue;
    const { params, init } = grid.cellAt(cell);
    cache.clear();
    const valueOf = (f: FeatureSpec) => {
      if (!cache.has(f.name)) cache.set(f.name, evaluator.value(f, params, init));
      return cache.get(f.name)!;
    };
    const inSweep = original !== null && original.has(cellKey(family, params, init));
    ids.forEach((id, k) => {
      const code = bytes[k][cell];
      if (code <= OUTCOME.skipped) return;
      mined.get(id)!.forEach((m, r) => {
        if (!m.atoms.every((a) => atomHolds(byName.get(a.feature)!.kind, a, valueOf(byName.get(a.feature)!)))) return;
        const t = out.get(id)![r];
        t.cells++;
        if (inSweep) t.original++;
        if (code === OUTCOME.failed && t.failing === null) t.failing = cell;
        if (code === OUTCOME.undecided || code === OUTCOME.errored) t.undecided++;
      });
    });
  }
  return out;
}

/** The counterexample of a failing fresh cell: its first failing t, run exactly. */
function counterexampleAt(registry: Registry, config: SweepConfig, id: string, cell: number): CounterexampleJson | null {
  const candidate = sweepGrid(config).cellAt(cell);
  const conjecture = registry.get(id);
  const options = { tie: config.tie };
  const evaluator = new CandidateEvaluator(exactArithmetic, config.family, { conjecture, options }, config.grid.steps);
  const f = evaluator.evaluate(candidate).failure;
  return f ? counterexampleJson(exactArithmetic, config.family, id, options, candidate, f.t, f.outcome, false) : null;
}
