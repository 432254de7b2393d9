import type { ConjectureSummary, JsonValue, SweepSummary } from '../harness/schema.js';
import { vacuousShare } from './coverage.js';

/** Plain-text phrases shared by the reporters, so every format says the same thing. */

export const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Every parameter as key=value, the initial state's kind (or its JSON) and t. */
export function whereText(w: { params: Record<string, JsonValue>; init: JsonValue; t: number }): string {
  const params = Object.entries(w.params).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  const init = w.init !== null && typeof w.init === 'object' && !Array.isArray(w.init) && typeof w.init.kind === 'string' ? `${w.init.kind} start` : JSON.stringify(w.init);
  return `${params}, ${init}, t=${w.t}`;
}

/** One line on how much was really exercised, so a vacuous pass never reads as a pass. */
export function exercisedText(c: ConjectureSummary): string {
  const share = vacuousShare(c);
  const base = `${c.statesChecked.toLocaleString('en-US')} states checked in ${c.cellsChecked.toLocaleString('en-US')} cells`;
  if (c.statesChecked === 0 && c.statesVacuous > 0) return `NOTHING TESTED: all ${c.statesVacuous.toLocaleString('en-US')} states were vacuous (precondition false)`;
  return c.statesVacuous > 0 ? `${base}; ${percent(share)} of states vacuous (precondition false)` : base;
}

export function runText(s: SweepSummary): string {
  const scope = s.shard ? ` (shard ${s.shard.index}/${s.shard.count})` : '';
  const done = `${s.grid.cellsDone.toLocaleString('en-US')}/${s.grid.cells.toLocaleString('en-US')} cells, ${s.random.samplesDone}/${s.random.runs} random samples`;
  const incomplete = s.complete ? 'complete' : `INCOMPLETE${s.stopped ? ` (${s.stopped})` : ''}`;
  return `sweep "${s.name}"${scope}: ${done}, ${incomplete}; ${s.timing.statesSimulated.toLocaleString('en-US')} states in ${s.timing.wallSeconds.toFixed(1)} s; exact arithmetic; tie rule ${s.tie}; seed ${s.seed}`;
}

/**
 * How the verdicts were decided: the share the certified screening decided, and why cells
 * fell back to the exact path (null for summaries written before the deciding policy).
 */
export function decidingText(s: SweepSummary): string | null {
  const d = s.deciding;
  if (!d) return null;
  if (d.path === 'exact') return 'decided on the exact path only (--arithmetic exact)';
  if (d.cells === 0 && d.screenFromSteps !== undefined) {
    const kernel = d.kernelFromSteps !== undefined && d.kernelFromSteps < d.screenFromSteps ? `${d.kernelFromSteps} steps (${d.screenFromSteps} for conjectures without a screening kernel)` : `${d.screenFromSteps} steps`;
    return `decided on the exact path: trajectories shorter than ${kernel} are not screened (exact numbers are still short there)`;
  }
  const verdicts = d.verdicts.screened + d.verdicts.exact;
  const f = d.fallbacks;
  const fellBack = d.cells - d.cellsScreened;
  return (
    `decided ${verdicts > 0 ? percent(d.verdicts.screened / verdicts) : '0%'} of ${verdicts.toLocaleString('en-US')} verdicts by certified screening, the rest exactly; ` +
    `${fellBack.toLocaleString('en-US')} of ${d.cells.toLocaleString('en-US')} screened cells needed the exact path for some states, first for (a model step ${f.branch}, ties ${f.tie}, bound too wide ${f.bound}, predicate errors ${f.error ?? 0}, exact values reported ${f.exactValues})`
  );
}

export const counterexamplePath = (id: string) => `counterexamples/${id}`;
