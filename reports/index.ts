import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit-reporter.js';
import { markdownReporter } from './markdown-reporter.js';
import type { ReportFile, ReportInput, Reporter } from './types.js';
import { writingTo } from '../harness/io/fs-errors.js';

export type { ReportInput, Reporter, ReportFile } from './types.js';

/** Every output format by name: one line per reporter. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  json: jsonReporter,
  markdown: markdownReporter,
  html: htmlReporter,
  junit: junitReporter,
};

/** Renders the chosen reporters (all by default) into `dir`; returns the files written. */
export async function writeReports(dir: string, input: ReportInput, names: readonly string[] = Object.keys(REPORTERS)): Promise<string[]> {
  const written: string[] = [];
  for (const name of names) written.push(...writeFiles(dir, await REPORTERS[name].render(input)));
  return written;
}

/** Writes rendered files under `dir` (the I/O edge of the reporters). */
export function writeFiles(dir: string, files: readonly ReportFile[]): string[] {
  return files.map((file) => {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writingTo(path, () => writeFileSync(path, file.content));
    return path;
  });
}
