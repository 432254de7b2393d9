import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { consideredPositions, decideTie, type TieRule } from '../../conjectures/support/tie-rule.js';

/** The tie rules on hand-made candidates: `all` takes the worst margin, `any` the best, `first` the lowest stage. */

const candidates = [
  { at: 1, margin: Rational.of(2) },
  { at: 3, margin: Rational.of(-1) },
  { at: 4, margin: Rational.of(5) },
];

describe('tie rules', () => {
  it('all: the worst margin; any: the best; first: the lowest stage', () => {
    expect(decideTie(exactArithmetic, 'all', candidates).at).toBe(3);
    expect(decideTie(exactArithmetic, 'any', candidates).at).toBe(4);
    expect(decideTie(exactArithmetic, 'first', candidates).at).toBe(1);
    expect(consideredPositions('first', [2, 5, 6])).toEqual([2]);
    expect(consideredPositions('all', [2, 5, 6])).toEqual([2, 5, 6]);
  });

  it('takes the documented default `all` when a plain-JavaScript call leaves the rule out', () => {
    expect(decideTie(exactArithmetic, undefined as unknown as TieRule, candidates).at).toBe(3);
    expect(consideredPositions(undefined as unknown as TieRule, [2, 5])).toEqual([2, 5]);
  });

  it('rejects a rule it does not know instead of acting as another', () => {
    expect(() => decideTie(exactArithmetic, 'last' as TieRule, candidates)).toThrow(/tie rule must be one of all, any, first/);
    expect(() => consideredPositions('last' as TieRule, [1, 2])).toThrow(RangeError);
  });
});
