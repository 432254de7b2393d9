import { join } from 'node:path';
import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import type { Conjecture } from '../../../conjectures/types.js';
import type { TieRule } from '../../../conjectures/support/tie-rule.js';
import { DEFAULT_DECIMAL_PRECISION, type ArithmeticChoice } from '../../../models/arithmetic/index.js';
import { availableParallelism } from 'node:os';
import { runCheckInWorkers, type Certification, type CheckReport } from '../../search/check.js';
import { ClassWorkers } from '../../search/class-workers.js';
import type { JsonValue } from '../../../models/family.js';
import { coordinatesText, indent, initText, marginText, paramsText, seconds, table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';
import { explainCounterexample } from '../../explain/artifacts.js';
import { writeJsonAtomic } from '../../sweep/state.js';
import { prepareOutputDir } from '../../io/output-dir.js';
import { arithmeticId, MAX_WORKERS, nonNegativeInt, positiveInt, positiveSeconds, tieRule, workerCount } from '../options.js';
import { checkSteps, DEFAULT_LIMITS } from '../../limits.js';

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
  report?: string;
  maxSteps?: number;
  workers?: number;
  /** False with --no-certify. */
  certify: boolean;
  /** The families' own flags (parameter ranges, initial states). */
  [family: string]: unknown;
}

/** check.json, and a counterexample page per refuted conjecture (in <dir>/<id>/ when several). */
async function writeCheckReports(dir: string, reports: CheckReport[], registry: Registry): Promise<void> {
  writeJsonAtomic(join(dir, 'check.json'), reports.length === 1 ? reports[0] : { conjectures: reports });
  for (const r of reports) {
    if (r.counterexample) await explainCounterexample(r.counterexample, registry, reports.length === 1 ? dir : join(dir, r.conjecture));
  }
}

