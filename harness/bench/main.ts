#!/usr/bin/env node
import { Command, Option } from 'commander';
import { positiveInt, positiveSeconds } from '../cli/options.js';
import { benchExactVsFloat } from './exact-vs-float.js';
import { benchFilter, formatFilterReport } from './filter.js';
import { benchDefaultSweep, formatDefaultSweepReport } from './default-sweep.js';
import { formatReport, formatSweepReport } from './report.js';
import { benchSweepMemory } from './sweep-memory.js';
import { benchSweepScaling } from './sweep-scaling.js';
import { benchServing, formatServingReport } from '../serving/bench.js';
import { benchCertify, formatCertifyReport } from './certify.js';

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the
 * same run — exact verdicts against a plain float64 loop, check's certification on
 * worker threads against this thread, 2 sweep workers
 * against 1, a 10× larger grid's peak memory against the base grid's, and the
 * exact serving simulator's batches per second against a float64 loop of the same rules.
 */

/** Every 3rd cell: the exact run then takes 60–75 s on 2 cores. */
const DEFAULT_SAMPLE = 3;
/** Every 6th prefill length of the reference grid: each sweep run then takes about a minute. */
const DEFAULT_SWEEP_STRIDE = 6;

interface Options {
  part: 'all' | 'exact' | 'filter' | 'certify' | 'sweep' | 'serving';
  sample: number;
  full?: boolean;
  json?: boolean;
  floatSeconds: number;
  sweepStride: number;
}

const program = new Command('bench')
  .description('Exact-verdict throughput vs float64, sweep scaling over workers, sweep memory over grid size, and the serving simulator vs float64')
  .addOption(new Option('--part <part>', 'which figures to measure').choices(['all', 'exact', 'filter', 'certify', 'sweep', 'serving']).default('all'))
  .option('--sample <k>', 'exact vs float64: time every k-th cell of the reference grid', positiveInt, DEFAULT_SAMPLE)
  .option('--full', 'exact vs float64: time every cell (13,888; several minutes)')
  .option('--float-seconds <s>', 'repeat float64 passes until this much time is measured', positiveSeconds, 3)
  .option("--sweep-stride <k>", "sweep scaling: keep every k-th prefill length of the reference grid (1 = the whole grid)", positiveInt, DEFAULT_SWEEP_STRIDE)
  .option('--json', 'print the figures as JSON instead of a report')
  .parse();
const options = program.opts<Options>();
const log = (line: string) => {
  if (!options.json) process.stderr.write(line + '\n');
};

const figures: Record<string, unknown> = {};
if (options.part === 'all' || options.part === 'exact') {
  try {
    figures.exactVsFloat = benchExactVsFloat({ stride: options.full ? 1 : options.sample, floatSeconds: options.floatSeconds, verbose: !options.json });
  } catch (error) {
    program.error(`error: ${(error as Error).message}`, { exitCode: 2 });
  }
  if (!options.json) process.stdout.write(formatReport(figures.exactVsFloat as Parameters<typeof formatReport>[0]) + '\n');
}
if (options.part === 'all' || options.part === 'filter') {
  // The deciding policy against float64 and the exact path (inequalities), seed 001's cell,
  // and the default sweep on both paths.
  figures.filter = benchFilter({ stride: options.full ? 1 : options.sample, floatSeconds: options.floatSeconds });
  figures.defaultSweep = await benchDefaultSweep(log);
  if (!options.json) {
    process.stdout.write(formatFilterReport(figures.filter as ReturnType<typeof benchFilter>));
    process.stdout.write(formatDefaultSweepReport(figures.defaultSweep as Awaited<ReturnType<typeof benchDefaultSweep>>));
  }
}
if (options.part === 'all' || options.part === 'certify') {
  // check's certification: worker threads against this thread, and check g-time-average at its default budget.
  figures.certify = await benchCertify(log);
  if (!options.json) process.stdout.write(formatCertifyReport(figures.certify as Awaited<ReturnType<typeof benchCertify>>));
}
if (options.part === 'all' || options.part === 'sweep') {
  const scaling = await benchSweepScaling(options.sweepStride, log);
  const memory = benchSweepMemory();
  figures.sweep = { scaling, memory };
  if (!options.json) process.stdout.write(formatSweepReport(scaling, memory));
}
if (options.part === 'all' || options.part === 'serving') {
  // The exact serving simulator against a float64 loop of the same rules, measured in this run.
  figures.serving = benchServing({ now: () => performance.now(), minSeconds: options.floatSeconds });
  if (!options.json) process.stdout.write(formatServingReport(figures.serving as ReturnType<typeof benchServing>));
}
if (options.json) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
