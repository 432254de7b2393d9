import { Rational } from '../arithmetic/rational.js';
import type { ModelSetup } from './setup.js';

/**
 * The classes of the screening kernel's entries (see screen-kernel.ts) and, where they can be
 * had cheaply, their exact values. Class 0 is exactly 0; any other class is an id shared only
 * by entries known to be equal. Most values are never needed exactly: the enclosures decide.
 * Where they do not, the tie is often structural: an unstable A drives the Simulation into
 * cycles of evictions whose cut stage holds exactly (B − what stays above)/W_j, so a later
 * comparison with B is an exact equality, or ã is exactly 0. Those ties are decided here on
 * exact values instead of taking the step from the exact run.
 *
 * So each class remembers how its value follows from earlier classes (a RECIPE: an admission
 * reads the state it is admitted to; a cut stage keeps B less what stays above it), and a
 * value is computed only when a tie asks for it, from the values it reads, back to values
 * given exactly (the initial state, a step taken from the exact run). Values that grow long
 * are given up (as the Theory's do on a converging run, about five bits a step): the cell then
 * takes the step from the exact run, as it would without any of this.
 */

/** Numerators and denominators (as stored) below 2²⁵⁶: longer values are given up. */
const LIMIT = 1n << 256n;
const isShort = (r: Rational) => {
  const { n, d } = r.stored;
  return d < LIMIT && n < LIMIT && -n < LIMIT;
};

/** A recipe's first entry: what the rest of it lists. */
const ADMISSION = 0; // [ADMISSION, classes of stages 0..n−2 of the state admitted to]
const CUT = 1; // [CUT, cut stage j, classes of the advanced stages j+1..n−1]

export class KernelClasses {
  private nextId = 1;
  /** Exact values found so far, by class (short ones only). */
  private readonly known = new Map<number, Rational>();
  /** Classes whose value is not to be had (no recipe, or too long). */
  private readonly unknowable = new Set<number>();
  private readonly recipes: number[][] = [];
  /** Classes by exact value (reduced text), of values given (`of`) or found (`canonical`): equal values, one class. */
  private readonly byValue = new Map<string, number>();
  /** Per stage j, the class of B/W_j: what a cut stage keeps with nothing above it. */
  private readonly aloneClasses: number[] = [];

  constructor(private readonly setup: ModelSetup<Rational>) {}

  /** A new class whose value is not known. */
  fresh(): number {
    return this.nextId++;
  }

  /** The class of an exact value: 0 for 0, one class per value. */
  of(value: Rational): number {
    if (value.isZero()) return 0;
    const key = value.toString();
    let id = this.byValue.get(key);
    if (id === undefined) {
      id = this.given(value);
      this.byValue.set(key, id);
    }
    return id;
  }

  /** A class whose exact value is given (a step taken from the exact run); not matched with others. */
  given(value: Rational): number {
    const id = this.nextId++;
    if (isShort(value)) this.known.set(id, value);
    else this.unknowable.add(id);
    return id;
  }

  /** A new class for the admission to a model whose stages hold `state` (ã = (B − Σ_{s≥1} W_s·M_{s−1})/W_0). */
  admission(state: Int32Array): number {
    const n = state.length;
    const recipe = new Array<number>(n);
    recipe[0] = ADMISSION;
    for (let s = 1; s < n; s++) recipe[s] = state[s - 1];
    const id = this.nextId++;
    this.recipes[id] = recipe;
    return id;
  }

  /** A new class for what cut stage j of `advanced` keeps: (B − Σ_{i>j} W_i·M′_i)/W_j. */
  cut(advanced: Int32Array, j: number): number {
    const n = advanced.length;
    const recipe = [CUT, j];
    for (let i = j + 1; i < n; i++) recipe.push(advanced[i]);
    const id = this.nextId++;
    this.recipes[id] = recipe;
    return id;
  }

  /** Whether stages j+1.. of `advanced` are all exactly 0. */
  static nothingAbove(advanced: Int32Array, j: number): boolean {
    for (let i = j + 1; i < advanced.length; i++) if (advanced[i] !== 0) return false;
    return true;
  }

