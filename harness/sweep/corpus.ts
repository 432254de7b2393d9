import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from '../../conjectures/registry.js';
import { parseReplayRequest, type CounterexampleJson } from '../search/counterexample.js';
import { replayCounterexample } from '../search/replay.js';
import { writeJsonAtomic } from './state.js';

/**
 * Counterexamples stored as content-addressed JSON files
 * (`DIR/<conjecture>/<hash>.json`, the same JSON as `check --json` prints),
 * replayed exactly at the start of every later run.
 */
export class Corpus {
  constructor(readonly dir: string) {}

  /** The address: a hash of what defines the counterexample (not of its witness or flags). */
  static key(ce: CounterexampleJson): string {
    const { conjecture, options, params, init, t } = ce;
    return createHash('sha256').update(JSON.stringify({ conjecture, options, params, init, t })).digest('hex').slice(0, 20);
  }

  /** Stores a counterexample; returns false when it was already there. */
  add(ce: CounterexampleJson): boolean {
    const path = join(this.dir, ce.conjecture, `${Corpus.key(ce)}.json`);
    if (existsSync(path)) return false;
    writeJsonAtomic(path, ce);
    return true;
  }

  /** Every stored counterexample of the given conjectures, in a stable order. */
  entries(ids: readonly string[]): { file: string; json: unknown }[] {
    const out: { file: string; json: unknown }[] = [];
    for (const id of ids) {
      const folder = join(this.dir, id);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
        const file = join(folder, name);
        try {
          out.push({ file, json: JSON.parse(readFileSync(file, 'utf8')) });
        } catch {
          out.push({ file, json: null });
        }
      }
    }
    return out;
  }

  /** Replays every stored counterexample of these conjectures exactly. */
  replay(ids: readonly string[], registry: Registry): { replayed: number; stillFailing: number; noLongerFailing: string[] } {
    let replayed = 0;
    let stillFailing = 0;
    const noLongerFailing: string[] = [];
    for (const { file, json } of this.entries(ids)) {
      replayed++;
      try {
        const result = replayCounterexample(parseReplayRequest(json, registry), registry);
        if (result.verdict === 'refuted') stillFailing++;
        else noLongerFailing.push(file);
      } catch (error) {
        noLongerFailing.push(`${file} (unreadable: ${(error as Error).message})`);
      }
    }
    return { replayed, stillFailing, noLongerFailing };
  }
}
