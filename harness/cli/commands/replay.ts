import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import { parseReplayRequest } from '../../search/counterexample.js';
import { replayCounterexample } from '../../search/replay.js';
import { indent } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { positiveInt, positiveSeconds, readJsonArgument } from '../options.js';
import { checkSteps, DEFAULT_LIMITS } from '../../limits.js';

export function registerReplay(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('replay')
    .argument('<counterexample>', 'a counterexample as a JSON file or inline JSON (a whole `check --json` output also works)')
    .description('recompute a counterexample exactly from its parameters, initial state and t, and print the verdict')
    .option('--json', 'print the recomputed verdict as JSON')
    .option('--time-limit <seconds>', 'stop recomputing after this long (default 60); the output then says so and the exit status is 4', positiveSeconds)
    .option('--max-steps <n>', `refuse a t above this (default ${DEFAULT_LIMITS.maxSteps.toLocaleString('en-US')})`, positiveInt)
    .addHelpText('after', '\nExit status: 1 when the counterexample is confirmed (refuted), 0 when it does not fail, 2 on bad input, 4 when the time limit stopped it.')
    .action((arg: string, opts: { json?: boolean; timeLimit?: number; maxSteps?: number }) => {
      const request = parseReplayRequest(readJsonArgument(arg, 'counterexample'), registry);
      checkSteps(request.t, { ...DEFAULT_LIMITS, maxSteps: opts.maxSteps ?? DEFAULT_LIMITS.maxSteps }, '"t"');
      const deadline = io.now() + (opts.timeLimit ?? 60) * 1000;
      const result = replayCounterexample(request, registry, () => io.now() > deadline);
      if (result.status === 'stopped') {
        io.err(`replay stopped: the time limit of ${opts.timeLimit ?? 60} s ran out before t=${result.t} was reached (raise --time-limit)\n`);
        setExit(EXIT.incomplete);
        return;
      }
      if (opts.json) io.out(JSON.stringify(result, null, 2) + '\n');
      else {
        const head =
          result.verdict === 'refuted'
            ? `CONFIRMED: ${result.conjecture} fails at t=${result.t} (exact)`
            : result.status === 'absent'
              ? `NOT CONFIRMED: ${result.conjecture} is not evaluated at t=${result.t} (outside its scope, e.g. no eviction at t)`
              : `NOT CONFIRMED: ${result.conjecture} ${result.status === 'holds' ? 'holds' : `is ${result.status}`} at t=${result.t} (exact)`;
        const lines = [head];
        if (result.margin !== undefined) {
          const match = result.marginMatchesRecord === undefined ? '' : result.marginMatchesRecord ? ' (equals the recorded margin)' : ' (DIFFERS from the recorded margin)';
          lines.push(`margin: ${result.margin}${match}`);
        }
        if (result.case) lines.push(`case: ${result.case}`);
        if (result.note) lines.push(`note: ${result.note}`);
        if (result.witness && Object.keys(result.witness).length) {
          lines.push('witness:', indent(Object.entries(result.witness).map(([k, v]) => `${k} = ${Array.isArray(v) ? JSON.stringify(v) : v}`).join('\n')));
        }
        io.out(lines.join('\n') + '\n');
      }
      setExit(result.verdict === 'refuted' ? EXIT.refuted : EXIT.ok);
    });
}
