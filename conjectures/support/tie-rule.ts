import type { Arithmetic } from '../../models/arithmetic/arithmetic.js';

/**
 * How a conjecture naming m = argmax Mˢ or n = argmin Mˢ treats ties:
 * `all` — must hold at every tied position (margin = the worst);
 * `any` — must hold at some tied position (margin = the best);
 * `first` — only the lowest tied stage is checked.
 */
export type TieRule = 'all' | 'any' | 'first';
export const TIE_RULES: readonly TieRule[] = ['all', 'any', 'first'];

export interface Candidate<N, P> {
  readonly at: P;
  readonly margin: N;
}

/**
 * The rule a call names, checked: a call from outside the type system (plain JavaScript) that
 * leaves it out gets the documented default `all`; one it does not know is an error, never
 * quietly another rule.
 */
function tieRuleOf(rule: TieRule | undefined): TieRule {
  if (rule === undefined) return 'all';
  if (rule !== 'all' && rule !== 'any' && rule !== 'first') {
    throw new RangeError(`tie rule must be one of ${TIE_RULES.join(', ')} (got ${JSON.stringify(rule)})`);
  }
  return rule;
}

/** Picks the deciding candidate among tied positions (listed in ascending stage order). */
export function decideTie<N, P>(ar: Arithmetic<N>, given: TieRule, candidates: readonly Candidate<N, P>[]): Candidate<N, P> {
  const rule = tieRuleOf(given);
  if (rule === 'first' || candidates.length === 1) return candidates[0];
  let best = candidates[0];
  for (const c of candidates.slice(1)) {
    const cmp = ar.compare(c.margin, best.margin);
    if (rule === 'all' ? cmp < 0 : cmp > 0) best = c;
  }
  return best;
}

/** Positions considered under a rule: only the first for `first`, all otherwise. */
export function consideredPositions(rule: TieRule, positions: readonly number[]): readonly number[] {
  return tieRuleOf(rule) === 'first' ? positions.slice(0, 1) : positions;
}
