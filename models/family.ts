import type fc from 'fast-check';
import type { z } from 'zod';
import type { Arithmetic } from './arithmetic/arithmetic.js';

/**
 * A model family: one folder of models (`models/<family>/`) and one of
 * conjectures (`conjectures/<family>/`), declared by one object of this type
 * and one line in the family registry. The harness (check, replay, sweep,
 * merge, report, explain, gate, the vitest API) and the reporters know a
 * family's parameters, initial states, grids and pages only through it.
 *
 * Type parameters: P parameters, I initial state, B search bounds, G a grid in
 * the family's own vocabulary (as resolved from a config). Contexts and views
 * depend on the arithmetic, so the harness treats them as opaque.
 */
export interface ModelFamily<P = any, I = any, B = any, G = any> {
  readonly id: string;
  readonly description: string;
  /**
   * Families with one domain share parameters, initial states, grids and
   * parameter contexts, so one sweep may mix their conjectures.
   */
  readonly domain: string;
  /** The parameter schema (shown by `list --families` and used for messages). */
  readonly parameters: readonly ParameterSpec[];

  /** Validates raw parameters (JSON, config, flags); messages name the parameter, the rule and the value. */
  parseParams(raw: unknown): P;
  paramsToJson(params: P): Record<string, JsonValue>;
  /** A stable key: equal parameters give equal keys (caches, dedupe). */
  paramsKey(params: P): string;
  parseInit(raw: unknown): I;
  initToJson(init: I): JsonValue;
  /** One line for terminals and pages, from the JSON forms. */
  describe(params: Record<string, JsonValue>, init?: JsonValue): string;

  /** The minimality order: a total order over candidates (documented in the family's folder). */
  compare(a: Candidate<P, I>, b: Candidate<P, I>): number;

  readonly search: FamilySearch<P, I, B>;
  readonly grid: FamilyGridSpec<P, I, G, B>;

  /** Everything derived from one parameter set, shared by every run and conjecture on it. */
  context<N>(ar: Arithmetic<N>, params: P): unknown;
  /**
   * Whether `context(intervalArithmetic, params)` gives a screening context: the family's
   * run and its conjectures on it compute certified enclosures and either decide or throw
   * `UndecidedComparison` (the deciding policy then decides that work exactly). Its screening
   * views offer `exact()`, the exact view of the same state, where the policy decides a state
   * the enclosures could not. Optional: a family without it is always decided on its exact path.
   */
  readonly screens?: boolean;
  /**
   * A screening kernel (optional, with `screens`): the run in plain doubles with certified
   * radii, whose state the conjectures' own kernels (`kernel` in their files) read, so a whole
   * cell is screened at close to float cost. A state a kernel cannot decide is decided on the
   * run's `exact()` view; where a step is not decided and no exact run is beside the kernel,
   * `step()` answers false and the deciding policy takes the cell's runs to the exact path there;
   * `start` answers null where the kernel cannot hold the cell at all (values beyond doubles).
   */
  readonly kernel?: { start(screenContext: unknown, init: I, steps: number): KernelCellRun | null };
  /** Whether the family's models run from this initial state (other families of the domain may). */
  accepts(init: I): boolean;
  /** The run: the view of every step t = 0..steps that its conjectures read. */
  run<N>(context: unknown, init: I, steps: number): Iterable<StepViewLike>;
  /** Facts about a state for coverage statistics (e.g. how deep an eviction reached; 0: none). */
  stateFacts(view: StepViewLike): StateFacts;
  /** Coverage dimensions of the sweep reports (e.g. a pair of parameters, one parameter in bands). */
  readonly coverage: CoverageSpec<P>;
  /**
   * Derived features a condition may use (region maps, `conjecture refine`, a
   * sweep's or claim's `where`), with the default region maps and boundary
   * tables. Optional: without it every parameter is a feature (from
   * `paramsToJson`) and the maps pair the first parameters (see
   * harness/regions/features.ts).
   */
  readonly features?: FamilyFeatures<P, I>;