  /** The class of B/W_j (one per stage and run). */
  alone(j: number): number {
    return (this.aloneClasses[j] ??= this.of(this.setup.B.div(this.setup.W[j])));
  }

  /** The class that stands for a class's value: equal values found exactly, one class (the first such); 0 for 0. */
  canonical(id: number): number {
    if (id === 0) return 0;
    const value = this.valueOf(id);
    if (value === null) return id;
    if (value.isZero()) return 0;
    const key = value.toString();
    const first = this.byValue.get(key);
    if (first !== undefined) return first;
    this.byValue.set(key, id);
    return id;
  }

  /** The exact value of a class, or null where it is not to be had. */
  valueOf(root: number): Rational | null {
    if (root === 0) return Rational.ZERO;
    if (!this.settled(root)) this.evaluate(root);
    return this.known.get(root) ?? null;
  }

  /** ã for a model whose stages hold `state`, exactly (null where a value it reads is not to be had). */
  admissionValue(state: Int32Array): Rational | null {
    const values = this.valuesByStage(state, 1, 1);
    return values && this.keeps(0, values);
  }

  /** Σ_{i≥from} W_i·M′_i of an advanced state, exactly (null where a value it reads is not to be had). */
  tokensFrom(advanced: Int32Array, from: number): Rational | null {
    const values = this.valuesByStage(advanced, from, 0);
    return values && Rational.dot(this.setup.W, values);
  }

  /**
   * Values by stage, 0 below `from`: stage s reads class ids[s − shift] (null where a value is
   * not to be had; evaluated where not yet settled).
   */
  private valuesByStage(ids: ArrayLike<number>, from: number, shift: number): Rational[] | null {
    const values = new Array<Rational>(this.setup.W.length).fill(Rational.ZERO);
    for (let s = from; s < values.length; s++) {
      const v = this.valueOf(ids[s - shift]);
      if (v === null) return null;
      values[s] = v;
    }
    return values;
  }

  /** (B − Σ_i W_i·values_i)/W_j: what stage j takes with `values` (by stage) held elsewhere. */
  private keeps(j: number, values: readonly Rational[]): Rational {
    const { B, W } = this.setup;
    return B.sub(Rational.dot(W, values)).div(W[j]);
  }

  private settled(id: number): boolean {
    return id === 0 || this.known.has(id) || this.unknowable.has(id);
  }

  /**
   * Computes a class's value and those it reads, oldest first, on an explicit stack (a chain
   * of admissions is as long as the run).
   */
  private evaluate(root: number): void {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1];
      if (this.settled(id)) {
        stack.pop();
        continue;
      }
      const recipe = this.recipes[id];
      if (recipe === undefined) {
        this.unknowable.add(id);
        stack.pop();
        continue;
      }
      const first = recipe[0] === ADMISSION ? 1 : 2;
      let waiting = false;
      for (let i = first; i < recipe.length; i++) {
        if (!this.settled(recipe[i])) {
          stack.push(recipe[i]);
          waiting = true;
        }
      }
      if (waiting) continue;
      stack.pop();
      const value = this.compute(recipe);
      // Reduced (a gcd) only where its stored form is long.
      if (value !== null && (isShort(value) || isShort(value.normalized()))) this.known.set(id, value);
      else this.unknowable.add(id);
    }
  }

  /** A recipe's value from the settled values it reads (null where one is not to be had). */
  private compute(recipe: readonly number[]): Rational | null {
    if (recipe[0] === ADMISSION) {
      // Stage s (≥ 1) reads recipe[s], the class that was at s − 1.
      const values = this.valuesByStage(recipe, 1, 0);
      return values && this.keeps(0, values);
    }
    // Stage s (> j) reads recipe[s − j + 1].
    const j = recipe[1];
    const values = this.valuesByStage(recipe, j + 1, j - 1);
    return values && this.keeps(j, values);
  }
}
