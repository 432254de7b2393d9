import type { Registry } from '../../conjectures/registry.js';
import type { FeatureSpec, FeatureValue, ModelFamily } from '../../models/family.js';
import { sweepGrid } from '../sweep/batch.js';
import { configFromJson, type SweepConfig } from '../sweep/config.js';
import type { SweepState } from '../sweep/state.js';
import { FeatureEvaluator, featuresOf } from './features.js';
import { conjectureOutcomes, OUTCOME } from './outcomes.js';

/**
 * Cells grouped by their feature values ("profiles"): the unit region maps and
 * the refine search work on. Cells with equal features are interchangeable for
 * a condition, so memory grows with the number of distinct parameter sets and
 * initial-state kinds, not with the grid.
 */
export interface Profile {
  readonly values: readonly FeatureValue[];
  /**
   * Cells by conjecture (in `ProfileTable.conjectures` order) and outcome code, from `offset` of
   * a block shared by many profiles: a grid of distinct parameter sets has about as many
   * profiles as cells, so each profile owns no array of its own.
   */
  readonly counts: Int32Array;
  readonly offset: number;
}

const CODES = OUTCOME.errored + 1;
/** Counts per block (a few hundred profiles). */
const BLOCK = 1 << 15;

/** Cells of a profile by outcome code (index = code) for conjecture j. */
export function countsOf(p: Profile, j: number): Int32Array {
  return p.counts.subarray(p.offset + j * CODES, p.offset + (j + 1) * CODES);
}

export interface ProfileTable {
  readonly config: SweepConfig;
  readonly family: ModelFamily;
  /** The features of the profiles' values, estimates given as bands (text). */
  readonly features: readonly FeatureSpec[];
  readonly conjectures: readonly string[];
  /** Per conjecture: cells that were skipped or not done (no features computed for them). */
  readonly skipped: Int32Array[];
  readonly profiles: readonly Profile[];
}

/** The band of an estimate (tenths), e.g. "0.9–1.0"; n/a when there is none. */
export function band(v: FeatureValue): string {
  const x = Number(v);
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.floor(x * 10 + 1e-9) / 10;
  return `${a.toFixed(1)}–${(a + 0.1).toFixed(1)}`;
}

/**
 * Reads a sweep folder's outcomes for the given conjectures and groups the
 * grid's cells into profiles. `estimates`: the estimate features to compute
 * (banded); exact features are always computed. Null when the folder holds no
 * per-cell outcomes (a sweep from before they were kept).
 */
export function collectProfiles(dir: string, state: SweepState, registry: Registry, ids: readonly string[], estimates: readonly string[] = []): ProfileTable | null {
  const config = configFromJson(state.config, registry);
  const family = config.family;
  const grid = sweepGrid(config);
  const n = config.conjectures.length;
  const outcomes: Uint8Array[] = [];
  for (const id of ids) {
    const bytes = conjectureOutcomes(dir, state.gridCells, config.conjectures.indexOf(id), n);
    if (!bytes) return null;
    outcomes.push(bytes);
  }
  const features = featuresOf(family).features.filter((f) => f.exactness === 'exact' || estimates.includes(f.name));
  const evaluator = new FeatureEvaluator(family);
  const byKey = new Map<string, Profile>();
  const width = ids.length * CODES;
  let block = new Int32Array(Math.max(BLOCK, width));
  let used = 0;
  const newProfile = (values: FeatureValue[]): Profile => {
    if (used + width > block.length) {
      block = new Int32Array(Math.max(BLOCK, width));
      used = 0;
    }
    const profile = { values, counts: block, offset: used };
    used += width;
    return profile;
  };
  const skipped = ids.map(() => new Int32Array(OUTCOME.errored + 1));
  for (let cell = 0; cell < state.gridCells; cell++) {
    let any = false;
    for (let j = 0; j < ids.length; j++) {
      const code = outcomes[j][cell];
      if (code === OUTCOME.unknown || code === OUTCOME.skipped) skipped[j][code]++;
      else any = true;
    }
    if (!any) continue;
    const { params, init } = grid.cellAt(cell);
    const values = features.map((f) => {
      const v = evaluator.value(f, params, init);
      return f.exactness === 'estimate' ? band(v) : v;
    });
    const key = values.map(String).join('\u0001');
    let profile = byKey.get(key);
    if (!profile) byKey.set(key, (profile = newProfile(values)));
    for (let j = 0; j < ids.length; j++) {
      const code = outcomes[j][cell];
      if (code !== OUTCOME.unknown && code !== OUTCOME.skipped) profile.counts[profile.offset + j * CODES + code]++;
    }
  }
  return { config, family, features, conjectures: ids, skipped, profiles: [...byKey.values()] };
}
