import { InputError } from '../models/errors.js';
import './theory-simulation/support/family-types.js';
import './latency/family-types.js';
import './serving/family-types.js';
import { argmaxNeverEvicted } from './theory-simulation/argmax-never-evicted.js';
import { caseDImpossible } from './theory-simulation/case-d-impossible.js';
import { charpolyIdentity } from './theory-simulation/charpoly-identity.js';
import { componentwiseDominance } from './theory-simulation/componentwise-dominance.js';
import { convergence } from './theory-simulation/convergence.js';
import { coprimeStable } from './theory-simulation/coprime-stable.js';
import { deltaArgmaxGeArgmin } from './theory-simulation/delta-argmax-ge-argmin.js';
import { deltaAtArgmax } from './theory-simulation/delta-at-argmax.js';
import { energyDecomposition } from './theory-simulation/energy-decomposition.js';
import { evictionPNonexpansive } from './theory-simulation/eviction-p-nonexpansive.js';
import { evictionStepLemma } from './theory-simulation/eviction-step-lemma.js';
import { gDominance } from './theory-simulation/g-dominance.js';
import { gTimeAverage } from './theory-simulation/g-time-average.js';
import { innerProductNonneg } from './theory-simulation/inner-product-nonneg.js';
import { latLowLimitConjecture } from './latency/lat-low-limit.js';
import { latLowLimitBConjecture } from './latency/lat-low-limit-B.js';
import { latLowLimitSConjecture } from './latency/lat-low-limit-S.js';
import { latHighLimitConjecture } from './latency/lat-high-limit.js';
import { latHighLimitAbsConjecture } from './latency/lat-high-limit-abs.js';
import { latAboveAsymptoteConjecture } from './latency/lat-above-asymptote.js';
import { latNondecreasingBConjecture } from './latency/lat-nondecreasing-B.js';
import { latNondecreasingSConjecture } from './latency/lat-nondecreasing-S.js';
import { latPerTokenNonincreasingConjecture } from './latency/lat-per-token-nonincreasing.js';
import { latPerRequestNonincreasingConjecture } from './latency/lat-per-request-nonincreasing.js';
import { latPerWorkNonincreasingConjecture } from './latency/lat-per-work-nonincreasing.js';
import { thrDiminishingReturnsConjecture } from './latency/thr-diminishing-returns.js';
import { latIdentifiableConjecture } from './latency/lat-identifiable.js';
import { slaArgminFeasibleConjecture } from './latency/sla-argmin-feasible.js';
import { lyapunovStructure } from './theory-simulation/lyapunov-structure.js';
import { maxDominance } from './theory-simulation/max-dominance.js';
import { mergedEqualsPerType } from './theory-simulation-per-type/merged-equals-per-type.js';
import { minDominance } from './theory-simulation/min-dominance.js';
import { proportionalAfterWarmup } from './theory-simulation-per-type/proportional-after-warmup.js';
import { tokenBalance } from './theory-simulation/token-balance.js';
import { batchClock } from './serving/batch-clock.js';
import { conservation } from './serving/conservation.js';
import { fcfsFirstAdmission } from './serving/fcfs-first-admission.js';
import { fluidLimit } from './serving/fluid-limit.js';
import { lifoVictimStrict } from './serving/lifo-victim-strict.js';
import { lifoVictim } from './serving/lifo-victim.js';
import { littleExact } from './serving/little-exact.js';
import { littleSnapshot } from './serving/little-snapshot.js';
import { memoryBound } from './serving/memory-bound.js';
import { minimalEviction } from './serving/minimal-eviction.js';
import { noStall } from './serving/no-stall.js';
import { runningProtected } from './serving/running-protected.js';
import { stabilityThreshold } from './serving/stability-threshold.js';
import { swappedPriority } from './serving/swapped-priority.js';
import type { Conjecture } from './types.js';
import { FAMILIES } from '../models/families.js';
import type { ModelFamily } from '../models/family.js';
import { vDominance } from './theory-simulation/v-dominance.js';

