import { Command, InvalidArgumentError, Option } from 'commander';
import { Rational } from '../../../models/arithmetic/rational.js';
import { InputError } from '../../../models/errors.js';
import { parseLengthDistribution, validateGeneratorSpec, type ArrivalKind, type GeneratorSpec } from '../../../models/serving/generator.js';
import { parseServingParams } from '../../../models/serving/params.js';
import { runFluidLimit, type Scaling } from '../../serving/fluid-limit.js';
import { runSimulate, type WorkloadSource } from '../../serving/simulate.js';
import { EXIT, processIO, type CliIO } from '../io.js';
import { nonNegativeInt, positiveInt } from '../options.js';

/**
 * `conjecture serving simulate|fluid-limit` (seed 004). Exit status: 0 when the
 * command ran (the conjectures' verdicts on the run are reported, not turned
 * into a status: several fail by design), 2 on bad usage or input (one line).
 */
export function registerServingCommands(program: Command, io: CliIO = processIO, setExit: (code: number) => void = (c) => (process.exitCode = c)): void {
  const serving = program.command('serving').description('the seed-004 serving simulator (swap + aggressive) and its fluid model');

  const rational = (name: string) => (v: string) => {
    try {
      return Rational.parse(v);
    } catch {
      throw new InvalidArgumentError(`${name}: expected a decimal or "p/q".`);
    }
  };
  const addParams = (c: Command) =>
    c
      .requiredOption('--M <tokens>', 'GPU memory M (integer ≥ 1)')
      .requiredOption('--B <tokens>', 'batch token budget B (integer ≥ 1)')
      .requiredOption('--d0 <time>', 'batch time d0 ≥ 0 (decimal or p/q)')
      .requiredOption('--d1 <time>', 'batch time per token d1 ≥ 0 (d0 + d1 > 0)');
  const addGenerator = (c: Command, withCount: boolean) => {
    c.addOption(new Option('--arrivals <kind>', 'generated arrivals').choices(['poisson', 'deterministic']).default('poisson'))
      .option('--rate <λ>', 'arrival rate λ > 0 (decimal or p/q)', rational('--rate'))
      .option('--grid <g>', 'poisson arrivals lie on the grid 1/g (exact times)', positiveInt, 1000)
      .option('--prefill <dist>', 'prefill lengths: "8" or value:weight pairs "4:1,8:3"')
      .option('--decode <dist>', 'decode lengths: "8" or value:weight pairs')
      .option('--seed <n>', 'generator seed', nonNegativeInt, 1);
    if (withCount) c.option('--count <n>', 'number of generated requests', nonNegativeInt);
    return c;
  };
  const specOf = (o: GenOpts, count?: number, horizon?: Rational): GeneratorSpec => {
    for (const [k, v] of [['--rate', o.rate], ['--prefill', o.prefill], ['--decode', o.decode]] as const) {
      if (v === undefined) throw new InputError('INVALID_OPTIONS', `${k} is required to generate a workload`);
    }
    return validateGeneratorSpec({
      arrivals: o.arrivals as ArrivalKind,
      rate: o.rate!,
      grid: o.grid,
      prefill: parseLengthDistribution('--prefill', o.prefill!),
      decode: parseLengthDistribution('--decode', o.decode!),
      ...(count !== undefined ? { count } : {}),
      ...(horizon !== undefined ? { horizon } : {}),
    });
  };

  const sim = serving
    .command('simulate')
    .argument('[requests.csv]', 'requests: header arrival_time,prefill_length,decode_length (omit with --generate)')
    .description('run the simulator (§B) and write the four CSVs, metrics.json and index.html')
    .requiredOption('--out <dir>', 'output directory')
    .option('--generate', 'generate the workload (seeded) instead of reading a CSV; it is written to <out>/requests.csv')
    .option('--no-page', 'skip index.html')
    .option('--json', 'print metrics.json to stdout');
  addParams(sim);
  addGenerator(sim, true);
  sim.action(async (csv: string | undefined, o: SimOpts) => {
    const params = parseServingParams({ M: o.M, B: o.B, d0: o.d0, d1: o.d1 });
    let source: WorkloadSource;
    if (o.generate) {
      if (csv !== undefined) throw new InputError('INVALID_OPTIONS', 'give either a requests CSV or --generate, not both');
      if (o.count === undefined) throw new InputError('INVALID_OPTIONS', '--count is required with --generate');
      source = { kind: 'generate', spec: specOf(o, o.count), seed: o.seed };
    } else {
      if (csv === undefined) throw new InputError('INVALID_OPTIONS', 'a requests CSV is required (or --generate)');
      source = { kind: 'csv', path: csv };
    }
    const r = await runSimulate({ params, source, outDir: o.out, page: o.page, now: io.now });
    if (o.json) io.out(JSON.stringify({ metrics: r.metrics, conjectures: r.verdicts.map((v) => ({ id: v.id, status: v.status, checked: v.checked, fails: v.fails })) }, null, 2) + '\n');
    else {
      const m = r.metrics;
      io.out(
        [
          `${m.completed}/${m.requests} requests completed in ${m.batches} batches, T = ${m.totalTime}${m.stalled ? ' (STALLED)' : ''}`,
          `mean delay ${m.meanDelay ?? 'n/a'}, swaps out/in ${m.swappedOut}/${m.swappedIn}`,
          `conjectures on this run: ${r.verdicts.map((v) => `${v.id} ${v.status}`).join(', ')}`,
          `wrote ${r.files.join(', ')} to ${o.out}${r.elapsedMs !== null ? ` (${(r.elapsedMs / 1000).toFixed(2)} s)` : ''}`,
        ].join('\n') + '\n',
      );
    }
    setExit(EXIT.ok);
  });

  const fl = serving
    .command('fluid-limit')
    .description('scaled systems n ∈ scales vs the fluid ODE (§C): distance per n, chart and verdict')
    .requiredOption('--out <dir>', 'output directory')
    .option('--scales <list>', 'comma-separated n', (v) => v.split(',').map((x) => positiveInt(x)), [1, 10, 100, 1000])
    .option('--horizon <T>', 'simulate [0, T] (the cost grows with n·λ·T)', rational('--horizon'), Rational.fromInteger(100))
    .option('--window <h>', 'estimation window h (§C.2)', rational('--window'), Rational.fromInteger(10))
    .option('--points-per-window <k>', 'distance grid: k points per window', positiveInt, 5)
    .addOption(new Option('--scaling <which>', 'C.4 scaling, the seed\'s λ-only scaling, or both').choices(['c4', 'lambda', 'both']).default('both'))
    .option('--json', 'print fluid-limit.json\'s results to stdout');
  addParams(fl);
  addGenerator(fl, false);
  fl.action(async (o: FluidOpts) => {
    const params = parseServingParams({ M: o.M, B: o.B, d0: o.d0, d1: o.d1 });
    if (o.horizon.sign() <= 0) throw new InputError('INVALID_OPTIONS', `--horizon must be > 0 (got ${o.horizon})`);
    if (o.window.sign() <= 0) throw new InputError('INVALID_OPTIONS', `--window must be > 0 (got ${o.window})`);
    const spec = specOf(o, undefined, o.horizon);
    const scalings: Scaling[] = o.scaling === 'both' ? ['c4', 'lambda'] : [o.scaling as Scaling];
    const r = await runFluidLimit({ params, spec, seed: o.seed, scales: o.scales, horizon: o.horizon, window: o.window, pointsPerWindow: o.pointsPerWindow, scalings, outDir: o.out, now: io.now });
    if (o.json) io.out(JSON.stringify({ rho: r.rho, results: r.results.map(({ occupancy: _o, ...rest }) => rest) }, null, 2) + '\n');
    else {
      const lines = [`load ρ (C.4) = ${r.rho} ≈ ${r.rho.toNumber().toPrecision(4)}`];
      for (const s of r.results) {
        lines.push(`scaling ${s.scaling}: ${s.scales.map((n, i) => `D_${n} = ${s.distances[i].toPrecision(4)}`).join(', ')}`);
        lines.push(`  ${s.verdict}`);
      }
      lines.push(`wrote ${r.files.join(', ')} to ${o.out}`);
      io.out(lines.join('\n') + '\n');
    }
    setExit(EXIT.ok);
  });
}

interface GenOpts {
  arrivals: string;
  rate?: Rational;
  grid: number;
  prefill?: string;
  decode?: string;
  seed: number;
}
interface SimOpts extends GenOpts {
  M: string;
  B: string;
  d0: string;
  d1: string;
  out: string;
  generate?: boolean;
  page: boolean;
  json?: boolean;
  count?: number;
}
interface FluidOpts extends GenOpts {
  M: string;
  B: string;
  d0: string;
  d1: string;
  out: string;
  scales: number[];
  horizon: Rational;
  window: Rational;
  pointsPerWindow: number;
  scaling: string;
  json?: boolean;
}