export function registerCheck(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  const command = program
    .command('check')
    .argument('[id]', 'conjecture id (see `conjecture list`); omit it to check every conjecture at a small budget')
    .description('search parameters and initial states for a counterexample, decide it exactly and shrink it to a minimal one')
    .option('--json', 'print one JSON object (the output contract in the README)')
    .option('--seed <n>', `random seed (default ${CHECK_DEFAULTS.seed})`, nonNegativeInt)
    .option('--runs <n>', `random candidates (default ${CHECK_DEFAULTS.runs}; ${CHECK_ALL_DEFAULTS.runs} per conjecture without an id)`, positiveInt)
    .option('--steps <n>', `steps per trajectory, t = 0..n (default ${CHECK_DEFAULTS.steps})`, positiveInt)
    .option('--time-limit <seconds>', `stop searching after this long (default ${CHECK_DEFAULTS.timeLimit}; ${CHECK_ALL_DEFAULTS.timeLimit} per conjecture without an id)`, positiveSeconds)
    .option('--tie <rule>', 'ties in argmax/argmin: all | any | first', tieRule, 'all')
    .option(
      '--arithmetic <id>',
      'filtered (certified double enclosures, exact fallback) | exact (exact rationals only) | decimal | float64 (screen candidates only; failures are always confirmed exactly)',
      arithmeticId,
      'filtered',
    )
    .option('--precision <digits>', `significant digits of the decimal backend (default ${DEFAULT_DECIMAL_PRECISION})`, positiveInt)
    .option('--max-steps <n>', `refuse --steps above this (default ${DEFAULT_LIMITS.maxSteps.toLocaleString('en-US')})`, positiveInt)
    .option('--workers <n>', `worker threads that list classes when certifying, 1 to ${MAX_WORKERS} (default: the number of cores, here ${availableParallelism()})`, workerCount(1))
    .option('--no-certify', 'skip deciding every class below the counterexample (or of the bounds) after the search')
    .option('--report <dir>', 'also write check.json and, when refuted, the counterexample page (as `explain`) to this folder')
    .addHelpText(
      'after',
      '\nExit status: 0 unrefuted, 1 refuted, 2 bad usage or input, 3 internal error, 4 unrefuted but the time limit cut the search or the certification short.\n' +
        'Verdicts are decided exactly: filtered and exact give the same results; decimal/float64 only screen candidates faster.',
    )
  addFamilyFlags(command, registry);
  command.action(async (id: string | undefined, flags: CheckFlags) => {
      const arithmetic: ArithmeticChoice = { id: flags.arithmetic, ...(flags.precision ? { precision: flags.precision } : {}) };
      const defaults = id ? CHECK_DEFAULTS : CHECK_ALL_DEFAULTS;
      const conjectures = id ? [registry.get(id)] : registry.list();
      checkSteps(flags.steps ?? defaults.steps, { ...DEFAULT_LIMITS, maxSteps: flags.maxSteps ?? DEFAULT_LIMITS.maxSteps });
      // Each family reads its own flags; bad values are reported before any work.
      const bounds = new Map(conjectures.map((c) => registry.familyOf(c)).map((f) => [f, f.search.fromFlags(flags)]));
      if (flags.report) prepareOutputDir(flags.report, '--report');
      const started = io.now();
      const workers = new ClassWorkers(flags.workers ?? Math.min(MAX_WORKERS, availableParallelism()), { modules: registry.modules });
      const reports: { conjecture: Conjecture; report: CheckReport; ms: number }[] = [];
      try {
        for (const conjecture of conjectures) {
          const t0 = io.now();
          const family = registry.familyOf(conjecture);
          const report = await runCheckInWorkers(
            {
              conjecture,
              family,
              options: { tie: flags.tie },
              bounds: bounds.get(family),
              steps: flags.steps ?? defaults.steps,
              runs: flags.runs ?? defaults.runs,
              seed: flags.seed ?? defaults.seed,
              arithmetic,
              timeLimitMs: (flags.timeLimit ?? defaults.timeLimit) * 1000,
              clock: () => io.now(),
              certify: flags.certify,
            },
            workers,
          );
          reports.push({ conjecture, report, ms: io.now() - t0 });
        }
      } finally {
        await workers.close();
      }
      if (flags.report) await writeCheckReports(flags.report, reports.map((r) => r.report), registry);
      if (flags.json) {
        io.out(JSON.stringify(id ? reports[0].report : { conjectures: reports.map((r) => r.report) }, null, 2) + '\n');
      } else if (id) {
        io.out(renderReport(reports[0].conjecture, reports[0].report, reports[0].ms));
      } else {
        io.out(renderTable(reports, io.now() - started));
      }
      const refuted = reports.some((r) => r.report.verdict === 'refuted');
      setExit(refuted ? EXIT.refuted : reports.some((r) => !r.report.complete) ? EXIT.incomplete : EXIT.ok);
    });
}

/** Every family's `check` flags, each flag once (families of one domain share theirs). */
function addFamilyFlags(command: Command, registry: Registry): void {
  const seen = new Set<string>();
  for (const family of registry.familyList()) {
    for (const f of family.search.flags) {
      const name = f.flag.split(/\s/)[0];
      if (seen.has(name)) continue;
      seen.add(name);
      // Integers given to --*-denominator and --lattice arrive parsed; ranges stay text for the family.
      if (/<n>$/.test(f.flag)) command.option(f.flag, f.description, positiveInt);
      else command.option(f.flag, f.description);
    }
  }
}