  /** The embedded sweep (JSON5) `conjecture sweep` runs without a config, for the default family. */
  readonly defaultSweep?: string;
  /** The example `conjecture init` scaffolds on this family (the default family's is used). */
  readonly scaffold?: FamilyScaffold;

  /** What the counterexample page and its CSV show: computed exactly once and saved. */
  record(counterexample: CounterexampleLike, conjecture: ConjectureInfo, candidate: Candidate<P, I>): FamilyPage;
}

/** What a family needs to know of a conjecture on it (conjectures/types.ts has the whole type). */
export interface ConjectureInfo {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
  readonly family: string;
  readonly scope: string;
  readonly margin: string;
  readonly names: readonly string[];
  readonly preconditions: readonly { readonly id: string; readonly text: string }[];
  /** Ids of family invariances the statement respects (see `Invariance`); none by default. */
  readonly invariantUnder?: readonly string[];
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A point of a family's search space (the failing t is found by running it). */
export interface Candidate<P = unknown, I = unknown> {
  readonly params: P;
  readonly init: I;
}

export interface ParameterSpec {
  /** Key in JSON, configs and claims. */
  readonly name: string;
  readonly kind: 'integer' | 'rational' | 'decimal';
  /** The domain rule, e.g. "integer ≥ 1" or "rational > 0". */
  readonly rule: string;
  /** The default search range of `check`, e.g. "1..40". */
  readonly defaultRange: string;
  /** The `check` flag that gives its range, e.g. "--l0 <range>". */
  readonly flag: string;
  readonly description: string;
}

/** A `check` option a family adds (its parameter ranges and search settings). */
export interface FlagSpec {
  /** commander syntax, e.g. "--l0 <range>". */
  readonly flag: string;
  readonly description: string;
}

export interface StepViewLike {
  readonly t: number;
}

/** A screening kernel's run of one cell: `state` is t = 0 at the start. */
export interface KernelCellRun {
  readonly state: unknown;
  readonly facts: StateFacts;
  /** Advances one step; false where the enclosures cannot decide it. */
  step(): boolean;
  /**
   * The exact view of the current state, as the family's `run` gives it on the exact path (from
   * the exact run beside the kernel, stepped only as far as asked); null where there is none.
   */
  exact(): unknown;
  /**
   * Optional: where a kernel could not decide the current state, makes what the state knows
   * finer where that is cheap (the merged models: entries found exactly equal share one class);
   * true when anything changed, and the kernels may then be asked again.
   */
  refine?(): boolean;
}

export interface StateFacts {
  /** A family-defined depth of what happened at this state (0: nothing); tallied per depth. */
  readonly evictionDepth: number;
}

/** How `check` searches a family: bounds from flags, and the space within them. */
export interface FamilySearch<P, I, B> {
  readonly defaults: B;
  readonly flags: readonly FlagSpec[];
  /** Bounds from `check` flags (commander's camel-cased option values); bad values are input errors. */
  fromFlags(flags: Record<string, unknown>): B;
  toJson(bounds: B): JsonValue;
  /** The inverse of `toJson` (optional): a family that has it, and a quotient with `slice`, lists classes on worker threads. */
  parseBounds?(json: JsonValue): B;
  /** Symmetries of the models that conjectures may declare (`ConjectureInfo.invariantUnder`). */
  readonly invariances?: readonly Invariance<P, I>[];
  /** The space one conjecture is searched in (null: every initial-state kind of the bounds). */
  space(bounds: B, conjecture: ConjectureInfo | null): FamilySpace<P, I>;
}

/** A level of the minimality order: sampled at random below a counterexample, or enumerated. */
export interface SearchLevel {
  readonly id: string;
  readonly mode: 'sample' | 'enumerate';
}

/** The search space of one conjecture, everything in the family's minimality order. */
export interface FamilySpace<P, I> {
  arbitrary(): fc.Arbitrary<Candidate<P, I>>;
  /** The smallest candidates, enumerated in order before random search. */
  corner(size?: CornerSize): Iterable<Candidate<P, I>>;
  /** Every candidate one move below c, ascending in the minimality order. */
  neighbours(c: Candidate<P, I>): Candidate<P, I>[];
  readonly levels: readonly SearchLevel[];
  /** Random candidates strictly below `best` at a sampled level (null: none exist). */
  sampleBelow(best: Candidate<P, I>, level: string): fc.Arbitrary<Candidate<P, I>> | null;
  /** Every candidate strictly below `best` at an enumerated level, in order. */
  enumerateBelow(best: Candidate<P, I>, level: string): Iterable<Candidate<P, I>>;
  /**
   * The space up to the invariances its conjecture declares (and the family proves):
   * one candidate per class, the least of it. `check` lists a small quotient outright
   * and certifies a counterexample's minimality by deciding every class below it.
   * Null when the bounds cannot be listed (a range too large to enumerate).
   */
  quotient?(): Quotient<P, I> | null;
}

/**
 * A symmetry of a family's models: a map of candidates under which a conjecture that
 * declares it (`invariantUnder`) has the same outcome status at every t, so one
 * candidate of each class decides the whole class. The family's tests prove it on
 * every conjecture that declares it.
 */
export interface Invariance<P = any, I = any> {
  readonly id: string;
  /** Why it holds, in one sentence (shown by `check`). */
  readonly statement: string;
  /** Random equivalent candidates of c (the images of c under the symmetry), for the tests. */
  images(c: Candidate<P, I>): fc.Arbitrary<Candidate<P, I>>;
}

/** A space's candidates up to invariances: one class each, listed least first. */
export interface Quotient<P, I> {
  /** The invariances that merge candidates (empty: each candidate is its own class). */
  readonly invariances: readonly Invariance<P, I>[];
  /** Classes in the bounds (an upper bound where the listing skips invalid combinations). */
  readonly size: number;
  /** The least candidate of each class, in the minimality order. */
  candidates(): Iterable<Candidate<P, I>>;
  /** The classes at positions [from, to) of that listing (optional: random access for worker threads). */
  slice?(from: number, to: number): Iterable<Candidate<P, I>>;
  /** The least candidate of c's class (no larger than c in the minimality order). */
  representative(c: Candidate<P, I>): Candidate<P, I>;
  /** Classes strictly below c's (null when it cannot be counted). */
  countBelow(c: Candidate<P, I>): number | null;
}

export type CornerSize = Readonly<Record<string, number>>;

/** One cell of a grid: parameters with one initial state. */
export interface GridCell<P, I> {
  readonly params: P;
  readonly init: I;
  /** Position of the initial state among its parameter set's (0 = first). */
  readonly initIndex: number;
}

/** The cells of a grid in the minimality order, with random access by index. */
export interface FamilyGrid<P, I> {
  readonly size: number;
  cellAt(index: number): GridCell<P, I>;
  /** Cells a conjecture evaluates per coverage dimension and key (to tell "not reached" apart). */
  expectedCells(conjecture: ConjectureInfo): Record<string, Record<string, number>>;
}

/** A family's grid vocabulary for sweeps (`grid`) and claims (`domain`). */
export interface FamilyGridSpec<P, I, G, B = unknown> {
  /** zod fields of the vocabulary; `steps` and `exhaustive` are the harness's own. */
  readonly shape: z.ZodRawShape;
  /** Checks a parsed grid as a whole; returns the path and message of the first problem. */
  problem(grid: G): { path: (string | number)[]; message: string } | null;
  /** Normalised grid (duplicates removed, lists sorted). */
  normalize(grid: G): G;
  toJson(grid: G): Record<string, JsonValue>;
  fromJson(json: Record<string, JsonValue>): G;
  /**
   * The grid's cells, never listed (random access; memory independent of the
   * size). With `cap`, counting may stop once the size exceeds it (the size is
   * then any number above `cap`), so that oversized grids are refused at once.
   */
  enumerate(grid: G, cap?: number): FamilyGrid<P, I>;
  /** The bounds random samples are drawn from: the grid's bounding box, rationals up to `maxDenominator`. */
  randomBounds(grid: G, maxDenominator: number): B;
}

export interface CoverageDimension {
  /** Key in summary.json's `coverage`. */
  readonly id: string;
  /** Axis title. */
  readonly label: string;
  /** `pair`: keys "x,y" drawn as a heatmap; `bands`: numeric keys grouped into bands. */
  readonly kind: 'pair' | 'bands';
  /** For pairs: the names of x and y in a key "y,x" (first the row, then the column). */
  readonly axes?: readonly [string, string];
}

export interface CoverageSpec<P> {
  readonly dimensions: readonly CoverageDimension[];
  keys(params: P): Record<string, string>;
}

/**
 * A value of a feature: integers as numbers, rationals as exact "p/q" (or
 * integer) strings, booleans, categories as strings.
 */
export type FeatureValue = number | string | boolean;

/**
 * A feature of a grid cell that a condition may name, e.g. `gcd` = gcd(lA, lB)
 * or `stable` (A is stable, decided exactly). Features are recomputed from a
 * cell (its parameters and initial state) and must be deterministic.
 */
export interface FeatureSpec<P = any, I = any> {
  /** Key in conditions (`where`, refined claims), e.g. "gcd". */
  readonly name: string;
  /** What it is, for reports, e.g. "gcd(lA, lB)". */
  readonly label: string;
  /** integer and rational features are ordered (x ≥ c, x ≤ c, x = c); boolean and category ones take x = c only. */
  readonly kind: 'integer' | 'rational' | 'boolean' | 'category';
  /**
   * `exact`: decided exactly, usable in refined conditions and `where`.
   * `estimate`: a floating-point estimate (e.g. a spectral radius), shown in
   * region maps in bands only, never used in a condition.
   */
  readonly exactness: 'exact' | 'estimate';
  /** The feature is the parameter of this name itself (a condition on it narrows the claim's grid). */
  readonly parameter?: boolean;
  /**
   * The value on a cell. `context()` gives the family's exact parameter
   * context (cached by the caller), for features such as stability.
   */
  value(params: P, init: I, context: () => unknown): FeatureValue;
}

/** A region map: the failing share of cells over x × y, one map per value of `by` (if given). */
export interface RegionMapSpec {
  readonly x: string;
  readonly y: string;
  readonly by?: string;
}

export interface FamilyFeatures<P = any, I = any> {
  readonly features: readonly FeatureSpec<P, I>[];
  /** The region maps of the sweep reports (feature names). */
  readonly maps: readonly RegionMapSpec[];
  /**
   * Parameters that get a boundary table: for each combination of the other
   * parameters, the largest value at which the conjecture still fails.
   */
  readonly boundaries: readonly string[];
}

/** Minimal view of a counterexample a family page needs (the full type lives in the schema module). */
export interface CounterexampleLike {
  readonly conjecture: string;
  readonly t: number;
  readonly params: Record<string, JsonValue>;
  readonly init: JsonValue;
}

/** What a counterexample page shows, computed by the family and saved as data. */
export interface FamilyPage {
  /** Label → text rows under the header (parameters, initial state, stability …). */
  readonly facts: { label: string; value: string }[];
  /** Exact tables, e.g. the states at the failing t. */
  readonly tables: { title: string; columns: string[]; rows: string[][] }[];
  /** Vega-Lite specifications with their data inline. */
  readonly charts: { name: string; caption: string; spec: JsonValue }[];
  /** The run as CSV (doubles). */
  readonly csv: { note: string; columns: string[]; rows: (number | string)[][] };
  /** How many steps the page's run covers. */
  readonly steps: number;
  /** Family-specific data kept for other tools. */
  readonly data?: JsonValue;
}

/** An example conjecture on a family, with a claim domain for it, as `conjecture init` writes them. */
export interface FamilyScaffold {
  readonly conjectureId: string;
  /** TypeScript: the `defineConjecture({ … })` call (it may use `byMargin`). */
  readonly conjectureSource: string;
  /** JSON5: a domain of a claims file on which the example holds. */
  readonly claimDomain: string;
  /** TypeScript object literal: a smaller domain for the vitest example. */
  readonly testDomain: string;
}