/** Every conjecture of SPEC §5, then of SPEC-serving §D, in their order. Adding one is one file and one line here. */
export const CONJECTURES: readonly Conjecture[] = [
  gDominance,
  maxDominance,
  minDominance,
  componentwiseDominance,
  deltaAtArgmax,
  deltaArgmaxGeArgmin,
  caseDImpossible,
  argmaxNeverEvicted,
  tokenBalance,
  innerProductNonneg,
  vDominance,
  energyDecomposition,
  evictionPNonexpansive,
  evictionStepLemma,
  coprimeStable,
  charpolyIdentity,
  lyapunovStructure,
  proportionalAfterWarmup,
  mergedEqualsPerType,
  gTimeAverage,
  convergence,
  latLowLimitConjecture,
  latLowLimitBConjecture,
  latLowLimitSConjecture,
  latHighLimitConjecture,
  latHighLimitAbsConjecture,
  latAboveAsymptoteConjecture,
  latNondecreasingBConjecture,
  latNondecreasingSConjecture,
  latPerTokenNonincreasingConjecture,
  latPerRequestNonincreasingConjecture,
  latPerWorkNonincreasingConjecture,
  thrDiminishingReturnsConjecture,
  latIdentifiableConjecture,
  slaArgminFeasibleConjecture,
  conservation,
  memoryBound,
  fcfsFirstAdmission,
  lifoVictim,
  lifoVictimStrict,
  swappedPriority,
  runningProtected,
  minimalEviction,
  noStall,
  batchClock,
  littleExact,
  littleSnapshot,
  fluidLimit,
  stabilityThreshold,
];

/** The conjectures and the model families they run on (built-in, plus a user config's). */
export class Registry {
  private readonly byId = new Map<string, Conjecture>();
  private readonly families = new Map<string, ModelFamily>();

  constructor(
    conjectures: readonly Conjecture[],
    families: readonly ModelFamily[] = FAMILIES,
    /** User modules (files) this registry was extended with: every worker thread loads them too. */
    readonly modules: readonly string[] = [],
  ) {
    for (const f of families) {
      if (this.families.has(f.id)) throw new Error(`duplicate model family id "${f.id}" in the registry`);
      this.families.set(f.id, f);
    }
    for (const c of conjectures) {
      if (this.byId.has(c.id)) throw new Error(`duplicate conjecture id "${c.id}" in the registry`);
      if (!this.families.has(c.family)) {
        throw new Error(`conjecture "${c.id}" names an unknown model family "${c.family}" (known: ${[...this.families.keys()].join(', ')})`);
      }
      const known = (this.families.get(c.family)!.search.invariances ?? []).map((i) => i.id);
      for (const id of c.invariantUnder ?? []) {
        if (!known.includes(id)) {
          throw new Error(`conjecture "${c.id}" declares an invariance "${id}" that family "${c.family}" does not have (known: ${known.join(', ') || 'none'})`);
        }
      }
      this.byId.set(c.id, c);
    }
  }

  familyList(): readonly ModelFamily[] {
    return [...this.families.values()];
  }

  /** The family with this id; unknown ids are input errors. */
  family(id: string): ModelFamily {
    const f = this.families.get(id);
    if (!f) throw new InputError('UNKNOWN_FAMILY', `unknown model family "${id}" (known: ${[...this.families.keys()].join(', ')})`);
    return f;
  }

  familyOf(c: Conjecture): ModelFamily {
    return this.family(c.family);
  }

  list(): readonly Conjecture[] {
    return [...this.byId.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The conjecture with this id; an unknown id is an input error that suggests the nearest ids. */
  get(id: string): Conjecture {
    const found = this.byId.get(id);
    if (found) return found;
    const near = [...this.byId.keys()]
      .map((k) => ({ k, d: editDistance(k, id) }))
      .filter(({ d }) => d <= Math.max(2, Math.floor(id.length / 3)))
      .sort((a, b) => a.d - b.d)
      .map(({ k }) => `"${k}"`);
    const hint = near.length ? ` Did you mean ${near.slice(0, 3).join(' or ')}?` : '';
    throw new InputError('UNKNOWN_CONJECTURE', `unknown conjecture id "${id}".${hint} Run \`conjecture list\` to see every id.`);
  }

  with(extra: readonly Conjecture[], extraFamilies: readonly ModelFamily[] = [], modules: readonly string[] = []): Registry {
    return new Registry([...this.list(), ...extra], [...this.familyList(), ...extraFamilies], [...this.modules, ...modules]);
  }
}

export const registry = new Registry(CONJECTURES);

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
