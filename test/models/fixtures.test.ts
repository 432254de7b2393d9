import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactArithmetic, Rational } from '../../models/arithmetic/index.js';
import { coupledRun, perTypeCoupledRun } from '../../models/theory-simulation/coupled.js';
import { mergedInitial, materialize, materializePerType, initialStateFromJson, perTypeInitial } from '../../models/theory-simulation/initial-state.js';
import { validateParams } from '../../models/theory-simulation/params.js';
import { setupModel } from '../../models/theory-simulation/setup.js';

/** Exact trajectories from an independent implementation (SPEC §6): every digit must match. */
const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/exact-trajectories.json', import.meta.url), 'utf8'),
) as Record<string, any>;

const str = (xs: readonly Rational[]) => xs.map(String);

describe('merged models reproduce the exact fixtures', () => {
  for (const [name, fx] of Object.entries(fixtures).filter(([k]) => k.startsWith('merged_'))) {
    it(name, () => {
      const params = validateParams(fx.params);
      const m = setupModel(exactArithmetic, params);
      const init = materialize(exactArithmetic, mergedInitial(params, initialStateFromJson(fx.init)));
      const steps = fx.steps.length - 1;
      const records = [...coupledRun(m, init, steps)];
      expect(records).toHaveLength(fx.steps.length);
      records.forEach((r, t) => {
        const want = fx.steps[t];
        expect(r.t).toBe(want.t);
        expect(str(r.theory)).toEqual(want.theory);
        expect(str(r.simulation)).toEqual(want.simulation);
        if (t > 0) {
          expect(String(r.theoryAdmission)).toBe(want.theory_admission);
          expect(String(r.simAdmission)).toBe(want.sim_admission);
          expect(String(r.desired)).toBe(want.desired_admission);
          expect(str(r.eviction)).toEqual(want.eviction);
          expect(r.evicted).toBe(want.eviction.some((e: string) => e !== '0'));
        }
      });
    });
  }
});

describe('per-type models reproduce the exact fixtures', () => {
  for (const [name, fx] of Object.entries(fixtures).filter(([k]) => k.startsWith('pertype_'))) {
    it(name, () => {
      const params = validateParams(fx.params);
      const m = setupModel(exactArithmetic, params);
      const init = materializePerType(exactArithmetic, perTypeInitial(params, initialStateFromJson(fx.init)));
      const records = [...perTypeCoupledRun(m, init, fx.steps.length - 1)];
      records.forEach((r, t) => {
        const want = fx.steps[t];
        expect({ A: str(r.theory.A), B: str(r.theory.B) }).toEqual(want.theory);
        expect({ A: str(r.simulation.A), B: str(r.simulation.B) }).toEqual(want.simulation);
        if (t > 0) {
          expect(String(r.theoryAdmission)).toBe(want.desired_admission_theory);
          expect(String(r.desired)).toBe(want.desired_admission_sim);
          expect({ A: str(r.eviction.A), B: str(r.eviction.B) }).toEqual(want.eviction);
        }
      });
    });
  }
});
