import { exactArithmetic } from '../../models/arithmetic/exact.js';
import { Rational } from '../../models/arithmetic/rational.js';
import { InputError } from '../../models/errors.js';
import type { FamilyFeatures, FeatureSpec, FeatureValue, ModelFamily } from '../../models/family.js';

/**
 * Features of grid cells and the condition language over them.
 *
 * A condition is a conjunction of atoms; an atom is one of
 *   x >= c, x <= c (x an integer or rational feature), x = c (any feature),
 * written as text such as "x >= 4", "gcd = 1", "stable = true",
 * "init = canonical", "p <= 1/2" (≥ and ≤ are accepted too). Only exact
 * features may appear in a condition; estimates are for banding only.
 */

export type { FeatureSpec, FeatureValue };

export interface Atom {
  readonly feature: string;
  readonly op: '>=' | '<=' | '=';
  readonly value: FeatureValue;
}

export type Condition = readonly Atom[];

/** The family's features, or, if it declares none, its parameters (from `paramsToJson`). */
export function featuresOf(family: ModelFamily): FamilyFeatures {
  if (family.features) return family.features;
  const features: FeatureSpec[] = family.parameters.map((p) => ({
    name: p.name,
    label: p.name,
    kind: p.kind === 'integer' ? 'integer' : 'rational',
    exactness: 'exact',
    parameter: true,
    value: (params: unknown) => {
      const v = family.paramsToJson(params)[p.name];
      return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v);
    },
  }));
  const names = features.map((f) => f.name);
  const maps = names.length >= 3 ? [{ x: names[0], y: names[1], by: names[2] }] : names.length === 2 ? [{ x: names[0], y: names[1] }] : [];
  const firstInteger = family.parameters.find((p) => p.kind === 'integer');
  return { features, maps, boundaries: firstInteger ? [firstInteger.name] : [] };
}

export function featureByName(family: ModelFamily, name: string): FeatureSpec {
  const f = featuresOf(family).features.find((x) => x.name === name);
  if (!f) {
    const known = featuresOf(family).features.map((x) => x.name).join(', ');
    throw new InputError('UNKNOWN_FEATURE', `family "${family.id}" has no feature "${name}" (its features: ${known})`);
  }
  return f;
}

/** Total order on values of one feature (booleans false < true; categories by text). */
export function compareValues(kind: FeatureSpec['kind'], a: FeatureValue, b: FeatureValue): number {
  if (kind === 'integer') return Number(a) - Number(b);
  if (kind === 'rational') {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return Rational.parse(String(a)).compare(Rational.parse(String(b)));
  }
  if (kind === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Canonical text of a value (rationals reduced). */
export function valueText(kind: FeatureSpec['kind'], v: FeatureValue): string {
  if (kind === 'rational' && typeof v === 'string') return Rational.parse(v).toString();
  return String(v);
}

export function atomHolds(kind: FeatureSpec['kind'], atom: Atom, value: FeatureValue): boolean {
  const c = compareValues(kind, value, atom.value);
  return atom.op === '=' ? c === 0 : atom.op === '>=' ? c >= 0 : c <= 0;
}

/** "x >= 4" (files) or, with `pretty`, "x ≥ 4" (reports). */
export function atomText(atom: Atom, pretty = false): string {
  const op = pretty ? { '>=': '≥', '<=': '≤', '=': '=' }[atom.op] : atom.op;
  return `${atom.feature} ${op} ${atom.value}`;
}

export function conditionText(condition: Condition, pretty = false): string {
  return condition.length === 0 ? 'true' : condition.map((a) => atomText(a, pretty)).join(pretty ? ' ∧ ' : ' and ');
}

/** Parses one atom for a family; messages name the atom, the feature and what it accepts. */
export function parseAtom(family: ModelFamily, text: string): Atom {
  const m = /^\s*([A-Za-z_][\w]*)\s*(>=|<=|≥|≤|==|=)\s*(\S.*?)\s*$/.exec(text);
  if (!m) throw new InputError('BAD_CONDITION', `"${text}" is not a condition atom: write "x >= c", "x <= c" or "x = c" (e.g. "x >= 4", "gcd = 1", "stable = true")`);
  const feature = featureByName(family, m[1]);
  if (feature.exactness !== 'exact') {
    throw new InputError('BAD_CONDITION', `"${text}": ${feature.name} is an estimate (${feature.label}), shown in bands only; conditions use exact features`);
  }
  const ops: Record<string, Atom['op']> = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '=': '=', '==': '=' };
  const op = ops[m[2]];
  const raw = m[3];
  let value: FeatureValue;
  switch (feature.kind) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(raw)) throw new InputError('BAD_CONDITION', `"${text}": ${feature.name} is an integer (got ${raw})`);
      value = Number(raw);
      break;
    case 'rational':
      try {
        value = Rational.parse(raw).toString();
      } catch {
        throw new InputError('BAD_CONDITION', `"${text}": ${feature.name} is a rational such as 3/2 (got ${raw})`);
      }
      break;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new InputError('BAD_CONDITION', `"${text}": ${feature.name} is true or false (got ${raw})`);
      value = raw === 'true';
      break;
    default:
      value = raw.replace(/^"(.*)"$/, '$1');
  }
  if (op !== '=' && (feature.kind === 'boolean' || feature.kind === 'category')) {
    throw new InputError('BAD_CONDITION', `"${text}": ${feature.name} is a ${feature.kind}; only "=" applies`);
  }
  return { feature: feature.name, op, value };
}

/**
 * Feature values of cells, recomputed from the cell by the family (exact
 * contexts cached per parameter set, the last few kept).
 */
export class FeatureEvaluator {
  readonly features: readonly FeatureSpec[];
  private lastKey: string | null = null;
  private lastContext: unknown = undefined;

  /** `contextOf`: the caller's own cache of exact parameter contexts (default: the last one kept). */
  constructor(
    readonly family: ModelFamily,
    private readonly contextOf?: (params: unknown) => unknown,
  ) {
    this.features = featuresOf(family).features;
  }

  private contextFor(params: unknown): () => unknown {
    if (this.contextOf) return () => this.contextOf!(params);
    const key = this.family.paramsKey(params);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastContext = undefined;
    }
    return () => (this.lastContext ??= this.family.context(exactArithmetic, params));
  }

  value(feature: FeatureSpec, params: unknown, init: unknown): FeatureValue {
    const context = this.contextFor(params);
    return feature.value(params, init, context);
  }

  /** Whether a cell satisfies every atom. */
  matches(condition: Condition, params: unknown, init: unknown): boolean {
    for (const atom of condition) {
      const f = this.features.find((x) => x.name === atom.feature)!;
      if (!atomHolds(f.kind, atom, this.value(f, params, init))) return false;
    }
    return true;
  }
}
