import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../models/arithmetic/index.js';
import { InputError } from '../../models/errors.js';
import { formatParams, gcdInt, paramsToJson, positiveRational, validateParams, type RawParams } from '../../models/theory-simulation/params.js';
import { paramsArb, SEED } from './support/arbitraries.js';

/** Parameter validation (SPEC §1): every message names the parameter, the rule and the value. */

const good: RawParams = { l0: 10, lA: 2, lB: 3, B: 60, lambdaA: 1, lambdaB: 1 };

function rejection(raw: RawParams): InputError {
  try {
    validateParams(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('INVALID_PARAMS');
    return e as InputError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('validateParams', () => {
  it('accepts integers as numbers or strings and rationals as numbers, "p/q", decimals or Rational', () => {
    const p = validateParams({ l0: '10', lA: 2, lB: ' 3 ', B: '120/2', lambdaA: 0.5, lambdaB: Rational.of(3, 2) });
    expect([p.l0, p.lA, p.lB]).toEqual([10, 2, 3]);
    expect([p.B, p.lambdaA, p.lambdaB].map(String)).toEqual(['60', '1/2', '3/2']);
    expect(validateParams({ ...good, B: '2.5' }).B.toString()).toBe('5/2');
  });

  it.each([
    ['l0', 'l0 is missing (an integer ≥ 1)'],
    ['lA', 'lA is missing (an integer ≥ 1)'],
    ['lB', 'lB is missing (an integer ≥ 2)'],
    ['B', 'B is missing (a rational > 0, e.g. 60 or "3/2")'],
    ['lambdaA', 'lambdaA is missing (a rational > 0, e.g. 60 or "3/2")'],
    ['lambdaB', 'lambdaB is missing (a rational > 0, e.g. 60 or "3/2")'],
  ] as const)('reports a missing %s', (name, message) => {
    const raw: RawParams = { ...good };
    delete raw[name];
    expect(rejection(raw).message).toBe(message);
  });

  it.each([
    [{ l0: 2.5 }, 'l0 must be an integer ≥ 1 (got 2.5)'],
    [{ l0: 'ten' }, 'l0 must be an integer ≥ 1 (got "ten")'],
    [{ l0: '1.0' }, 'l0 must be an integer ≥ 1 (got "1.0")'],
    [{ l0: 0 }, 'l0 must be an integer ≥ 1 (got 0)'],
    [{ l0: -3 }, 'l0 must be an integer ≥ 1 (got -3)'],
    [{ l0: 2 ** 60 }, `l0 must be an integer ≥ 1 (got ${2 ** 60})`],
    [{ l0: Number.NaN }, 'l0 must be an integer ≥ 1 (got NaN)'],
    [{ l0: true }, 'l0 must be an integer ≥ 1 (got true)'],
    [{ lA: 0 }, 'lA must be an integer ≥ 1 (got 0)'],
    [{ lA: 1.5 }, 'lA must be an integer ≥ 1 (got 1.5)'],
    [{ lA: 1, lB: 1 }, 'lB must be an integer ≥ 2 (got 1)'],
    [{ lB: '3/1' }, 'lB must be an integer ≥ 2 (got "3/1")'],
  ] as const)('rejects a bad integer %j', (patch, message) => {
    expect(rejection({ ...good, ...patch }).message).toBe(message);
  });

  it.each([
    [3, 3],
    [4, 3],
    [5, 2],
  ])('rejects lA=%i, lB=%i (lB must exceed lA)', (lA, lB) => {
    expect(rejection({ ...good, lA, lB }).message).toBe(`lB must be greater than lA (got lA=${lA}, lB=${lB})`);
  });

  it.each([
    [{ B: 0 }, 'B must be greater than 0 (got 0)'],
    [{ B: '-3/2' }, 'B must be greater than 0 (got -3/2)'],
    [{ B: -0.25 }, 'B must be greater than 0 (got -1/4)'],
    [{ lambdaA: '0/5' }, 'lambdaA must be greater than 0 (got 0)'],
    [{ lambdaB: -1 }, 'lambdaB must be greater than 0 (got -1)'],
  ] as const)('rejects a non-positive rational %j', (patch, message) => {
    expect(rejection({ ...good, ...patch }).message).toBe(message);
  });

  it.each([
    [{ B: 'sixty' }, 'B must be a rational > 0 such as 60 or "3/2" (got "sixty")'],
    [{ B: '1/0' }, 'B must be a rational > 0 such as 60 or "3/2" (got "1/0")'],
    [{ B: '3/-2' }, 'B must be a rational > 0 such as 60 or "3/2" (got "3/-2")'],
    [{ B: Infinity }, 'B must be a rational > 0 such as 60 or "3/2" (got Infinity)'],
    [{ lambdaA: {} }, 'lambdaA must be a rational > 0 such as 60 or "3/2" (got [object Object])'],
    [{ lambdaB: null }, 'lambdaB must be a rational > 0 such as 60 or "3/2" (got null)'],
  ] as const)('rejects a malformed rational %j', (patch, message) => {
    expect(rejection({ ...good, ...patch } as RawParams).message).toBe(message);
  });

  it('rejects a bigint rate (numbers, strings and Rationals only)', () => {
    expect(rejection({ ...good, lambdaB: 10n }).message).toBe('lambdaB must be a rational > 0 such as 60 or "3/2" (got 10)');
  });

  it('checks the integers before the rationals', () => {
    expect(rejection({ l0: 0, lA: 2, lB: 3, B: 'bad' }).message).toMatch(/^l0 /);
  });

  it('positiveRational is the same check on its own', () => {
    expect(positiveRational('x', '7/14').toString()).toBe('1/2');
    expect(() => positiveRational('x', '-1')).toThrow('x must be greater than 0 (got -1)');
  });
});

describe('parameter JSON', () => {
  it('paramsToJson prints integers as numbers and rationals as "p/q"', () => {
    const p = validateParams({ ...good, B: '120/8', lambdaA: 0.75 });
    expect(paramsToJson(p)).toEqual({ l0: 10, lA: 2, lB: 3, B: '15', lambdaA: '3/4', lambdaB: '1' });
    expect(formatParams(p)).toBe('l0=10 lA=2 lB=3 B=15 λA=3/4 λB=1');
  });

  it('validateParams(paramsToJson(p)) gives p back', () => {
    fc.assert(
      fc.property(paramsArb({ maxL0: 1000, maxLA: 50, maxGap: 50 }), (p) => {
        const q = validateParams(paramsToJson(p));
        expect(paramsToJson(q)).toEqual(paramsToJson(p));
        expect(q.B.equals(p.B) && q.lambdaA.equals(p.lambdaA) && q.lambdaB.equals(p.lambdaB)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('gcdInt', () => {
    expect(gcdInt(12, 18)).toBe(6);
    expect(gcdInt(7, 3)).toBe(1);
    expect(gcdInt(-4, 6)).toBe(2);
    expect(gcdInt(0, 5)).toBe(5);
  });
});
