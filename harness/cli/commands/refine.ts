import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '../../../conjectures/registry.js';
import { configToJson, configFromJson } from '../../sweep/config.js';
import { ThreadExecutor } from '../../sweep/executor.js';
import { readState, writeJsonAtomic } from '../../sweep/state.js';
import { refine, type RefineReport } from '../../regions/refine.js';
import { withInterrupts } from '../interrupts.js';
import { abbreviate, table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { nonNegativeInt, positiveInt } from '../options.js';
import { writeFileSync } from 'node:fs';
import { InputError } from '../../../models/errors.js';

interface RefineFlags {
  conjecture?: string;
  top: number;
  extend: number;
  random: number;
  seed: number;
  out?: string;
  workers?: number;
  json?: boolean;
}

export function registerRefine(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('refine')
    .argument('<sweep-dir>', 'a sweep output folder (a whole or merged sweep)')
    .description('mine the conditions under which a refuted conjecture held in a sweep, check them afresh, write the survivors as claims')
    .option('--conjecture <id>', 'refine only this conjecture (default: every one the sweep refuted)')
    .option('--top <n>', 'refinements reported (and checked afresh) per conjecture', positiveInt, 5)
    .option('--extend <n>', 'values added beyond each end of every integer parameter for the fresh grid', nonNegativeInt, 1)
    .option('--random <n>', 'random samples per refinement, on its claim\'s domain', nonNegativeInt, 100)
    .option('--seed <n>', 'seed of the random samples', (v) => Number.parseInt(v, 10), 1)
    .option('--out <file>', 'claims file of the surviving refinements (default <sweep-dir>/refined-claims.json5)')
    .option('--workers <n>', `worker threads of the fresh checks (default ${availableParallelism()})`, positiveInt)
    .option('--json', 'print the report (refine.json) to stdout')
    .addHelpText(
      'after',
      '\nConditions are conjunctions of up to 3 atoms over the family\'s exact features: x >= c, x <= c, x = c\n' +
        '(e.g. gcd = 1, stable = true, init = canonical, x >= 8). Writes <sweep-dir>/refine.json, the fresh sweeps\n' +
        'under <sweep-dir>/refine/, and the claims file that `conjecture gate` runs unchanged.\n' +
        'Exit status: 0 at least one refinement survived (or nothing was refuted), 1 none survived, 2 bad usage or input.',
    )
    .action(async (dir: string, flags: RefineFlags) => {
      const state = readState(dir);
      if (!state) throw new InputError('NOT_A_SWEEP', `${dir} holds no sweep (state.json is missing)`);
      const config = configFromJson(state.config, registry);
      const workers = flags.workers ?? availableParallelism();
      await withInterrupts(io, 'after the batches in flight', async (signal) => {
        const report = await refine({
          dir,
          registry,
          conjecture: flags.conjecture,
          top: flags.top,
          extend: flags.extend,
          random: flags.random,
          seed: flags.seed,
          maxDenominator: config.random.maxDenominator,
          executor: (c) => new ThreadExecutor(workers, { config: configToJson(c), modules: registry.modules }),
          clock: () => io.now(),
          wallClock: () => new Date(),
          signal,
          log: (line) => io.err(line + '\n'),
        });
        writeJsonAtomic(join(dir, 'refine.json'), report);
        const claimsFile = flags.out ?? join(dir, 'refined-claims.json5');
        const survivors = Object.values(report.conjectures).flatMap((c) => c.refinements.filter((r) => r.fresh.status === 'survived'));
        if (survivors.length) writeFileSync(claimsFile, claimsText(report, survivors.map((r) => r.claim)));
        io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : renderRefine(report, survivors.length ? claimsFile : null));
        const anyRefuted = Object.values(report.conjectures).some((c) => c.status !== 'not refuted');
        setExit(!anyRefuted || survivors.length ? EXIT.ok : EXIT.refuted);
      });
    });
}

function claimsText(report: RefineReport, claims: unknown[]): string {
  return (
    `// Refined claims mined by \`conjecture refine\` from the sweep in ${report.sweep} (config ${report.configHash}),\n` +
    '// each checked afresh on a larger grid and random samples before it was written. Run: conjecture gate <this file>\n' +
    JSON.stringify({ claims }, null, 2) +
    '\n'
  );
}

export function renderRefine(report: RefineReport, claimsFile: string | null): string {
  const lines: string[] = [];
  for (const [id, c] of Object.entries(report.conjectures)) {
    if (c.status === 'not refuted') continue;
    lines.push(`${id}: ${c.status === 'none found' ? 'no condition of the language avoids every failing cell' : `${c.refinements.length} refinement(s)`}`);
    if (!c.refinements.length) continue;
    const rows = c.refinements.map((r) => [
      r.condition.join(' and '),
      String(r.covered),
      `${r.fresh.gridCells} (${r.fresh.newCells} new) + ${r.fresh.randomSamples} random`,
      r.fresh.status.toUpperCase() + (r.fresh.reason ? ` (${r.fresh.reason})` : ''),
      r.fresh.counterexample ? abbreviate(`${JSON.stringify(r.fresh.counterexample.params)} ${JSON.stringify(r.fresh.counterexample.init)} t=${r.fresh.counterexample.t}`, 90) : '',
    ]);
    lines.push(table(['holds where', 'cells covered', 'checked afresh', 'fresh check', 'counterexample'], rows));
  }
  if (!lines.length) lines.push('nothing was refuted: nothing to refine');
  lines.push(claimsFile ? `\nSurviving refinements as claims: ${claimsFile} (run: conjecture gate ${claimsFile})` : '\nNo refinement survived: no claims file written.');
  return lines.join('\n') + '\n';
}
