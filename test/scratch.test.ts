import { it } from 'vitest';
import { exactArithmetic, Rational } from '../models/arithmetic/index.js';
import { parameterContext } from '../models/context.js';
import { validateParams } from '../models/params.js';
import { evaluateCell } from '../harness/engine/cell.js';
import { registry } from '../conjectures/registry.js';

it('figures', () => {
  const params = validateParams({ l0: 200, lA: 4, lB: 7, B: 1000, lambdaA: 1, lambdaB: 1 });
  const ctx = parameterContext(exactArithmetic, params);
  const ids = ['inner-product-nonneg', 'v-dominance', 'eviction-p-nonexpansive', 'energy-decomposition', 'eviction-step-lemma', 'g-dominance', 'convergence'];
  const runs = ids.map((id) => ({ conjecture: registry.get(id), options: { tie: 'all' as const } }));
  const out: Record<string, any[]> = {};
  const t0 = Date.now();
  evaluateCell(ctx, runs, { params, init: { kind: 'canonical' }, steps: 200 }, (i, t, o) => {
    (out[ids[i]] ??= []).push({ t, s: o.status, m: o.margin, v: o.values });
  }, (i, t, e) => console.log('ERR', ids[i], t, e));
  console.log('ms', Date.now() - t0);
  const ip = out['inner-product-nonneg'].filter((x) => x.t >= 1);
  console.log('inner', ip.length, ip.filter((x) => x.s === 'holds').length, ip.reduce((a, x) => a + (x.m as Rational).toNumber(), 0) / ip.length, Math.min(...ip.map((x) => (x.m as Rational).toNumber())));
  const v = out['v-dominance'].filter((x) => x.t >= 1);
  console.log('V', v.length, v.filter((x) => x.s === 'holds').length, v.reduce((a, x) => a + (x.v.VT as Rational).toNumber() / (x.v.VS as Rational).toNumber(), 0) / v.length);
  const ev = out['eviction-p-nonexpansive'];
  console.log('evict', ev.length, ev.filter((x) => (x.m as Rational).sign() > 0).length, ev.map((x) => x.t + ':' + (x.m as Rational).toNumber().toFixed(3)).join(' '));
  for (const id of ['energy-decomposition', 'eviction-step-lemma', 'g-dominance', 'convergence']) {
    const xs = out[id]; console.log(id, xs.length, xs.filter((x) => x.s === 'fails').length, xs.filter(x=>x.s!=='holds').slice(0,3).map(x=>x.t+x.s));
  }
  // cases dataset 1
  const p2 = validateParams({ l0: 10, lA: 2, lB: 5, B: 60, lambdaA: 1, lambdaB: 1 });
  for (const tie of ['all', 'any', 'first'] as const) {
    const cases: Record<string, number> = {}; let ties = 0;
    evaluateCell(parameterContext(exactArithmetic, p2), [{ conjecture: registry.get('delta-argmax-ge-argmin'), options: { tie } }], { params: p2, init: { kind: 'canonical' }, steps: 50 }, (i, t, o) => { if (t >= 1) { cases[o.case!] = (cases[o.case!] ?? 0) + 1; if (o.tie) ties++; } }, () => {});
    console.log(tie, cases, 'ties', ties);
  }
});
