import { describe, expect, it } from 'vitest';
import { registry } from '../../../conjectures/registry.js';
import { resolveClaims } from '../../../harness/gate/claims.js';
import { judge } from '../../../harness/gate/run-claim.js';
import type { ConjectureSummary } from '../../../harness/sweep/summary.js';
import { Json5Source } from '../../../harness/sweep/json5-source.js';

const valid = `{
  claims: [
    {
      conjecture: "token-balance",
      domain: { l0: [1, 2], lA: [1], lB: [2, 3], B: [60], lambdaA: [1], lambdaB: [1], steps: 5 },
      expect: "holds",
      budget: { random: 10, timeLimit: "90s" },
    },
  ],
}`;

const resolve = (text: string) => resolveClaims(Json5Source.parse('claims.json5', text), registry);

function errorOf(text: string): string {
  try {
    resolve(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('claims files', () => {
  it('resolve into one sweep per claim with the claim budget and defaults', () => {
    const [c] = resolve(valid);
    expect(c).toMatchObject({ name: 'token-balance holds', slug: 'token-balance-holds', expect: 'holds', acceptSampling: false, timeLimitMs: 90_000 });
    expect(c.sweep).toMatchObject({ conjectures: ['token-balance'], random: { runs: 10, seed: 1 }, maxVacuousShare: 0.9, tie: 'all' });
    expect(c.sweep.grid.exhaustive).toBe(true);
  });

  it.each([
    ['an unknown conjecture', ['"token-balance"', '"token-balanse"'], /^claims\.json5:4:19: claims\[0\]\.conjecture: unknown conjecture id "token-balanse"\. Did you mean "token-balance"/],
    ['a bad expectation', ['"holds"', '"true"'], /^claims\.json5:6:15: claims\[0\]\.expect: expect must be "holds", "refuted" or "open"$/],
    ['a bad time limit', ['"90s"', '"soon"'], /^claims\.json5:7:40: claims\[0\]\.budget\.timeLimit: expected a duration such as 90s/],
    ['a domain error', ['lB: [2, 3]', 'lB: [2, "x"]'], /^claims\.json5:5:46: claims\[0\]\.domain\.lB\[1\]: expected an integer \(got "x"\)$/],
    ['a budget that checks nothing', ['budget: { random: 10', 'budget: { exhaustive: false, random: 0'], /claims\[0\]\.budget: the budget checks nothing/],
    ['an unknown key', ['expect: "holds",', 'expect: "holds", expected: "holds",'], /^claims\.json5:6:24: claims\[0\]\.expected: unknown key "expected"$/],
  ])('report %s with file, line, column and field', (_what, [from, to], message) => {
    expect(errorOf(valid.replace(from as string, to as string))).toMatch(message as RegExp);
  });

  it('report malformed JSON5 with line and column', () => {
    expect(errorOf('{ claims: [ { conjecture: "x" ] }')).toMatch(/^claims\.json5:1:31: not valid JSON5/);
  });
});

const summary = (status: ConjectureSummary['status'], extra: Partial<ConjectureSummary> = {}) =>
  ({ status, statesChecked: 100, statesVacuous: 0, minimal: null, ...extra }) as ConjectureSummary;
const counterexample = { params: { l0: 1, lA: 1, lB: 3, B: '1', lambdaA: '1', lambdaB: '1' }, init: { kind: 'canonical' }, t: 6 } as never;

describe('expectations', () => {
  it.each([
    ['holds', false, 'verified', true],
    ['holds', false, 'sampled', false],
    ['holds', true, 'sampled', true],
    ['holds', false, 'refuted', false],
    ['holds', false, 'inconclusive', false],
    ['refuted', false, 'refuted', true],
    ['refuted', false, 'verified', false],
    ['refuted', false, 'inconclusive', false],
    ['open', false, 'refuted', true],
    ['open', false, 'inconclusive', true],
  ] as const)('expect %s (acceptSampling %s) with a %s result: met = %s', (expectation, acceptSampling, status, met) => {
    const s = summary(status, status === 'refuted' ? { minimal: counterexample } : status === 'inconclusive' ? { reason: 'interrupted' } : {});
    expect(judge({ expect: expectation, acceptSampling }, s).met).toBe(met);
  });

  it('says where a holds claim was refuted, and why an inconclusive one does not pass', () => {
    expect(judge({ expect: 'holds', acceptSampling: false }, summary('refuted', { minimal: counterexample })).verdict).toBe(
      'REFUTED at l0=1 lA=1 lB=3 B=1 lambdaA=1 lambdaB=1, canonical start, t=6',
    );
    expect(judge({ expect: 'holds', acceptSampling: false }, summary('inconclusive', { reason: 'every state was vacuous' })).verdict).toBe(
      'inconclusive: every state was vacuous',
    );
  });
});
