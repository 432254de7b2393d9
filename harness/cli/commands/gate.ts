import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '../../../conjectures/registry.js';
import { loadClaimsFile } from '../../gate/claims.js';
import { runGate, type GateResult } from '../../gate/gate.js';
import { table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { withInterrupts } from '../interrupts.js';
import { MAX_WORKERS, workerCount, decidingPath, DECIDING_PATH_HELP } from '../options.js';
import type { DecidingPath } from '../../schema.js';
import { prepareOutputDir } from '../../io/output-dir.js';
import { DEFAULT_CORPUS_DIR } from './sweep.js';

export function registerGate(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('gate')
    .argument('<claims>', 'a JSON5 claims file (schema in the README)')
    .description('check every claim through the sweep engine and fail unless each expectation (holds / refuted / open) is met')
    .option('--out <dir>', 'output folder: gate reports and one folder per claim', join('out', 'gate'))
    .option('--workers <n>', `worker threads shared among the claims, 0 to ${MAX_WORKERS} (default ${availableParallelism()}; 0 = this thread)`, workerCount(0))
    .option('--corpus <dir>', `counterexample corpus, replayed first and extended (default ${DEFAULT_CORPUS_DIR})`, DEFAULT_CORPUS_DIR)
    .option('--no-corpus', 'neither replay nor store counterexamples')
    .option('--json', 'print gate.json instead of a table')
    .option('--arithmetic <path>', DECIDING_PATH_HELP, decidingPath, 'filtered')
    .addHelpText('after', '\nExit status: 0 when every expectation is met, 1 otherwise, 2 bad usage or input, 4 interrupted (SIGINT/SIGTERM) before every claim was decided.')
    .action(async (file: string, flags: { out: string; workers?: number; corpus: string | false; json?: boolean; arithmetic: DecidingPath }) => {
      const claims = loadClaimsFile(file, registry);
      prepareOutputDir(flags.out);
      if (flags.corpus !== false) prepareOutputDir(flags.corpus, '--corpus');
      let interrupted = false;
      const result = await withInterrupts(io, 'the claims in flight', (signal) => {
        signal.addEventListener('abort', () => (interrupted = true));
        return runGate(claims, {
        signal,
        registry,
        outDir: flags.out,
        workers: flags.workers ?? Math.min(MAX_WORKERS, availableParallelism()),
        corpusDir: flags.corpus === false ? null : flags.corpus,
        path: flags.arithmetic,
        clock: () => io.now(),
        wallClock: () => new Date(),
        log: (line) => io.err(line + '\n'),
        });
      });
      io.out(flags.json ? JSON.stringify({ ...result, results: result.results.map(({ summary: _s, ...r }) => r) }, null, 2) + '\n' : renderGate(result, flags.out));
      setExit(result.passed ? EXIT.ok : interrupted ? EXIT.incomplete : EXIT.refuted);
    });
}

function renderGate(r: GateResult, outDir: string): string {
  const rows = r.results.map((c) => [c.met ? 'ok' : 'FAIL', c.name, c.conjecture, c.expect, c.status, c.verdict]);
  const failures = r.results
    .filter((c) => !c.met)
    .map((c) => `\n✗ ${c.name}: ${c.verdict}${c.minimal ? `\n  minimal counterexample: ${JSON.stringify({ params: c.minimal.params, init: c.minimal.init, t: c.minimal.t, margin: c.minimal.margin })}\n  replay: ${c.minimal.replay}` : ''}\n  report: ${join(c.dir, 'index.html')}`);
  return (
    table(['', 'claim', 'conjecture', 'expected', 'found', 'verdict'], rows) +
    failures.join('\n') +
    `\n\ngate ${r.passed ? 'PASSED' : 'FAILED'}: ${r.results.filter((c) => c.met).length} of ${r.results.length} claims met in ${r.seconds.toFixed(1)} s. Reports: ${join(outDir, 'index.html')}, ${join(outDir, 'summary.md')}, ${join(outDir, 'junit.xml')}\n`
  );
}
