import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/main.js';
import { captureIO } from '../support/capture-io.js';
import { invarianceViolation } from '../support/invariance-check.js';
import { registry } from '../../conjectures/registry.js';
import { registryWithModules } from '../../harness/config/user-config.js';

const repo = new URL('../../', import.meta.url).pathname;

describe('conjecture init', () => {
  it('scaffolds a research repository whose example conjecture the harness then checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-'));
    writeFileSync(join(dir, 'README.md'), '# my research\n');
    const io = captureIO();
    expect(await runCli(['init', dir], io.io)).toBe(0);
    for (const f of ['conjecture.config.ts', 'claims.json5', 'test/claims.test.ts', '.github/workflows/conjectures.yml', 'tsconfig.json']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme.startsWith('# my research\n')).toBe(true);
    expect(readme).toContain('## Conjectures');

    // The scaffolded config, pointed at the sources instead of the installed package.
    const config = join(dir, 'conjecture.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("'conjecture-harness'", JSON.stringify(join(repo, 'harness/api.ts'))));
    const check = captureIO();
    const code = await runCli(['check', 'simulation-nonnegative', '--config', config, '--runs', '40', '--steps', '10', '--time-limit', '20', '--json', '--no-certify'], check.io);
    expect(check.stderr()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(check.stdout())).toMatchObject({ conjecture: 'simulation-nonnegative', verdict: 'unrefuted' });
    // The example declares the family's invariances: the same property as the built-in conjectures' holds for it.
    const scoped = await registryWithModules(registry, [config]);
    const example = scoped.get('simulation-nonnegative');
    const family = scoped.familyOf(example);
    expect(example.invariantUnder).toEqual(['scale-B', 'scale-rates']);
    for (const id of example.invariantUnder!) {
      expect(invarianceViolation(example, family, family.search.invariances!.find((i) => i.id === id)!, 40)).toBeNull();
    }
    const gate = captureIO();
    expect(await runCli(['gate', join(dir, 'claims.json5'), '--config', config, '--out', join(dir, 'out')], gate.io)).toBe(0);

    // A second init keeps every file.
    const again = captureIO();
    expect(await runCli(['init', dir], again.io)).toBe(0);
    expect(again.stdout()).not.toMatch(/^wrote/m);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readme);
  });
});
