import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFiles } from '../../../reports/index.js';
import type { Registry } from '../../../conjectures/registry.js';
import { readmeSection, scaffoldFiles } from '../../init/templates.js';
import { DEFAULT_FAMILY } from '../../sweep/config.js';
import { EXIT, type CliIO } from '../io.js';

/** `conjecture init [dir]`: scaffolds a research repository; never overwrites a file. */
export function registerInit(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'the repository to set up (default: the working directory)', '.')
    .description('scaffold conjecture.config.ts, a claims file, a vitest test, a CI workflow and a README section')
    .action((dirArg: string) => {
      const dir = resolve(dirArg);
      const example = registry.family(DEFAULT_FAMILY).scaffold;
      if (!example) throw new Error(`the default family "${DEFAULT_FAMILY}" declares no example to scaffold`);
      const files = scaffoldFiles(example).map((f): [string, string] => [f.path, f.content]);
      const written: string[] = [];
      const kept: string[] = [];
      const fresh = files.filter(([path]) => {
        if (existsSync(join(dir, path))) kept.push(path);
        return !existsSync(join(dir, path));
      });
      written.push(...writeFiles(dir, fresh.map(([path, content]) => ({ path, content }))));
      const readme = join(dir, 'README.md');
      const before = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
      if (!before.includes('## Conjectures')) written.push(...writeFiles(dir, [{ path: 'README.md', content: before + readmeSection(example.conjectureId) }]));
      else kept.push('README.md (already has a Conjectures section)');
      io.out(
        [
          ...written.map((p) => `wrote ${p}`),
          ...kept.map((p) => `kept ${p} (exists)`),
          '',
          'Next:',
          `  npx conjecture check ${example.conjectureId}`,
          '  npx vitest run',
          '  npx conjecture gate claims.json5',
          '',
        ].join('\n'),
      );
      setExit(EXIT.ok);
    });
}
