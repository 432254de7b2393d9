import { describe, expect, it } from 'vitest';
import { InputError } from '../../../models/errors.js';
import { config } from '../../support/sweep-fixtures.js';

const valid = `{
  name: "t",
  conjectures: ["g-dominance"],
  grid: {
    l0: { from: 1, to: 3 },
    lA: [1, 2],
    lB: { from: 2, to: 4 },
    B: [60, "1/2"],
    lambdaA: [1, 2],
    lambdaB: [1],
    init: ["canonical", { kind: "lattice", units: 2 }],
    steps: 10,
  },
  random: { runs: 5, seed: 3 },
}`;

function errorOf(text: string): string {
  try {
    config(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('sweep configuration', () => {
  it('resolves a valid config with sorted values and defaults', () => {
    const c = config(valid);
    expect(c.grid.l0).toEqual([1, 2, 3]);
    expect((c.grid.B as unknown[]).map(String)).toEqual(['60', '1/2']);
    expect(c.grid.init).toEqual([{ kind: 'canonical' }, { kind: 'lattice', units: 2, balanced: true }]);
    expect(c).toMatchObject({ arithmetic: 'exact', tie: 'all', maxVacuousShare: 0.9, random: { runs: 5, seed: 3, maxDenominator: 4 } });
  });

  it.each([
    // [what, edit, expected "file:line:column: field: message"]
    ['a value of the wrong type', ['to: 3 }', "to: 'a' }"], /^test\.json5:5:24: grid\.l0\.to: expected an integer \(got "a"\)$/],
    ['an unknown key', ['steps: 10,', 'steps: 10, stesp: 4,'], /^test\.json5:12:16: grid\.stesp: unknown key "stesp"$/],
    ['a missing field', ['steps: 10,', ''], /^test\.json5:4:9: grid\.steps: is required$/],
    ['an empty range', ['{ from: 2, to: 4 }', '{ from: 4, to: 2 }'], /^test\.json5:7:24: grid\.lB\.to: empty range: to \(2\) < from \(4\)$/],
    ['a non-positive rational', ['B: [60, "1/2"]', 'B: [60, "-1/2"]'], /^test\.json5:8:13: grid\.B\[1\]: must be greater than 0 \(got -1\/2\)$/],
    ['an unknown conjecture', ['["g-dominance"]', '["g-dominance", "v-dominace"]'], /^test\.json5:3:32: conjectures\[1\]: unknown conjecture id "v-dominace"\. Did you mean "v-dominance"/],
    ['a bad initial state', ['units: 2 }', 'units: 0 }'], /^test\.json5:11:51: grid\.init\[1\]\.units: units must be an integer from 1 to 64 \(got 0\)$/],
    ['floating arithmetic', ['random: {', 'arithmetic: "float64", random: {'], /arithmetic: sweeps decide every state exactly/],
    ['a grid with no lA < lB', ['lA: [1, 2]', 'lA: [5]'], /^test\.json5:6:9: grid\.lA: no lA is below any lB/],
  ])('names the file, line, column and field for %s', (_what, [from, to], expected) => {
    expect(errorOf(valid.replace(from as string, to as string))).toMatch(expected as RegExp);
  });

  it('reports malformed JSON5 with its line and column', () => {
    expect(errorOf('{\n  name: "x",\n  grid: { l0: [1,, 2] }\n}')).toMatch(/^test\.json5:3:18: not valid JSON5: invalid character ','/);
  });
});

describe('random samples', () => {
  it('need no seed when there are none, and a seed when there are', () => {
    expect(config(`{ name: "r0", grid: { l0: 1, lA: 1, lB: 2, B: 1, lambdaA: 1, lambdaB: 1, steps: 1 }, random: { runs: 0 } }`).random).toEqual({ runs: 0, seed: 0, maxDenominator: 4 });
    expect(() => config(`{ name: "r1", grid: { l0: 1, lA: 1, lB: 2, B: 1, lambdaA: 1, lambdaB: 1, steps: 1 }, random: { runs: 3 } }`)).toThrow(/random\.seed: is required when runs > 0/);
  });
});
