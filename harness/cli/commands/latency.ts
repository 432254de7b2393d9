import { writeFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { Rational } from '../../../models/arithmetic/rational.js';
import { InputError } from '../../../models/errors.js';
import { generateSteps, SeededRng, stepsToCsv } from '../../../models/latency/generate.js';
import { thetaFromJson } from '../../../models/latency/params.js';
import { runFit, fitJson } from '../../latency/run-fit.js';
import { runSla, slaJson } from '../../latency/run-sla.js';
import { table } from '../format.js';
import { EXIT, processIO, type CliIO } from '../io.js';
import { nonNegativeInt, positiveInt, readJsonArgument } from '../options.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0.');
  return n;
}
function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0.');
  return n;
}
function lossKind(value: string): 'squared' | 'huber' {
  if (value !== 'squared' && value !== 'huber') throw new InvalidArgumentError('expected squared or huber.');
  return value;
}
function positiveRational(value: string): Rational {
  let r: Rational;
  try {
    r = Rational.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a rational "p/q" or a decimal > 0.');
  }
  if (r.sign() <= 0) throw new InvalidArgumentError('expected a rational > 0.');
  return r;
}

/**
 * `latency fit`, `latency sla` and `latency generate` as a commander group.
 * Registered in main.ts (`conjecture latency …`); `runLatencyCli` runs it
 * alone (tests, scripts).
 */
