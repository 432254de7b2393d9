import { describe, expect, it } from 'vitest';
import { exactArithmetic, type Rational } from '../../models/arithmetic/index.js';
import { parameterContext } from '../../models/theory-simulation/context.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { registry } from '../../conjectures/registry.js';
import type { Outcome } from '../../conjectures/support/outcome.js';
import type { TieRule } from '../../conjectures/support/tie-rule.js';
import { evaluateCell } from '../../harness/engine/cell.js';

/** Every outcome of the given conjectures on one canonical run. */
function outcomes(raw: Record<string, number>, ids: string[], steps: number, tie: TieRule = 'all') {
  const params = validateParams(raw);
  const byId: Record<string, { t: number; o: Outcome<Rational> }[]> = Object.fromEntries(ids.map((id) => [id, []]));
  evaluateCell(
    parameterContext(exactArithmetic, params),
    (c) => registry.familyOf(c),
    ids.map((id) => ({ conjecture: registry.get(id), options: { tie } })),
    { params, init: { kind: 'canonical' }, steps },
    (i, t, o: Outcome<Rational>) => {
      byId[ids[i]].push({ t, o });
    },
    (_, t, e) => {
      throw new Error(`threw at t=${t}: ${String(e)}`);
    },
  );
  return byId;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** SPEC §6: the seed figures that exact computation reproduces (independently checked). */
describe('seed figures of SPEC §6', () => {
  it('seed 001 §8: l0=200, lA=4, lB=7, B=1000, λA=λB=1, canonical, 200 steps', () => {
    const params = { l0: 200, lA: 4, lB: 7, B: 1000, lambdaA: 1, lambdaB: 1 };
    const r = outcomes(params, ['inner-product-nonneg', 'v-dominance', 'eviction-p-nonexpansive'], 200);
    const inner = r['inner-product-nonneg'].filter(({ t }) => t >= 1);
    expect(inner).toHaveLength(200);
    expect(inner.filter(({ o }) => o.status === 'holds')).toHaveLength(200);
    const innerValues = inner.map(({ o }) => o.margin!.toNumber());
    expect(mean(innerValues).toFixed(4)).toBe('0.9424');
    expect(Math.min(...innerValues).toPrecision(2)).toBe('0.00046');

    const v = r['v-dominance'].filter(({ t }) => t >= 1);
    expect(v.filter(({ o }) => o.status === 'holds')).toHaveLength(200);
    const ratios = v.map(({ o }) => (o.values.VT as Rational).toNumber() / (o.values.VS as Rational).toNumber());
    expect(mean(ratios).toFixed(3)).toBe('1.102');

    const evictions = r['eviction-p-nonexpansive'];
    expect(evictions).toHaveLength(9);
    expect(evictions.filter(({ o }) => o.margin!.sign() > 0)).toHaveLength(5);
  });

  it('seed 000 §6.4 / dataset 1: cases A/B/C/D = 39/2/9/0 over steps 1..50, whatever the tie rule', () => {
    for (const tie of ['all', 'any', 'first'] as const) {
      const r = outcomes({ l0: 10, lA: 2, lB: 5, B: 60, lambdaA: 1, lambdaB: 1 }, ['delta-argmax-ge-argmin'], 50, tie);
      const counts = { A: 0, B: 0, C: 0, D: 0 };
      for (const { t, o } of r['delta-argmax-ge-argmin']) if (t >= 1) counts[o.case!]++;
      expect(counts).toEqual({ A: 39, B: 2, C: 9, D: 0 });
    }
  });

  it('seed 001 §4.8 and §4.5: float estimates of ρ(A), and exact stability', () => {
    const rho = (raw: Record<string, number>) => parameterContext(exactArithmetic, validateParams(raw)).linear;
    const big = rho({ l0: 50, lA: 4, lB: 7, B: 1, lambdaA: 1, lambdaB: 1 });
    const small = rho({ l0: 10, lA: 2, lB: 3, B: 1, lambdaA: 1, lambdaB: 1 });
    expect(big.spectrumEstimate.spectralRadius.toFixed(4)).toBe('0.9885');
    expect(small.spectrumEstimate.spectralRadius.toFixed(3)).toBe('0.769');
    expect(big.stability.stable).toBe(true);
    expect(small.stability.stable).toBe(true);
  });
});
