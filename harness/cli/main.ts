#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { pathToFileURL } from 'node:url';
import { readFileSync, realpathSync } from 'node:fs';
import { registry as defaultRegistry, type Registry } from '../../conjectures/registry.js';
import { InputError } from '../../models/errors.js';
import { PredicateError } from '../search/evaluate.js';
import { registerCheck } from './commands/check.js';
import { registerList } from './commands/list.js';
import { registerGate } from './commands/gate.js';
import { registerInit } from './commands/init.js';
import { registerReplay } from './commands/replay.js';
import { registerReport } from './commands/report.js';
import { registerServingCommands } from './commands/serving.js';
import { registerSweep } from './commands/sweep.js';
import { registerLatencyCommands } from './commands/latency.js';
import { registerRefine } from './commands/refine.js';
import { findUserConfig, registryWithModules } from '../config/user-config.js';
import { EXIT, processIO, type CliIO } from './io.js';
import { describeFsFault, isFsFault } from '../io/fs-errors.js';
import { guardStdio } from '../io/pipe.js';

/**
 * The programmatic entry: parses argv, runs one command, returns the exit
 * status. The `conjecture` binary is a thin shell that sets process.exitCode.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO, given?: Registry): Promise<number> {
  let registry: Registry;
  let args: string[];
  try {
    ({ registry, args } = await registryFor(argv, given));
  } catch (error) {
    return reportError(error, io);
  }
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('conjecture')
    .description('Exact conjecture checking for models of overloaded LLM serving, and for your own conjectures and model families')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .option('--config <file>', 'a conjecture.config.ts (or .js/.mjs) declaring your own conjectures and families (default: found from the working directory)');
  registerList(program, io, registry, setExit);
  registerCheck(program, io, registry, setExit);
  registerReplay(program, io, registry, setExit);
  registerSweep(program, io, registry, setExit);
  registerReport(program, io, registry, setExit);
  registerGate(program, io, registry, setExit);
  registerRefine(program, io, registry, setExit);
  registerInit(program, io, registry, setExit);
  registerLatencyCommands(program, io, setExit);
  registerServingCommands(program, io, setExit);

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * The registry of this run: the given one (tests), or the built-in one
 * extended by the user config — `--config <file>`, else a
 * `conjecture.config.*` found from the working directory. It is read before
 * the commands are built, since `check` offers every family's flags.
 */
async function registryFor(argv: readonly string[], given?: Registry): Promise<{ registry: Registry; args: string[] }> {
  const args = [...argv];
  const at = args.findIndex((a) => a === '--config' || a.startsWith('--config='));
  let file: string | null = null;
  if (at >= 0) {
    const [flag, value] = args[at].includes('=') ? [args[at], args[at].slice('--config='.length)] : [args[at], args[at + 1]];
    if (!value || value.startsWith('-')) throw new InputError('BAD_FLAG', "--config needs a file, e.g. --config conjecture.config.ts");
    args.splice(at, flag.includes('=') ? 1 : 2);
    file = value;
  }
  if (given) return { registry: file ? await registryWithModules(given, [file]) : given, args };
  file ??= findUserConfig(process.cwd());
  return { registry: file ? await registryWithModules(defaultRegistry, [file]) : defaultRegistry, args };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every parsing error is bad usage.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof InputError) {
    io.err(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (isFsFault(error)) {
    // A full disk or an unwritable file after the work: the environment's fault, one line, exit 2.
    io.err(`error: ${describeFsFault(error)}\n`);
    return EXIT.usage;
  }
  if (error instanceof PredicateError) {
    io.err(`internal error: ${error.message}\n  on ${JSON.stringify(error.candidate)}\n`);
    return EXIT.internal;
  }
  io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.internal;
}

const invokedDirectly = (() => {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  guardStdio();
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
