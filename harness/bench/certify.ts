import { availableParallelism } from 'node:os';
import { registry } from '../../conjectures/registry.js';
import { DEFAULT_BOUNDS, type SearchBounds } from '../../models/theory-simulation/bounds.js';
import { CERTIFY_LISTING } from '../../models/theory-simulation/bench/reference-grid.js';
import { CHECK_DEFAULTS } from '../cli/commands/check.js';
import { runCheck, runCheckInWorkers, type CheckReport, type CheckRequest } from '../search/check.js';
import { ClassWorkers } from '../search/class-workers.js';

/**
 * `check`'s certification (phase 5: every class below the counterexample decided in order):
 * classes decided per second on worker threads against this thread, over the same classes,
 * and `check g-time-average` at its default budget both ways.
 */

const CONJECTURE = CERTIFY_LISTING.conjecture;

export interface CheckFigures {
  seconds: number;
  certified: boolean;
  counterexample: string | null;
  decided: number;
  inScope: number | null;
}

export interface CertifyFigures {
  conjecture: string;
  /** The box listed both ways. */
  box: string;
  workers: number;
  /** The listing: the same classes in this thread and on the workers. */
  classes: number;
  inThreadPerSecond: number;
  workersPerSecond: number;
  /** workers ÷ this thread. */
  speedup: number;
  sameListing: boolean;
  /** `check <conjecture>` at its default budget. */
  check: { inThread: CheckFigures; workers: CheckFigures };
}

function request(bounds: SearchBounds, timeLimitMs: number, runs: number): CheckRequest {
  const conjecture = registry.get(CONJECTURE);
  return {
    conjecture,
    family: registry.familyOf(conjecture),
    options: { tie: 'all' },
    bounds,
    steps: CHECK_DEFAULTS.steps,
    runs,
    seed: CHECK_DEFAULTS.seed,
    arithmetic: { id: 'filtered' },
    timeLimitMs,
  };
}

async function timed(run: () => CheckReport | Promise<CheckReport>): Promise<{ report: CheckReport; seconds: number }> {
  const t0 = performance.now();
  const report = await run();
  return { report, seconds: (performance.now() - t0) / 1000 };
}

const summary = ({ report, seconds }: { report: CheckReport; seconds: number }): CheckFigures => ({
  seconds,
  certified: report.certification?.certified ?? false,
  counterexample: report.counterexample ? JSON.stringify({ params: report.counterexample.params, init: report.counterexample.init, t: report.counterexample.t }) : null,
  decided: report.certification?.decided ?? 0,
  inScope: report.certification?.inScope ?? null,
});

export async function benchCertify(log: (line: string) => void): Promise<CertifyFigures> {
  const threads = Math.max(2, availableParallelism());
  const workers = new ClassWorkers(threads, { modules: [] });
  try {
    log(`certify: listing the ${CONJECTURE} classes with ${CERTIFY_LISTING.text}, in this thread and on ${threads} threads…`);
    // The search is one random run; certification then lists the whole box. Threads start first.
    await runCheckInWorkers(request(CERTIFY_LISTING.warmup, 600_000, 1), workers);
    const listing = request(CERTIFY_LISTING.bounds, 600_000, 1);
    const alone = await timed(() => runCheck(listing));
    const spread = await timed(() => runCheckInWorkers(listing, workers));
    const classes = alone.report.certification!.decided;
    log(`certify: check ${CONJECTURE} at its default budget (${CHECK_DEFAULTS.timeLimit} s), on ${threads} threads and in this thread…`);
    const budget = request(DEFAULT_BOUNDS, CHECK_DEFAULTS.timeLimit * 1000, CHECK_DEFAULTS.runs);
    const checkWorkers = await timed(() => runCheckInWorkers(budget, workers));
    const checkAlone = await timed(() => runCheck(budget));
    return {
      conjecture: CONJECTURE,
      box: CERTIFY_LISTING.text,
      workers: threads,
      classes,
      inThreadPerSecond: classes / alone.seconds,
      workersPerSecond: spread.report.certification!.decided / spread.seconds,
      speedup: alone.seconds / spread.seconds,
      sameListing:
        JSON.stringify([alone.report.verdict, alone.report.certification]) === JSON.stringify([spread.report.verdict, spread.report.certification]),
      check: { inThread: summary(checkAlone), workers: summary(checkWorkers) },
    };
  } finally {
    await workers.close();
  }
}

const k = (x: number) => `${(x / 1000).toFixed(2)} k`;

export function formatCertifyReport(f: CertifyFigures): string {
  const line = (name: string, c: CheckFigures) =>
    `    ${name.padEnd(12)} ${c.seconds.toFixed(1).padStart(5)} s   ${c.certified ? 'CERTIFIED minimal' : `not certified (${c.decided.toLocaleString('en-US')} of ${c.inScope?.toLocaleString('en-US') ?? '?'} classes below it decided)`}   ${c.counterexample ?? 'no counterexample'}`;
  return [
    '',
    `Certified minimality (check phase 5): classes of ${f.conjecture} decided in order, same classes both ways`,
    `  listing:  ${f.classes.toLocaleString('en-US')} classes (${f.box}, 60 steps): this thread ${k(f.inThreadPerSecond)} classes/s, ${f.workers} threads ${k(f.workersPerSecond)} classes/s → ${f.speedup.toFixed(2)}×; ${f.sameListing ? 'identical certification' : 'DIFFERENT CERTIFICATIONS (a defect)'}`,
    `  check ${f.conjecture} at its default budget:`,
    line(`${f.workers} threads`, f.check.workers),
    line('this thread', f.check.inThread),
    '',
  ].join('\n');
}
