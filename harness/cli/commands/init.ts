import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFiles } from '../../../reports/index.js';
import {
  CLAIMS_TEMPLATE,
  CONFIG_TEMPLATE,
  EXAMPLE_ID,
  README_SECTION,
  TEST_TEMPLATE,
  TSCONFIG_TEMPLATE,
  WORKFLOW_TEMPLATE,
} from '../../init/templates.js';
import { EXIT, type CliIO } from '../io.js';

/** `conjecture init [dir]`: scaffolds a research repository; never overwrites a file. */
export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('init')
    .argument('[dir]', 'the repository to set up (default: the working directory)', '.')
    .description('scaffold conjecture.config.ts, a claims file, a vitest test, a CI workflow and a README section')
    .action((dirArg: string) => {
      const dir = resolve(dirArg);
      const files: [string, string][] = [
        ['conjecture.config.ts', CONFIG_TEMPLATE],
        ['claims.json5', CLAIMS_TEMPLATE],
        [join('test', 'claims.test.ts'), TEST_TEMPLATE],
        [join('.github', 'workflows', 'conjectures.yml'), WORKFLOW_TEMPLATE],
        ['tsconfig.json', TSCONFIG_TEMPLATE],
      ];
      const written: string[] = [];
      const kept: string[] = [];
      const fresh = files.filter(([path]) => {
        if (existsSync(join(dir, path))) kept.push(path);
        return !existsSync(join(dir, path));
      });
      written.push(...writeFiles(dir, fresh.map(([path, content]) => ({ path, content }))));
      const readme = join(dir, 'README.md');
      const before = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
      if (!before.includes('## Conjectures')) written.push(...writeFiles(dir, [{ path: 'README.md', content: before + README_SECTION }]));
      else kept.push('README.md (already has a Conjectures section)');
      io.out(
        [
          ...written.map((p) => `wrote ${p}`),
          ...kept.map((p) => `kept ${p} (exists)`),
          '',
          'Next:',
          `  npx conjecture check ${EXAMPLE_ID}`,
          '  npx vitest run',
          '  npx conjecture gate claims.json5',
          '',
        ].join('\n'),
      );
      setExit(EXIT.ok);
    });
}