function renderReport(c: Conjecture, r: CheckReport, ms: number): string {
  const lines = [
    `${c.id}: ${c.statement}   [seed ${c.source}]`,
    `verdict:  ${r.verdict.toUpperCase()}  (${r.arithmetic === 'exact' || r.arithmetic === 'filtered' ? 'decided exactly: exact rationals, or certified enclosures that prove it' : `screened with ${r.arithmetic}, decided exactly`})`,
    `searched: ${plural(r.searched.trajectories, 'trajectory', 'trajectories')}, ${plural(r.searched.states, 'state', 'states')} ` +
      `(${count(r.searched.vacuous)} vacuous, ${count(r.searched.undecided)} undecided), seed ${r.seed}, ${r.steps} steps, ${seconds(ms)}` +
      (r.complete ? '' : r.certification ? '  — TIME LIMIT REACHED before every class was decided (see certify:)' : '  — TIME LIMIT REACHED, search incomplete'),
  ];
  const d = r.deciding;
  if (d.path === 'filtered' && d.cells > 0) {
    const total = d.verdicts.screened + d.verdicts.exact;
    lines.push(
      `deciding: ${total > 0 ? ((100 * d.verdicts.screened) / total).toFixed(1) : '0'}% of verdicts by certified screening; ` +
        `${d.cells - d.cellsScreened} of ${d.cells} trajectories decided again exactly (branch ${d.fallbacks.branch}, tie ${d.fallbacks.tie}, bound ${d.fallbacks.bound}, error ${d.fallbacks.error ?? 0}, exact values ${d.fallbacks.exactValues})`,
    );
  }
  if (r.certification) lines.push(...certificationText(r.certification, r.counterexample !== undefined));
  if (r.searched.states > 0 && r.searched.vacuous === r.searched.states) {
    lines.push(`warning:  every state was vacuous (${c.preconditions.map((p) => p.text).join(', ')} never held): nothing was tested`);
  }
  const ce = r.counterexample;
  if (ce) {
    lines.push(
      ce.certifiedMinimal
        ? 'counterexample (CERTIFIED MINIMAL: every smaller candidate of the bounds holds):'
        : `counterexample (${ce.locallyMinimal ? 'locally minimal: no smaller neighbour fails' : 'NOT shown locally minimal (time limit)'}; ${r.minimality?.neighboursChecked ?? 0} neighbours checked; not certified):`,
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

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** Share of the classes in scope decided (below 0.1%: "<0.1%"). */
function percent(c: Certification): string {
  if (c.inScope === null || c.inScope === 0) return `${count(c.decided)}`;
  const share = (100 * c.decided) / c.inScope;
  return share < 0.1 ? '<0.1%' : `${share.toFixed(1)}%`;
}

/** What the certification decided, and how far it got when the time limit stopped it. */
function certificationText(c: Certification, refuted: boolean): string[] {
  const noun = c.decided === 1 ? 'class' : 'classes';
  const scope = refuted ? `${noun} below the counterexample` : `${noun} of the bounds`;
  const inScope = c.inScope === null ? '' : ` of ${count(c.inScope)}`;
  const all = c.decided === 0 ? 'it is the least class of the bounds' : `all ${count(c.decided)} ${scope} hold`;
  const head = c.certified
    ? refuted
      ? `CERTIFIED MINIMAL within the bounds: ${all}`
      : `CERTIFIED for the bounds: ${all}`
    : `not certified: ${count(c.decided)}${inScope} ${scope} decided before the time limit` +
      (c.reached ? ` (up to ${paramsText(c.reached.params as Record<string, JsonValue>)}, ${initText(c.reached.init)})` : '');
  const inBounds = c.classes === null ? `more than ${count(Number.MAX_SAFE_INTEGER)}` : count(c.classes);
  const classes = c.invariances.length
    ? `${inBounds} in the bounds; candidates equal up to ${c.invariances.map((i) => i.id).join(' and ')} are decided once (the conjecture declares them, the family's tests prove them)`
    : `${inBounds} in the bounds, one candidate each (the conjecture declares no invariance)`;
  return [`certify:  ${head}`, `classes:  ${classes}${c.when === 'listed' ? ', few enough to list outright' : ''}`];
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
      report.certification ? (report.certification.certified ? 'yes' : `${percent(report.certification)} decided`) : '—',
      String(report.searched.states),
      String(report.searched.vacuous),
      seconds(ms),
    ];
  });
  const refuted = rows.filter((r) => r.report.verdict === 'refuted').length;
  return (
    table(['conjecture', 'verdict', 'margin', 'minimal counterexample', 'certified', 'states', 'vacuous', 'time'], body) +
    `\n${refuted} of ${rows.length} refuted, exactly, in ${seconds(totalMs)}.` +
    (rows.some((r) => !r.report.complete) ? ' * = time limit reached.' : '') +
    '\nDetails and replay commands: `npx conjecture check <id>`.\n'
  );
}
