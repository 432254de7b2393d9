import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../models/errors.js';
import type { Registry } from '../../conjectures/registry.js';
import { REPORTERS, writeFiles, writeReports } from '../../reports/index.js';
import { counterexampleFiles } from '../../reports/counterexample-page.js';
import type { ReportInput } from '../../reports/types.js';
import type { CounterexampleJson } from '../search/counterexample.js';
import { writeJsonAtomic } from '../sweep/state.js';
import { SUMMARY_FILE, SUMMARY_SCHEMA_VERSION, type SweepSummary } from '../sweep/summary.js';
import { RECORD_SCHEMA_VERSION, type CounterexampleRecord } from '../schema.js';
import { parseReplayRequest } from '../search/counterexample.js';

export const RECORDS_DIR = 'records';
/** Reporters a sweep writes next to its summary.json by default. */
export const DEFAULT_REPORTERS = ['markdown', 'html', 'junit'] as const;

/** Computes and saves the record of every minimal counterexample, then writes the reports. */
export async function writeSweepArtifacts(
  outDir: string,
  summary: SweepSummary,
  registry: Registry,
  reporters: readonly string[] = DEFAULT_REPORTERS,
): Promise<string[]> {
  const records: Record<string, CounterexampleRecord> = {};
  for (const [id, c] of Object.entries(summary.conjectures)) {
    if (!c.minimal) continue;
    records[id] = counterexampleRecord(c.minimal, registry);
    writeJsonAtomic(join(outDir, RECORDS_DIR, `${id}.json`), records[id]);
  }
  return writeReports(outDir, { summary, records, dimensions: coverageDimensions(registry) }, reporters);
}

/** Reads what a sweep saved (summary and records), for `report`: nothing is recomputed. */
export function loadReportInput(dir: string, registry: Registry): ReportInput {
  const path = join(dir, SUMMARY_FILE);
  if (!existsSync(path)) throw new InputError('NOT_A_SWEEP', `${dir} holds no ${SUMMARY_FILE} (run \`conjecture sweep --out ${dir}\` first)`);
  const summary = readJson<SweepSummary>(path);
  if (summary.schemaVersion !== SUMMARY_SCHEMA_VERSION) {
    throw new InputError('SUMMARY_VERSION', `${path} has schema version ${summary.schemaVersion}; this harness reads version ${SUMMARY_SCHEMA_VERSION}`);
  }
  const records: Record<string, CounterexampleRecord> = {};
  const folder = join(dir, RECORDS_DIR);
  if (existsSync(folder)) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
      const record = readJson<CounterexampleRecord>(join(folder, file));
      if (record.schemaVersion === RECORD_SCHEMA_VERSION) records[record.conjecture.id] = record;
    }
  }
  return { summary, records, dimensions: coverageDimensions(registry) };
}

export function parseReporterNames(text: string): string[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!REPORTERS[n]) throw new InputError('BAD_FLAG', `--reporters accepts ${Object.keys(REPORTERS).join(', ')} (got "${n}")`);
  }
  return names;
}

/** The page, CSV and config of one counterexample (and its record), written to `outDir`. */
export async function explainCounterexample(counterexample: CounterexampleJson, registry: Registry, outDir: string): Promise<string[]> {
  const record = counterexampleRecord(counterexample, registry);
  writeJsonAtomic(join(outDir, 'record.json'), record);
  return [join(outDir, 'record.json'), ...writeFiles(outDir, await counterexampleFiles(record, '.'))];
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new InputError('MALFORMED_JSON', `${path} is not readable JSON: ${(error as Error).message}`);
  }
}

/** The record of a counterexample: what its family's page shows, computed exactly once. */
export function counterexampleRecord(counterexample: CounterexampleJson, registry: Registry): CounterexampleRecord {
  const request = parseReplayRequest(counterexample, registry);
  const conjecture = registry.get(request.conjecture);
  const page = registry.familyOf(conjecture).record(counterexample, conjecture, request.candidate);
  const { id, statement, source, margin, scope, family, names } = conjecture;
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    counterexample,
    conjecture: { id, statement, source, margin, scope, family, names: [...names] },
    page,
  };
}

/** How each family's coverage reads (for the reporters, which know no family). */
export function coverageDimensions(registry: Registry): ReportInput['dimensions'] {
  return Object.fromEntries(registry.familyList().map((f) => [f.id, f.coverage.dimensions]));
}
