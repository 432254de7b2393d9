/**
 * Region maps and boundary tables of a refuted conjecture, as saved in
 * summary.json (`conjectures.<id>.regions`). Computed from the per-cell
 * outcomes (outcomes.bin) and features recomputed from the grid; reporters
 * render them as saved.
 */
export interface RegionsJson {
  /** Grid cells by outcome (skipped: not evaluated for this conjecture; unknown: batch not done). */
  cells: Record<'held' | 'failed' | 'vacuous' | 'undecided' | 'errored' | 'skipped' | 'unknown', number>;
  maps: RegionMapJson[];
  boundaries: BoundaryTableJson[];
}

/**
 * The failing share of cells over x × y (one facet per value of `by`):
 * counts[row][column] = [failed, checked, other] for ys[row], xs[column],
 * where checked = failed + held cells and other = vacuous, undecided or
 * errored cells; null where the grid has no evaluated cell.
 */
export interface RegionMapJson {
  x: string;
  y: string;
  by: string | null;
  /** Labels of the features (an estimate says so). */
  labels: Record<string, string>;
  facets: { by: string | null; xs: string[]; ys: string[]; counts: ([number, number, number] | null)[][] }[];
}

/**
 * For each combination of the other parameters (initial states pooled), where
 * the conjecture fails along `parameter`: the largest value with a failing
 * cell, and the value beyond which every checked cell held.
 */
export interface BoundaryTableJson {
  parameter: string;
  /** The other parameters, in the order of `group` values. */
  groupBy: string[];
  rows: BoundaryRowJson[];
}

export interface BoundaryRowJson {
  group: (string | number | boolean)[];
  /** Largest value of the parameter with a failing cell (null: none failed). */
  largestFailing: number | string | null;
  /** Smallest checked value above largestFailing (null: none above); every cell from there on held unless `clean` is false. */
  heldFrom: number | string | null;
  /** Every checked value ≤ largestFailing failed (the failing values are an initial segment). */
  monotone: boolean;
  /** Every cell above largestFailing held (none undecided, errored or merely vacuous). */
  clean: boolean;
  /** Values of the parameter with a failing cell, and with checked cells. */
  failingValues: number;
  checkedValues: number;
}

/** Sweep-wide: where each exact boolean feature is false along a boundary parameter (e.g. the largest prefill length at which A is unstable). */
export interface FeatureBoundaryJson {
  feature: string;
  parameter: string;
  groupBy: string[];
  /** largestFalse: the largest value where the feature is false (null: true everywhere); monotone: false exactly below it. */
  rows: { group: (string | number | boolean)[]; largestFalse: number | string | null; monotone: boolean }[];
}
