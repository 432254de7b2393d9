import { registry } from '../../conjectures/registry.js';
import { DEFAULT_FAMILY, resolveConfig } from '../sweep/config.js';
import { Json5Source } from '../sweep/json5-source.js';
import { timedSweep } from './sweep-scaling.js';
import type { SweepSummary } from '../sweep/summary.js';
import type { DecidingPath } from '../schema.js';

/**
 * The embedded default sweep (every conjecture, identities included) on the exact path
 * (`--arithmetic exact`: the lean path) and on the filtered one (the default), 2 workers each.
 * Both paths are this build's: the harness as it was before the filter and the lean path cannot
 * be run from this build (the README gives that figure, measured against its commit).
 */
export interface DefaultSweepFigures {
  runs: { path: DecidingPath; seconds: number }[];
  /** exact seconds ÷ filtered seconds. */
  speedup: number;
  /** Both summaries are the same but for timing and the deciding figures. */
  identical: boolean;
  deciding: SweepSummary['deciding'];
}

export async function benchDefaultSweep(log: (line: string) => void): Promise<DefaultSweepFigures> {
  const text = registry.family(DEFAULT_FAMILY).defaultSweep!;
  const config = resolveConfig(Json5Source.parse('(default sweep)', text), registry);
  const runs: DefaultSweepFigures['runs'] = [];
  const summaries: SweepSummary[] = [];
  for (const path of ['exact', 'filtered'] as const) {
    const { summary, seconds } = await timedSweep(config, 2, path);
    runs.push({ path, seconds });
    summaries.push(summary);
    log(`  default sweep, ${path} path: ${seconds.toFixed(1)} s`);
  }
  const strip = (s: SweepSummary) => JSON.stringify({ ...s, timing: null, deciding: null });
  return { runs, speedup: runs[0].seconds / runs[1].seconds, identical: strip(summaries[0]) === strip(summaries[1]), deciding: summaries[1].deciding };
}

export function formatDefaultSweepReport(f: DefaultSweepFigures): string {
  const [exact, filtered] = f.runs;
  return [
    'Default sweep (embedded config, every conjecture, 2 workers)',
    `  exact path (--arithmetic exact): ${exact.seconds.toFixed(1)} s`,
    `  filtered path (the default):     ${filtered.seconds.toFixed(1)} s  → ${f.speedup.toFixed(2)}×; summaries identical: ${f.identical ? 'yes' : 'NO'}`,
    '',
  ].join('\n');
}
