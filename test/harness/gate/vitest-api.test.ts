import { describe, expect, it } from 'vitest';
import { checkClaim, conjectureTest, expectClaim, UnmetClaimError } from '../../../harness/gate/vitest.js';
import { PLANTED_CONFIG, tmp } from '../../support/sweep-fixtures.js';

const small = { l0: [1, 2], lA: [1], lB: [3], B: [1], lambdaA: [1], lambdaB: [1], steps: 10 };
/** A planted conjecture that fails where lB ≥ 3 at t = 2 (see planted.config.ts), from a user config. */
const planted = { config: PLANTED_CONFIG, outDir: tmp('vitest-api') };

describe('claims as vitest tests', () => {
  // The API used as a research repository would use it: this registers a real test.
  conjectureTest('token balance holds (conjectureTest)', { conjecture: 'token-balance', domain: small, expect: 'holds' }, { outDir: tmp('vitest-api') });
  conjectureTest('a planted conjecture is refuted here (conjectureTest)', { conjecture: 'planted-lb3-t2', domain: small, expect: 'refuted' }, planted);

  it('fails an unmet claim with a readable message holding the counterexample', async () => {
    const failure = await expectClaim('p holds', { conjecture: 'planted-lb3-t2', domain: small, expect: 'holds' }, planted).catch((e) => e);
    expect(failure).toBeInstanceOf(UnmetClaimError);
    expect(failure.message).toMatch(/^claim "p holds" \(planted-lb3-t2, expected holds\) not met: REFUTED at l0=1 lA=1 lB=3/);
    expect(failure.message).toMatch(/margin: -1\n/);
    expect(failure.message).toContain(`replay: npx conjecture replay '{"conjecture":"planted-lb3-t2"`);
    expect(failure.result.met).toBe(false);
  });

  it('checkClaim resolves to the result without throwing', async () => {
    const r = await checkClaim('balance', { conjecture: 'token-balance', domain: small, expect: 'refuted' }, { outDir: tmp('vitest-api') });
    expect(r).toMatchObject({ met: false, status: 'verified', expect: 'refuted' });
    expect(r.verdict).toMatch(/^expected a counterexample, found none/);
  });

  it('reports a bad claim with the field it concerns', async () => {
    await expect(checkClaim('bad', { conjecture: 'token-balance', domain: { ...small, steps: -1 }, expect: 'holds' })).rejects.toThrow(
      /^claim "bad": claims\[0\]\.domain\.steps: /,
    );
  });
});
