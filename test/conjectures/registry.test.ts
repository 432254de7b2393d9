import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONJECTURES, Registry, registry } from '../../conjectures/registry.js';
import { LATENCY_CONJECTURES } from '../../conjectures/latency/index.js';
import { InputError } from '../../models/errors.js';
import { runCli } from '../../harness/cli/main.js';
import { admissionBounded } from '../support/example-conjecture.js';
import { captureIO } from '../support/capture-io.js';

/** The ids of SPEC §5's table, in its order. */
const SPEC_IDS = [
  'g-dominance', 'max-dominance', 'min-dominance', 'componentwise-dominance', 'delta-at-argmax',
  'delta-argmax-ge-argmin', 'case-d-impossible', 'argmax-never-evicted', 'token-balance',
  'inner-product-nonneg', 'v-dominance', 'energy-decomposition', 'eviction-p-nonexpansive',
  'eviction-step-lemma', 'coprime-stable', 'charpoly-identity', 'lyapunov-structure',
  'proportional-after-warmup', 'merged-equals-per-type', 'g-time-average', 'convergence',
];

/** The ids of SPEC-serving §D (seed 004), in its order. */
const SERVING_IDS = [
  'conservation', 'memory-bound', 'fcfs-first-admission', 'lifo-victim', 'lifo-victim-strict', 'swapped-priority',
  'running-protected', 'minimal-eviction', 'no-stall', 'batch-clock', 'little-exact', 'little-snapshot',
  'fluid-limit', 'stability-threshold',
];

describe('the registry', () => {
  it('holds every conjecture of SPEC §5, in its order, each declared completely', () => {
    // SPEC §5's, then SPEC-serving §D's: the latency family's (seed 003) and the serving family's (seed 004), each in its spec's order.
    const theory = CONJECTURES.filter((c) => c.family !== 'latency' && c.family !== 'serving');
    expect(theory.map((c) => c.id)).toEqual(SPEC_IDS);
    expect(CONJECTURES.filter((c) => c.family === 'latency').map((c) => c.id)).toEqual(LATENCY_CONJECTURES.map((c) => c.id));
    for (const c of theory) {
      expect(c.statement.length).toBeGreaterThan(5);
      expect(c.source).toMatch(/^\d{3} §/);
      expect(c.margin).toMatch(/holds iff/);
      expect(['parameters', 'step', 'eviction-step', 'trajectory']).toContain(c.scope);
    }
  });

  it('holds every conjecture of SPEC-serving §D after them, on the serving family', () => {
    const serving = CONJECTURES.filter((c) => c.family === 'serving');
    expect(serving.map((c) => c.id)).toEqual(SERVING_IDS);
    for (const c of serving) {
      expect(c.family).toBe('serving');
      expect(c.source).toMatch(/^004\b/);
      expect(c.margin.length).toBeGreaterThan(5);
    }
  });

  it('has one file per conjecture, named by its id', () => {
    for (const c of CONJECTURES) {
      const source = readFileSync(new URL(`../../conjectures/${c.family}/${c.id}.ts`, import.meta.url), 'utf8');
      expect(source).toContain(`id: '${c.id}'`);
    }
  });

  it('rejects an unknown id with a clear error that suggests the nearest ids', () => {
    expect(() => registry.get('g-dominace')).toThrowError(InputError);
    expect(() => registry.get('g-dominace')).toThrowError(/unknown conjecture id "g-dominace".*"g-dominance"/);
    expect(() => registry.get('zzz')).toThrowError(/conjecture list/);
  });

  it('refuses duplicate ids', () => {
    expect(() => new Registry([...CONJECTURES, CONJECTURES[0]])).toThrowError(/duplicate conjecture id "g-dominance"/);
  });

  it('takes a new conjecture with one file and one registry line, and every command sees it', async () => {
    const extended = new Registry([...CONJECTURES, admissionBounded]); // the one line

    const list = captureIO();
    expect(await runCli(['list', '--json'], list.io, extended)).toBe(0);
    expect(JSON.parse(list.stdout()).map((c: { id: string }) => c.id)).toContain('admission-bounded');

    const check = captureIO();
    expect(await runCli(['check', 'admission-bounded', '--runs', '20', '--json', '--no-certify'], check.io, extended)).toBe(0);
    const report = JSON.parse(check.stdout());
    expect(report.conjecture).toBe('admission-bounded');
    expect(report.verdict).toBe('unrefuted');
    expect(report.searched.states).toBeGreaterThan(0);
  });
});
