import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitLatency, DEFAULT_FIT_OPTIONS, type CvOptions, type FitOptions, type FitResult } from '../../models/latency/fit/fit.js';
import { readStepsCsv } from './csv.js';
import { renderFitPage } from './fit-page.js';

export interface FitRunOptions {
  readonly fit?: Partial<FitOptions>;
  readonly cv?: CvOptions;
  /** Output folder for fit.json and index.html (none: nothing written). */
  readonly out?: string;
}

/** Reads the CSV, fits, and writes fit.json and index.html when `out` is given. */
export async function runFit(csvPath: string, options: FitRunOptions = {}): Promise<FitResult> {
  const rows = readStepsCsv(csvPath);
  const fitOptions: FitOptions = { ...DEFAULT_FIT_OPTIONS, ...options.fit };
  const result = fitLatency(rows, fitOptions, options.cv);
  if (options.out) {
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'fit.json'), JSON.stringify(fitJson(result, csvPath), null, 2) + '\n');
    writeFileSync(join(options.out, 'index.html'), await renderFitPage(result, csvPath));
  }
  return result;
}

/** fit.json: everything but the per-row residuals; `theta.rational` is a θ usable by `sla --theta fit.json`. */
export function fitJson(result: FitResult, source: string) {
  const { residuals: _residuals, ...rest } = result;
  return { source, ...rest };
}
