import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import { writeReports, REPORTERS } from '../../../reports/index.js';
import { explainCounterexample, loadReportInput, parseReporterNames } from '../../explain/artifacts.js';
import { parseReplayRequest, replayCommand, type CounterexampleJson } from '../../search/counterexample.js';
import { EXIT, type CliIO } from '../io.js';
import { readJsonArgument } from '../options.js';

export function registerReport(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('report')
    .argument('<dir>', 'a sweep output folder (holding summary.json and records/)')
    .description('regenerate the reports of a sweep from its saved results, without re-running anything')
    .option('--reporters <list>', `comma-separated: ${Object.keys(REPORTERS).join(', ')}`, 'markdown,html,junit')
    .action(async (dir: string, flags: { reporters: string }) => {
      const names = parseReporterNames(flags.reporters);
      const written = await writeReports(dir, loadReportInput(dir, registry), names);
      io.out(`wrote ${written.length} file(s):\n${written.map((p) => `  ${p}`).join('\n')}\n`);
      setExit(EXIT.ok);
    });

  program
    .command('explain')
    .argument('<counterexample>', 'a counterexample as a JSON file or inline JSON (a whole `check --json` output also works)')
    .description('render a counterexample page (charts, exact witness), trajectory.csv and the config it ran')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (arg: string, flags: { out: string }) => {
      const json = readJsonArgument(arg, 'counterexample') as Record<string, unknown>;
      const request = parseReplayRequest(json, registry);
      const family = registry.familyOf(registry.get(request.conjecture));
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
