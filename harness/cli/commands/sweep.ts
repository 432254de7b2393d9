import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '../../../conjectures/registry.js';
import { configToJson, DEFAULT_FAMILY, loadConfigFile, resolveConfig, type SweepConfig } from '../../sweep/config.js';
import { ThreadExecutor } from '../../sweep/executor.js';
import { Json5Source } from '../../sweep/json5-source.js';
import { Corpus } from '../../sweep/corpus.js';
import { mergeSweeps } from '../../sweep/merge.js';
import { barProgress, formatDuration, lineProgress } from '../../sweep/progress.js';
import { checkSweepLimits, runSweep } from '../../sweep/run.js';
import { withInterrupts } from '../interrupts.js';
import { DEFAULT_LIMITS, type WorkLimits } from '../../limits.js';
import type { SweepSummary } from '../../sweep/summary.js';
import { coordinatesText, marginText, table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { REPORTERS } from '../../../reports/index.js';
import { decidingText } from '../../../reports/describe.js';
import { DEFAULT_REPORTERS, parseReporterNames, writeSweepArtifacts } from '../../explain/artifacts.js';
import { decidingPath, DECIDING_PATH_HELP, duration, MAX_WORKERS, positiveInt, positiveSeconds, shard, workerCount } from '../options.js';
import type { DecidingPath } from '../../schema.js';
import { prepareOutputDir } from '../../io/output-dir.js';
import { acquireOutputLock } from '../../io/lock.js';

export const DEFAULT_CORPUS_DIR = '.conjecture/corpus';

interface SweepFlags {
  reporters: string;
  checkpointEvery?: number;
  out?: string;
  workers?: number;
  shard?: { index: number; count: number };
  timeBudget?: number;
  resume?: boolean;
  corpus: string | false;
  json?: boolean;
  maxSteps?: number;
  maxCells?: number;
  maxStates?: number;
  arithmetic: DecidingPath;
}

export function registerSweep(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('sweep')
    .argument('[config]', 'a JSON5 sweep configuration (omit it for the embedded default sweep)')
    .description('check conjectures exactly over a parameter grid (and random samples) on every core; resumable')
    .option('--out <dir>', 'output folder (default out/<config name>)')
    .option('--workers <n>', `worker threads, 1 to ${MAX_WORKERS} (default: the number of cores, here ${availableParallelism()})`, workerCount(1))
    .option('--shard <I/N>', 'run only shard I of N (1-based); combine shards with `conjecture merge`', shard)
    .option('--time-budget <duration>', 'stop cleanly after this long, e.g. 90s, 30m, 2h (partial results are kept)', duration)
    .option('--resume', 'continue the sweep in --out without re-checking finished cells')
    .option('--checkpoint-every <seconds>', 'write the checkpoint (state.json) this often (default 2)', positiveSeconds)
    .option('--corpus <dir>', `counterexample corpus, replayed first and extended (default ${DEFAULT_CORPUS_DIR})`, DEFAULT_CORPUS_DIR)
    .option('--no-corpus', 'neither replay nor store counterexamples')
    .option('--json', 'print summary.json to stdout instead of a table')
    .option('--reporters <list>', `reports written next to summary.json: ${Object.keys(REPORTERS).join(', ')}`, DEFAULT_REPORTERS.join(','))
    .option('--arithmetic <path>', DECIDING_PATH_HELP, decidingPath, 'filtered')
    .option('--max-steps <n>', `refuse configs with more steps (default ${DEFAULT_LIMITS.maxSteps.toLocaleString('en-US')})`, positiveInt)
    .option('--max-cells <n>', `refuse grids with more cells, lattice states included (default ${DEFAULT_LIMITS.maxCells.toLocaleString('en-US')})`, positiveInt)
    .option('--max-states <n>', `refuse sweeps evaluating more states (default ${DEFAULT_LIMITS.maxStates.toLocaleString('en-US')})`, positiveInt)
    .addHelpText(
      'after',
      `\nWrites <out>/summary.json (schema in the README), <out>/state.json (the checkpoint),\n` +
        'records/ (the minimal counterexamples run exactly) and the reports (summary.md, index.html, junit.xml).\n' +
        'Exit status: 0 complete and nothing refuted, 1 refuted, 2 bad usage or input, 4 stopped early (partial results saved).',
    )
    .action(async (file: string | undefined, flags: SweepFlags) => {
      const reporters = parseReporterNames(flags.reporters);
      const config = file ? loadConfigFile(file, registry) : defaultConfig(registry);
      const limits: WorkLimits = {
        maxSteps: flags.maxSteps ?? DEFAULT_LIMITS.maxSteps,
        maxCells: flags.maxCells ?? DEFAULT_LIMITS.maxCells,
        maxStates: flags.maxStates ?? DEFAULT_LIMITS.maxStates,
      };
      checkSweepLimits(config, limits); // before any thread starts
      const workers = flags.workers ?? Math.min(MAX_WORKERS, availableParallelism());
      const outDir = flags.out ?? join('out', config.name);
      // Before any work: the outputs must be writable, and no other run may be writing there.
      prepareOutputDir(outDir);
      if (flags.corpus !== false) prepareOutputDir(flags.corpus, '--corpus');
      const lock = acquireOutputLock(outDir, 'sweep', (line) => io.err(line + '\n'));
      try {
        await withInterrupts(
          io,
          'after the batches in flight',
          async (signal) => {
            const summary = await runSweep({
              config,
              registry,
              outDir,
              shard: flags.shard ?? { index: 1, count: 1 },
              executor: new ThreadExecutor(workers, { config: configToJson(config), modules: registry.modules, path: flags.arithmetic }),
              resume: Boolean(flags.resume),
              corpusDir: flags.corpus === false ? null : flags.corpus,
              timeBudgetMs: flags.timeBudget ?? null,
              limits,
              signal,
              progress: io.isTTY ? barProgress(process.stderr) : lineProgress((l) => io.err(l), () => io.now()),
              clock: () => io.now(),
              wallClock: () => new Date(),
              log: (line) => io.err(line + '\n'),
              ...(flags.checkpointEvery ? { checkpointEveryMs: flags.checkpointEvery * 1000 } : {}),
            });
            await writeSweepArtifacts(outDir, summary, registry, reporters);
            io.out(flags.json ? JSON.stringify(summary, null, 2) + '\n' : renderSweep(summary, outDir));
            setExit(exitFor(summary));
          },
          () => lock.release(),
        );
      } finally {
        lock.release();
      }
    });

  program
    .command('merge')
    .argument('<dirs...>', 'output folders of the shards of one sweep')
    .description('combine shard outputs into exactly what one unsharded sweep gives')
    .requiredOption('--out <dir>', 'output folder of the merged sweep')
    .option('--json', 'print summary.json to stdout instead of a table')
    .option('--reporters <list>', `reports written next to summary.json: ${Object.keys(REPORTERS).join(', ')}`, DEFAULT_REPORTERS.join(','))
    .option('--corpus <dir>', 'store the merged minimal counterexamples in this corpus')
    .action(async (dirs: string[], flags: { out: string; json?: boolean; reporters: string; corpus?: string }) => {
      const reporters = parseReporterNames(flags.reporters);
      prepareOutputDir(flags.out);
      if (flags.corpus) prepareOutputDir(flags.corpus, '--corpus');
      const lock = acquireOutputLock(flags.out, 'merge', (line) => io.err(line + '\n'));
      try {
        const summary = mergeSweeps(dirs, registry, flags.out, () => io.now(), new Date().toISOString());
        if (flags.corpus) {
          const corpus = new Corpus(flags.corpus);
          const added = Object.values(summary.conjectures).filter((c) => c.minimal && corpus.add(c.minimal)).length;
          io.err(`corpus ${corpus.dir}: ${added} counterexample(s) added\n`);
        }
        await writeSweepArtifacts(flags.out, summary, registry, reporters);
        io.out(flags.json ? JSON.stringify(summary, null, 2) + '\n' : renderSweep(summary, flags.out));
        setExit(exitFor(summary));
      } finally {
        lock.release();
      }
    });
}

function defaultConfig(registry: Registry): SweepConfig {
  const text = registry.family(DEFAULT_FAMILY).defaultSweep;
  if (!text) throw new Error(`the default family "${DEFAULT_FAMILY}" declares no default sweep`);
  return resolveConfig(Json5Source.parse('(embedded default sweep)', text), registry);
}

export function exitFor(summary: SweepSummary): number {
  if (Object.values(summary.conjectures).some((c) => c.status === 'refuted')) return EXIT.refuted;
  return summary.stopped ? EXIT.incomplete : EXIT.ok;
}

export function renderSweep(s: SweepSummary, outDir: string): string {
  const rows = Object.entries(s.conjectures).map(([id, c]) => {
    const m = c.minimal;
    const where = m ? coordinatesText(m) : '';
    return [
      id,
      c.status.toUpperCase(),
      String(c.statesChecked),
      String(c.statesFailed),
      String(c.statesVacuous),
      where + (m ? (c.certifiedMinimal ? ' (certified minimal)' : ` (${c.minimalSource})`) : ''),
      c.smallestMargin ? marginText(c.smallestMargin.value) : '',
      c.smallestPositiveMargin ? `${marginText(c.smallestPositiveMargin.value)} (t=${c.smallestPositiveMargin.where.t})` : '',
    ];
  });
  const scope = s.shard ? ` — shard ${s.shard.index}/${s.shard.count}` : '';
  const head =
    `sweep ${s.name}${scope}: ${s.grid.cellsDone}/${s.grid.cells} cells, ${s.random.samplesDone}/${s.random.runs} random samples, ` +
    `${s.timing.statesSimulated.toLocaleString('en-US')} states in ${formatDuration(s.timing.wallSeconds * 1000)} ` +
    `(${s.timing.statesPerSecond.toLocaleString('en-US')} states/s)` +
    (s.complete ? '' : `, INCOMPLETE${s.stopped ? ` (${s.stopped})` : ''}`) +
    '\n' +
    (decidingText(s) ? decidingText(s) + '\n' : '');
  const notes = Object.entries(s.conjectures)
    .filter(([, c]) => c.reason)
    .map(([id, c]) => `  ${id}: inconclusive — ${c.reason}`);
  const corpus = s.corpus
    ? `corpus ${s.corpus.dir}: ${s.corpus.replayed} replayed (${s.corpus.stillFailing} still fail` +
      (s.corpus.noLongerFailing.length ? `, ${s.corpus.noLongerFailing.length} NO LONGER FAIL` : '') +
      `), ${s.corpus.added} added\n`
    : '';
  return (
    head +
    table(['conjecture', 'status', 'checked', 'failed', 'vacuous', 'minimal counterexample', 'smallest margin', 'least margin > 0'], rows) +
    (notes.length ? `\n${notes.join('\n')}\n` : '') +
    corpus +
    `\nResults: ${join(outDir, 'summary.json')}; report: ${join(outDir, 'index.html')}\n`
  );
}
