import type { Registry } from '../../conjectures/registry.js';
import type { FeatureSpec, FeatureValue } from '../../models/family.js';
import type { SweepSummary } from '../schema.js';
import type { SweepState } from '../sweep/state.js';
import { DEFAULT_FAMILY } from '../sweep/config.js';
import { compareValues, featuresOf, valueText } from './features.js';
import { OUTCOME } from './outcomes.js';
import { collectProfiles, countsOf, type Profile, type ProfileTable } from './profiles.js';
import type { BoundaryRowJson, BoundaryTableJson, FeatureBoundaryJson, RegionMapJson, RegionsJson } from './types.js';

type Counts = Int32Array;

const orderOf = (f: FeatureSpec) => (a: FeatureValue, b: FeatureValue) =>
  f.exactness === 'estimate' ? (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0) : compareValues(f.kind, a, b);

function distinct(f: FeatureSpec, values: FeatureValue[]): FeatureValue[] {
  const seen = new Map<string, FeatureValue>();
  for (const v of values) if (!seen.has(String(v))) seen.set(String(v), v);
  return [...seen.values()].sort(orderOf(f));
}

const label = (f: FeatureSpec, v: FeatureValue) => (f.exactness === 'estimate' ? String(v) : valueText(f.kind, v));

/** Region maps and boundary tables of conjecture j of the table (see RegionsJson). */
export function regionsOf(table: ProfileTable, j: number): RegionsJson {
  const { features, profiles } = table;
  const index = new Map(features.map((f, i) => [f.name, i]));
  const spec = featuresOf(table.family);
  const total = (c: Counts) => c[OUTCOME.held] + c[OUTCOME.failed] + c[OUTCOME.vacuous] + c[OUTCOME.undecided] + c[OUTCOME.errored];
  const cells = { held: 0, failed: 0, vacuous: 0, undecided: 0, errored: 0, skipped: table.skipped[j][OUTCOME.skipped], unknown: table.skipped[j][OUTCOME.unknown] };
  for (const p of profiles) {
    const c = countsOf(p, j);
    cells.held += c[OUTCOME.held];
    cells.failed += c[OUTCOME.failed];
    cells.vacuous += c[OUTCOME.vacuous];
    cells.undecided += c[OUTCOME.undecided];
    cells.errored += c[OUTCOME.errored];
  }
  const live = profiles.filter((p) => total(countsOf(p, j)) > 0);

  const maps: RegionMapJson[] = [];
  for (const m of spec.maps) {
    const [xi, yi, bi] = [index.get(m.x), index.get(m.y), m.by ? index.get(m.by) : undefined];
    if (xi === undefined || yi === undefined || (m.by && bi === undefined)) continue;
    const [fx, fy] = [features[xi], features[yi]];
    const fb = bi === undefined ? null : features[bi];
    const facets: RegionMapJson['facets'] = [];
    const byValues = fb ? distinct(fb, live.map((p) => p.values[bi!])) : [null];
    for (const b of byValues) {
      const here = b === null ? live : live.filter((p) => String(p.values[bi!]) === String(b));
      const xs = distinct(fx, here.map((p) => p.values[xi]));
      const ys = distinct(fy, here.map((p) => p.values[yi]));
      const xAt = new Map(xs.map((v, i) => [String(v), i]));
      const yAt = new Map(ys.map((v, i) => [String(v), i]));
      const counts: ([number, number, number] | null)[][] = ys.map(() => xs.map(() => null));
      for (const p of here) {
        const c = countsOf(p, j);
        const cell = (counts[yAt.get(String(p.values[yi]))!][xAt.get(String(p.values[xi]))!] ??= [0, 0, 0]);
        cell[0] += c[OUTCOME.failed];
        cell[1] += c[OUTCOME.failed] + c[OUTCOME.held];
        cell[2] += c[OUTCOME.vacuous] + c[OUTCOME.undecided] + c[OUTCOME.errored];
      }
      facets.push({ by: b === null ? null : label(fb!, b), xs: xs.map((v) => label(fx, v)), ys: ys.map((v) => label(fy, v)), counts });
    }
    const labels = Object.fromEntries([fx, fy, ...(fb ? [fb] : [])].map((f) => [f.name, f.label]));
    maps.push({ x: m.x, y: m.y, by: m.by ?? null, labels, facets });
  }

  const boundaries: BoundaryTableJson[] = [];
  for (const name of spec.boundaries) {
    const bi = index.get(name);
    if (bi === undefined) continue;
    const fb = features[bi];
    const others = features.map((f, i) => ({ f, i })).filter(({ f }) => f.parameter && f.name !== name);
    const isLive = (p: Profile) => total(countsOf(p, j)) > 0;
    const groups = boundaryGroups(table, name)
      .map(({ key, members }) => ({ key, members: members.filter(isLive) }))
      .filter(({ members }) => members.length > 0);
    const rows: BoundaryRowJson[] = groups.map(({ key, members }) => {
      const perValue = new Map<string, { v: FeatureValue; failed: number; held: number; other: number }>();
      for (const p of members) {
        const c = countsOf(p, j);
        const e = perValue.get(String(p.values[bi])) ?? { v: p.values[bi], failed: 0, held: 0, other: 0 };
        e.failed += c[OUTCOME.failed];
        e.held += c[OUTCOME.held];
        e.other += c[OUTCOME.vacuous] + c[OUTCOME.undecided] + c[OUTCOME.errored];
        perValue.set(String(p.values[bi]), e);
      }
      const values = [...perValue.values()].sort((a, b) => compareValues(fb.kind, a.v, b.v));
      const checked = values.filter((e) => e.failed + e.held > 0);
      const failing = values.filter((e) => e.failed > 0);
      const last = failing.length ? failing[failing.length - 1] : null;
      const above = last ? values.filter((e) => compareValues(fb.kind, e.v, last.v) > 0) : values;
      const firstAbove = above.find((e) => e.held > 0) ?? null;
      const below = last ? checked.filter((e) => compareValues(fb.kind, e.v, last.v) <= 0) : [];
      return {
        group: key.map((v, k) => jsonValue(others[k].f, v)),
        largestFailing: last ? jsonValue(fb, last.v) as number | string : null,
        heldFrom: firstAbove ? jsonValue(fb, firstAbove.v) as number | string : null,
        monotone: below.every((e) => e.failed > 0),
        clean: above.every((e) => e.other === 0),
        failingValues: failing.length,
        checkedValues: checked.length,
      };
    });
    boundaries.push({ parameter: name, groupBy: others.map(({ f }) => f.name), rows });
  }
  return { cells, maps, boundaries };
}

