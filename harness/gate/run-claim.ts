import { rmSync } from 'node:fs';
import type { Registry } from '../../conjectures/registry.js';
import { whereText } from '../../reports/describe.js';
import type { Executor } from '../sweep/executor.js';
import { runSweep } from '../sweep/run.js';
import type { ClaimResult, ConjectureSummary, SweepSummary } from '../schema.js';

export type { ClaimResult };
import type { Claim } from './claims.js';

export interface RunClaimOptions {
  registry: Registry;
  dir: string;
  executor: Executor;
  clock: () => number;
  wallClock: () => Date;
  signal?: AbortSignal;
}

/** Sweeps a claim's domain (afresh) within its time cap and judges the result. */
export async function runClaim(claim: Claim, o: RunClaimOptions): Promise<{ result: ClaimResult; sweep: SweepSummary }> {
  rmSync(o.dir, { recursive: true, force: true }); // the gate's own output, regenerated every run
  const sweep = await runSweep({
    config: claim.sweep,
    registry: o.registry,
    outDir: o.dir,
    shard: { index: 1, count: 1 },
    executor: o.executor,
    resume: false,
    corpusDir: null,
    timeBudgetMs: claim.timeLimitMs,
    signal: o.signal,
    clock: o.clock,
    wallClock: o.wallClock,
  });
  const summary = sweep.conjectures[claim.conjecture];
  const { met, verdict } = judge(claim, summary);
  return {
    sweep,
    result: {
      name: claim.name,
      slug: claim.slug,
      conjecture: claim.conjecture,
      expect: claim.expect,
      status: summary.status,
      met,
      verdict,
      minimal: summary.minimal,
      vacuousShare: summary.statesVacuous / Math.max(1, summary.statesChecked + summary.statesVacuous),
      summary,
      dir: o.dir,
      complete: sweep.complete,
    },
  };
}

/**
 * holds: verified (or sampled when accepted), never inconclusive, vacuous share
 * within the claim's limit (already part of the status); refuted: a
 * counterexample was found; open: reported, never failing.
 */
export function judge(claim: Pick<Claim, 'expect' | 'acceptSampling'>, c: ConjectureSummary): { met: boolean; verdict: string } {
  const checked = `${c.statesChecked.toLocaleString('en-US')} states checked`;
  const counterexample = c.minimal ? ` at ${whereText(c.minimal)}` : '';
  switch (claim.expect) {
    case 'holds':
      if (c.status === 'verified') return { met: true, verdict: `holds: verified, ${checked}, none failed` };
      if (c.status === 'sampled') {
        return claim.acceptSampling
          ? { met: true, verdict: `holds: sampled (random runs only), ${checked}, none failed` }
          : { met: false, verdict: 'only sampled (random runs), not verified: set acceptSampling: true to accept sampling' };
      }
      if (c.status === 'refuted') return { met: false, verdict: `REFUTED${counterexample}` };
      return { met: false, verdict: `inconclusive: ${c.reason ?? 'not decided'}` };
    case 'refuted':
      if (c.status === 'refuted') return { met: true, verdict: `refuted as expected${counterexample}` };
      return { met: false, verdict: `expected a counterexample, found none (${c.status}${c.reason ? `: ${c.reason}` : ''}; ${checked})` };
    case 'open':
      return { met: true, verdict: `open: ${c.status}${c.reason ? ` (${c.reason})` : ''}${counterexample}` };
  }
}
