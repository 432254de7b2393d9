import { join } from 'node:path';
import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import type { Conjecture } from '../../../conjectures/types.js';
import type { TieRule } from '../../../conjectures/support/tie-rule.js';
import { DEFAULT_DECIMAL_PRECISION, type ArithmeticChoice } from '../../../models/arithmetic/index.js';
import {
  DEFAULT_BOUNDS,
  parseInitKinds,
  parseIntRange,
  parseRationalRange,
  validateBounds,
  type SearchBounds,
} from '../../search/bounds.js';
import { runCheck, type CheckReport } from '../../search/check.js';
import { coordinatesText, indent, initText, marginText, paramsText, seconds, table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { explainCounterexample } from '../../explain/artifacts.js';
import { writeJsonAtomic } from '../../sweep/state.js';
import { prepareOutputDir } from '../../io/output-dir.js';
import { arithmeticId, nonNegativeInt, positiveInt, positiveSeconds, tieRule } from '../options.js';

/** Default budget of `check <id>`: finishes within about a minute on 2 cores. */
export const CHECK_DEFAULTS = { runs: 3000, steps: 60, timeLimit: 50, seed: 1 } as const;
/** Default budget per conjecture of `check` without an id (the quick-start job). */
export const CHECK_ALL_DEFAULTS = { runs: 150, steps: 60, timeLimit: 8, seed: 1 } as const;

interface CheckFlags {
  json?: boolean;
  seed?: number;
  runs?: number;
  steps?: number;
  timeLimit?: number;
  tie: TieRule;
  arithmetic: ArithmeticChoice['id'];
  precision?: number;
  l0?: string;
  lA?: string;
  lB?: string;
  B?: string;
  lambdaA?: string;
  lambdaB?: string;
  BMaxDenominator?: number;
  lambdaMaxDenominator?: number;
  init?: string;
  lattice?: number;
  report?: string;
}

/** check.json, and a counterexample page per refuted conjecture (in <dir>/<id>/ when several). */
async function writeCheckReports(dir: string, reports: CheckReport[], registry: Registry): Promise<void> {
  writeJsonAtomic(join(dir, 'check.json'), reports.length === 1 ? reports[0] : { conjectures: reports });
  for (const r of reports) {
    if (r.counterexample) await explainCounterexample(r.counterexample, registry, reports.length === 1 ? dir : join(dir, r.conjecture));
  }
}

export function registerCheck(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('check')
    .argument('[id]', 'conjecture id (see `conjecture list`); omit it to check every conjecture at a small budget')
    .description('search parameters and initial states for a counterexample, decide it exactly and shrink it to a minimal one')
    .option('--json', 'print one JSON object (the output contract in the README)')
    .option('--seed <n>', `random seed (default ${CHECK_DEFAULTS.seed})`, nonNegativeInt)
    .option('--runs <n>', `random candidates (default ${CHECK_DEFAULTS.runs}; ${CHECK_ALL_DEFAULTS.runs} per conjecture without an id)`, positiveInt)
    .option('--steps <n>', `steps per trajectory, t = 0..n (default ${CHECK_DEFAULTS.steps})`, positiveInt)
    .option('--time-limit <seconds>', `stop searching after this long (default ${CHECK_DEFAULTS.timeLimit}; ${CHECK_ALL_DEFAULTS.timeLimit} per conjecture without an id)`, positiveSeconds)
    .option('--tie <rule>', 'ties in argmax/argmin: all | any | first', tieRule, 'all')
    .option('--arithmetic <id>', 'screening arithmetic: exact | decimal | float64 (failures are always confirmed exactly)', arithmeticId, 'exact')
    .option('--precision <digits>', `significant digits of the decimal backend (default ${DEFAULT_DECIMAL_PRECISION})`, positiveInt)
    .option('--l0 <range>', 'prefill length, e.g. 1..40')
    .option('--lA <range>', 'decode steps of type A, e.g. 1..11')
    .option('--lB <range>', 'decode steps of type B, e.g. 2..12 (combinations with lA ≥ lB are skipped)')
    .option('--B <range>', 'token budget, rationals, e.g. 1..1000 or 60')
    .option('--lambdaA <range>', 'arrival rate of A, rationals, e.g. 1/4..4')
    .option('--lambdaB <range>', 'arrival rate of B, rationals, e.g. 1/4..4')
    .option('--B-max-denominator <n>', `largest denominator of B (default ${DEFAULT_BOUNDS.B.maxDenominator})`, positiveInt)
    .option('--lambda-max-denominator <n>', `largest denominator of the rates (default ${DEFAULT_BOUNDS.lambdaA.maxDenominator})`, positiveInt)
    .option('--init <kinds>', 'initial states: canonical,balanced,unbalanced,per-type (comma-separated)')
    .option('--lattice <n>', `largest coordinate sum of lattice initial states (default ${DEFAULT_BOUNDS.latticeMax})`, positiveInt)
    .option('--report <dir>', 'also write check.json and, when refuted, the counterexample page (as `explain`) to this folder')
    .addHelpText(
      'after',
      '\nExit status: 0 unrefuted, 1 refuted, 2 bad usage or input, 3 internal error.\n' +
        'Only exact arithmetic decides; decimal/float64 only screen candidates faster.',
    )
    .action(async (id: string | undefined, flags: CheckFlags) => {
      const bounds = boundsFromFlags(flags);
      const arithmetic: ArithmeticChoice = { id: flags.arithmetic, ...(flags.precision ? { precision: flags.precision } : {}) };
      const defaults = id ? CHECK_DEFAULTS : CHECK_ALL_DEFAULTS;
      const conjectures = id ? [registry.get(id)] : registry.list();
      if (flags.report) prepareOutputDir(flags.report, '--report');
      const started = io.now();
      const reports = conjectures.map((conjecture) => {
        const t0 = io.now();
        const report = runCheck({
          conjecture,
          options: { tie: flags.tie },
          bounds,
          steps: flags.steps ?? defaults.steps,
          runs: flags.runs ?? defaults.runs,
          seed: flags.seed ?? defaults.seed,
          arithmetic,
          timeLimitMs: (flags.timeLimit ?? defaults.timeLimit) * 1000,
          clock: () => io.now(),
        });
        return { conjecture, report, ms: io.now() - t0 };
      });
      if (flags.report) await writeCheckReports(flags.report, reports.map((r) => r.report), registry);
      if (flags.json) {
        io.out(JSON.stringify(id ? reports[0].report : { conjectures: reports.map((r) => r.report) }, null, 2) + '\n');
      } else if (id) {
        io.out(renderReport(reports[0].conjecture, reports[0].report, reports[0].ms));
      } else {
        io.out(renderTable(reports, io.now() - started));
      }
      setExit(reports.some((r) => r.report.verdict === 'refuted') ? EXIT.refuted : EXIT.ok);
    });
}

function boundsFromFlags(f: CheckFlags): SearchBounds {
  const d = DEFAULT_BOUNDS;
  const lambdaDen = f.lambdaMaxDenominator ?? d.lambdaA.maxDenominator;
  const BDen = f.BMaxDenominator ?? d.B.maxDenominator;
  return validateBounds({
    l0: f.l0 ? parseIntRange('--l0', f.l0, 1) : d.l0,
    lA: f.lA ? parseIntRange('--lA', f.lA, 1) : d.lA,
    lB: f.lB ? parseIntRange('--lB', f.lB, 2) : d.lB,
    B: f.B ? parseRationalRange('--B', f.B, BDen) : { ...d.B, maxDenominator: BDen },
    lambdaA: f.lambdaA ? parseRationalRange('--lambdaA', f.lambdaA, lambdaDen) : { ...d.lambdaA, maxDenominator: lambdaDen },
    lambdaB: f.lambdaB ? parseRationalRange('--lambdaB', f.lambdaB, lambdaDen) : { ...d.lambdaB, maxDenominator: lambdaDen },
    inits: f.init ? parseInitKinds(f.init) : d.inits,
    latticeMax: f.lattice ?? d.latticeMax,
  });
}

function renderReport(c: Conjecture, r: CheckReport, ms: number): string {
  const lines = [
    `${c.id}: ${c.statement}   [seed ${c.source}]`,
    `verdict:  ${r.verdict.toUpperCase()}  (${r.arithmetic === 'exact' ? 'decided with exact rationals' : `screened with ${r.arithmetic}, decided exactly`})`,
    `searched: ${r.searched.trajectories} trajectories, ${r.searched.states} states ` +
      `(${r.searched.vacuous} vacuous, ${r.searched.undecided} undecided), seed ${r.seed}, ${r.steps} steps, ${seconds(ms)}` +
      (r.complete ? '' : '  — TIME LIMIT REACHED, search incomplete'),
  ];
  if (r.searched.states > 0 && r.searched.vacuous === r.searched.states) {
    lines.push(`warning:  every state was vacuous (${c.preconditions.map((p) => p.text).join(', ')} never held): nothing was tested`);
  }
  const ce = r.counterexample;
  if (ce) {
    lines.push(
      `counterexample (${ce.locallyMinimal ? 'locally minimal: no smaller neighbour fails' : 'NOT shown locally minimal (time limit)'}; ${r.minimality?.neighboursChecked ?? 0} neighbours checked):`,
      `  params:  ${paramsText(ce.params)}`,
      `  init:    ${initText(ce.init)}`,
      `  t:       ${ce.t}`,
      ...(ce.margin !== undefined ? [`  margin:  ${ce.margin}${marginText(ce.margin) === ce.margin ? '' : ` (${marginText(ce.margin)})`}   [${c.margin}]`] : []),
      ...(ce.case ? [`  case:    ${ce.case}${ce.tie ? ' (ties in argmax/argmin)' : ''}`] : []),
      ...(ce.note ? [`  note:    ${ce.note}`] : []),
      '  witness:',
      indent(
        Object.entries(ce.witness)
          .map(([k, v]) => `${k} = ${Array.isArray(v) ? JSON.stringify(v) : v}`)
          .join('\n'),
        '    ',
      ),
      `  replay:  ${ce.replay}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function renderTable(rows: { conjecture: Conjecture; report: CheckReport; ms: number }[], totalMs: number): string {
  const body = rows.map(({ conjecture, report, ms }) => {
    const ce = report.counterexample;
    const where = ce ? coordinatesText(ce) : '';
    const verdict = report.verdict === 'refuted' ? 'REFUTED' : report.searched.vacuous === report.searched.states ? 'unrefuted (all vacuous)' : 'unrefuted';
    return [
      conjecture.id,
      verdict + (report.complete ? '' : '*'),
      ce?.margin ? marginText(ce.margin) : '',
      where,
      String(report.searched.states),
      String(report.searched.vacuous),
      seconds(ms),
    ];
  });
  const refuted = rows.filter((r) => r.report.verdict === 'refuted').length;
  return (
    table(['conjecture', 'verdict', 'margin', 'minimal counterexample', 'states', 'vacuous', 'time'], body) +
    `\n${refuted} of ${rows.length} refuted, exactly, in ${seconds(totalMs)}.` +
    (rows.some((r) => !r.report.complete) ? ' * = time limit reached.' : '') +
    '\nDetails and replay commands: `npx conjecture check <id>`.\n'
  );
}
