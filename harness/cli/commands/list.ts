import type { Command } from 'commander';
import type { Registry } from '../../../conjectures/registry.js';
import { DEFAULT_OPTIONS, type Conjecture } from '../../../conjectures/types.js';
import { table } from '../format.js';
import { EXIT, type CliIO } from '../io.js';

export function describeConjecture(c: Conjecture) {
  return {
    id: c.id,
    statement: c.statement,
    source: c.source,
    family: c.family,
    scope: c.scope,
    preconditions: c.preconditions.map((p) => p.text),
    names: [...c.names],
    margin: c.margin,
    defaultOptions: { ...DEFAULT_OPTIONS },
    ...(c.remark ? { remark: c.remark } : {}),
  };
}

export function registerList(program: Command, io: CliIO, registry: Registry, setExit: (code: number) => void): void {
  program
    .command('list')
    .description('list every registered conjecture with its scope, preconditions and seed source')
    .option('--json', 'print a JSON array instead of a table')
    .action((opts: { json?: boolean }) => {
      const all = registry.list().map(describeConjecture);
      if (opts.json) io.out(JSON.stringify(all, null, 2) + '\n');
      else {
        io.out(
          table(
            ['id', 'scope', 'family', 'precondition', 'source', 'statement', 'margin'],
            all.map((c) => [c.id, c.scope, c.family, c.preconditions.join('; ') || '—', c.source, c.statement, c.margin]),
          ),
        );
      }
      setExit(EXIT.ok);
    });
}
