import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import { writeReports, REPORTERS } from '../../../reports/index.js';
import { explainCounterexample, loadReportInput, parseReporterNames } from '../../explain/artifacts.js';
import { parseReplayRequest, replayCommand, type CounterexampleJson } from '../../search/counterexample.js';
import { EXIT, type CliIO } from '../io.js';
import { positiveInt, readJsonArgument } from '../options.js';
import { checkSteps, DEFAULT_LIMITS } from '../../limits.js';

import { prepareOutputDir } from '../../io/output-dir.js';

/** A page records the whole run as doubles: longer runs are refused unless --max-steps raises this. */
const EXPLAIN_MAX_STEPS = 10_000;

export function registerReport(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('report')
    .argument('<dir>', 'a sweep output folder (holding summary.json and records/)')
    .description('regenerate the reports of a sweep from its saved results, without re-running anything')
    .option('--reporters <list>', `comma-separated: ${Object.keys(REPORTERS).join(', ')}`, 'markdown,html,junit')
    .action(async (dir: string, flags: { reporters: string }) => {
      const names = parseReporterNames(flags.reporters);
      const input = loadReportInput(dir, registry);
      prepareOutputDir(dir, 'report folder');
      const written = await writeReports(dir, input, names);
      io.out(`wrote ${written.length} file(s):\n${written.map((p) => `  ${p}`).join('\n')}\n`);
      setExit(EXIT.ok);
    });

  program
    .command('explain')
    .argument('<counterexample>', 'a counterexample as a JSON file or inline JSON (a whole `check --json` output also works)')
    .description('render a counterexample page (charts, exact witness), trajectory.csv and the config it ran')
    .requiredOption('--out <dir>', 'output folder')
    .option('--max-steps <n>', `refuse a t above this (default ${EXPLAIN_MAX_STEPS.toLocaleString('en-US')}: the page records every step of the run)`, positiveInt)
    .action(async (arg: string, flags: { out: string; maxSteps?: number }) => {
      const json = readJsonArgument(arg, 'counterexample') as Record<string, unknown>;
      const request = parseReplayRequest(json, registry);
      checkSteps(request.t, { ...DEFAULT_LIMITS, maxSteps: flags.maxSteps ?? EXPLAIN_MAX_STEPS }, '"t"');
      const family = registry.familyOf(registry.get(request.conjecture));
      prepareOutputDir(flags.out);
      const given = (typeof json.counterexample === 'object' && json.counterexample !== null ? json.counterexample : json) as Partial<CounterexampleJson>;
      // A hand-written counterexample may hold only what replay needs; fill in the rest.
      const base = {
        conjecture: request.conjecture,
        options: request.options,
        params: family.paramsToJson(request.candidate.params),
        init: family.initToJson(request.candidate.init),
        t: request.t,
      };
      const complete: CounterexampleJson = {
        ...given,
        ...base,
        witness: given.witness ?? {},
        locallyMinimal: given.locallyMinimal ?? false,
        replay: given.replay ?? replayCommand(base),
      };
      const written = await explainCounterexample(complete, registry, flags.out);
      io.out(`wrote ${written.length} file(s):\n${written.map((p) => `  ${p}`).join('\n')}\n`);
      setExit(EXIT.ok);
    });
}