/** Where each exact boolean feature (e.g. `stable`) is false along each boundary parameter, per combination of the other parameters. */
export function featureBoundaries(table: ProfileTable): FeatureBoundaryJson[] {
  const spec = featuresOf(table.family);
  const { features, profiles } = table;
  const out: FeatureBoundaryJson[] = [];
  for (const name of spec.boundaries) {
    const bi = features.findIndex((f) => f.name === name);
    if (bi < 0) continue;
    const fb = features[bi];
    const others = features.map((f, i) => ({ f, i })).filter(({ f }) => f.parameter && f.name !== name);
    for (const [fi, f] of features.entries()) {
      if (f.kind !== 'boolean' || f.exactness !== 'exact' || f.parameter) continue;
      const rows = boundaryGroups(table, name).map(({ key, members }) => {
        const sorted = [...members].sort((a, b) => compareValues(fb.kind, a.values[bi], b.values[bi]));
        const falses = sorted.filter((p) => p.values[fi] === false);
        const last = falses.length ? falses[falses.length - 1].values[bi] : null;
        return {
          group: key.map((v, k) => jsonValue(others[k].f, v)),
          largestFalse: last === null ? null : (jsonValue(fb, last) as number | string),
          monotone: last === null || sorted.every((p) => (compareValues(fb.kind, p.values[bi], last) <= 0) === (p.values[fi] === false)),
        };
      });
      out.push({ feature: f.name, parameter: name, groupBy: others.map(({ f: g }) => g.name), rows });
    }
  }
  return out;
}

function jsonValue(f: FeatureSpec, v: FeatureValue): string | number | boolean {
  return f.kind === 'rational' && typeof v === 'string' ? valueText(f.kind, v) : v;
}

const groupsByTable = new WeakMap<ProfileTable, Map<string, { key: FeatureValue[]; members: Profile[] }[]>>();

/**
 * Every profile grouped by the parameters other than a boundary parameter: the same groups
 * for every conjecture of a table, so they are formed once per table.
 */
function boundaryGroups(table: ProfileTable, name: string): { key: FeatureValue[]; members: Profile[] }[] {
  let byName = groupsByTable.get(table);
  if (!byName) groupsByTable.set(table, (byName = new Map()));
  let groups = byName.get(name);
  if (!groups) {
    const others = table.features.map((f, i) => ({ f, i })).filter(({ f }) => f.parameter && f.name !== name);
    groups = groupBy(table.profiles, (p) => others.map(({ i }) => p.values[i]), others.map(({ f }) => f));
    byName.set(name, groups);
  }
  return groups;
}

/** Groups by a key of feature values, groups in the features' order (deterministic). */
function groupBy<T>(items: readonly T[], key: (t: T) => FeatureValue[], fs: readonly FeatureSpec[]): { key: FeatureValue[]; members: T[] }[] {
  const map = new Map<string, { key: FeatureValue[]; members: T[] }>();
  for (const item of items) {
    const k = key(item);
    const s = k.map(String).join('\u0001');
    const g = map.get(s);
    if (g) g.members.push(item);
    else map.set(s, { key: k, members: [item] });
  }
  return [...map.values()].sort((a, b) => {
    for (let i = 0; i < fs.length; i++) {
      const c = compareValues(fs[i].kind, a.key[i], b.key[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * Adds `regions` to every refuted conjecture of a summary (and the sweep's
 * feature boundaries), from the folder's per-cell outcomes. Nothing is added
 * when no conjecture is refuted or the folder has no outcomes.
 */
export function attachRegions(summary: SweepSummary, state: SweepState, dir: string, registry: Registry): void {
  const ids = Object.entries(summary.conjectures)
    .filter(([, c]) => c.status === 'refuted')
    .map(([id]) => id);
  if (ids.length === 0 || state.gridCells === 0) return;
  const family = registry.family(summary.config.family ?? DEFAULT_FAMILY);
  const spec = featuresOf(family);
  const estimates = spec.features.filter((f) => f.exactness === 'estimate' && spec.maps.some((m) => [m.x, m.y, m.by].includes(f.name))).map((f) => f.name);
  const table = collectProfiles(dir, state, registry, ids, estimates);
  if (!table) return;
  ids.forEach((id, j) => {
    summary.conjectures[id].regions = regionsOf(table, j);
  });
  const fb = featureBoundaries(table);
  if (fb.length) summary.featureBoundaries = fb;
}