export function registerLatencyCommands(
  program: Command,
  io: CliIO = processIO,
  setExit: (code: number) => void = (code) => {
    process.exitCode = code;
  },
): Command {
  const group = program.command('latency').description('the step-latency model of seed 003: fit θ to measurements, invert SLAs, generate data');

  group
    .command('fit')
    .argument('<data.csv>', 'step measurements with columns B, S, T (see README for accepted header names), in time order')
    .description('fit θ (SPEC-serving A.7) and report the identifiable coordinates, metrics, diagnostics and optional time-series CV')
    .option('--loss <kind>', 'squared or huber', lossKind, 'squared')
    .option('--delta <ms>', 'Huber threshold δ (ms)', positiveNumber, 1)
    .option('--tcap <ms>', 'drop rows with T > tcap', positiveNumber, 300)
    .option('--tmin <ms>', 'drop rows with T < tmin', nonNegativeNumber, 0)
    .option('--cv-min <m>', 'time-series CV: first training size m', positiveInt)
    .option('--cv-window <w>', 'time-series CV: test window w', positiveInt)
    .option('--out <dir>', 'write fit.json and index.html there')
    .option('--json', 'print fit.json')
    .action(async (csv: string, opts: { loss: 'squared' | 'huber'; delta: number; tcap: number; tmin: number; cvMin?: number; cvWindow?: number; out?: string; json?: boolean }) => {
      if ((opts.cvMin === undefined) !== (opts.cvWindow === undefined)) throw new InputError('INVALID_CV', '--cv-min and --cv-window go together');
      const result = await runFit(csv, {
        fit: { loss: opts.loss === 'huber' ? { kind: 'huber', delta: opts.delta } : { kind: 'squared' }, tcap: opts.tcap, tmin: opts.tmin },
        ...(opts.cvMin !== undefined ? { cv: { minTrain: opts.cvMin, window: opts.cvWindow! } } : {}),
        ...(opts.out ? { out: opts.out } : {}),
      });
      if (opts.json) io.out(JSON.stringify(fitJson(result, csv), null, 2) + '\n');
      else {
        const id = result.identifiable;
        const f = (x: number | null) => (x === null ? '—' : x.toPrecision(6));
        const rows: string[][] = id.decodeOnly
          ? [['{kB,kS}', `{${f(id.kPair[0])}, ${f(id.kPair[1])}}`], ['a0=w0/Pmax', f(id.a0)], ['a1=w1/Pmax', f(id.a1)], ['τ0', f(id.tau0)], ['τB+τS', f(id.tauBS)]]
          : [['kB', f(id.kB)], ['kS', f(id.kS)], ['a0=w0/Pmax', f(id.a0)], ['a1=w1/Pmax', f(id.a1)], ['τ0', f(id.tau0)], ['τB', f(id.tauB)], ['τS', f(id.tauS)]];
        const m = result.metrics;
        io.out(
          `rows kept: ${result.rows.kept} of ${result.rows.total}; objective ${result.objective.toPrecision(8)} (${result.evaluations} evaluations)\n` +
            table(['identifiable coordinate', 'value'], rows) +
            `R² ${f(m.R2)}  RMSE ${f(m.RMSE)} ms  MAE ${f(m.MAE)} ms` +
            (result.cv ? `  CV mean RMSE ${f(result.cv.meanRMSE)} ms (${result.cv.scored}/${result.cv.folds} folds)` : '') +
            '\n' +
            (opts.out ? `wrote ${opts.out}/fit.json and ${opts.out}/index.html\n` : ''),
        );
      }
      setExit(EXIT.ok);
    });

  group
    .command('sla')
    .description('certified SLA inversion (SPEC-serving A.5): S*, S⁺ and every S with T(B,S) ≤ T*')
    .requiredOption('--theta <json or file>', 'θ as JSON (inline or a file; a fit.json works)')
    .requiredOption('--B <n>', 'batch size B', positiveInt)
    .requiredOption('--target <T*>', 'target latency T* (rational or decimal, ms)', positiveRational)
    .option('--physical', 'only S ≥ B')
    .option('--limit <n>', 'most S values examined', positiveInt, 200000)
    .option('--json', 'print JSON')
    .action((opts: { theta: string; B: number; target: Rational; physical?: boolean; limit: number; json?: boolean }) => {
      const theta = thetaFromJson(readJsonArgument(opts.theta, 'θ'));
      const r = runSla(theta, opts.B, opts.target, { physical: Boolean(opts.physical), limit: opts.limit });
      const j = slaJson(theta, r);
      if (opts.json) io.out(JSON.stringify(j, null, 2) + '\n');
      else {
        const sStar = r.sStar.status === 'certified' ? `S* = ${r.sStar.S} (T = ${r.sStar.T.format(12)})` : `S* undecided among ${r.sStar.candidates.join(', ')}: ${r.sStar.note}`;
        const sPlus = r.sPlus.status === 'certified' ? (r.sPlus.S === null ? 'S⁺: none (no S meets the target)' : `S⁺ = ${r.sPlus.S}`) : `S⁺ undecided among ${r.sPlus.candidates.join(', ')}: ${r.sPlus.note}`;
        // Consecutive S with the same status as one row (S with L(S) ≥ T* all miss and are not listed).
        const runs: string[][] = [];
        for (let i = 0; i < r.points.length; ) {
          let j = i;
          while (j + 1 < r.points.length && r.points[j + 1].status === r.points[i].status) j++;
          const a = r.points[i];
          const b = r.points[j];
          runs.push([i === j ? String(a.S) : `${a.S}..${b.S}`, a.status, i === j ? a.T.format(12) : `${a.T.format(8)} … ${b.T.format(8)}`]);
          i = j + 1;
        }
        io.out(
          `B = ${r.B}, T* = ${r.target.toString()} (certified)\n${sStar}\n${sPlus}\n` +
            (runs.length ? table(['S', 'status', 'T(B,S) enclosure'], runs) : 'no S can meet the target (T > L(S) ≥ T* for every S)\n'),
        );
      }
      setExit(EXIT.ok);
    });

  group
    .command('generate')
    .description('write synthetic step measurements from a known θ (seeded, multiplicative log-normal noise) as CSV')
    .requiredOption('--theta <json or file>', 'θ as JSON (inline or a file)')
    .option('--rows <n>', 'number of rows', positiveInt, 300)
    .option('--seed <n>', 'random seed', nonNegativeInt, 1)
    .option('--noise <σ>', 'T·exp(σ·z), z standard normal', nonNegativeNumber, 0.03)
    .option('--B-max <n>', 'largest B', positiveInt, 64)
    .option('--S-max <n>', 'largest S', positiveInt, 4096)
    .option('--out <file>', 'write the CSV there (default: stdout)')
    .action((opts: { theta: string; rows: number; seed: number; noise: number; BMax: number; SMax: number; out?: string }) => {
      const theta = thetaFromJson(readJsonArgument(opts.theta, 'θ'));
      const csv = stepsToCsv(generateSteps(theta, new SeededRng(opts.seed), { rows: opts.rows, noise: opts.noise, Bmax: opts.BMax, Smax: opts.SMax }));
      if (opts.out) writeFileSync(opts.out, csv);
      else io.out(csv);
      setExit(EXIT.ok);
    });
  return group;
}

/** Runs `latency …` alone with the CLI's error contract: exit 2 and one line for bad usage or input. */
export async function runLatencyCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('conjecture').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerLatencyCommands(program, io, (c) => (code = c));
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof InputError) {
      io.err(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}
