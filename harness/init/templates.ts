import type { FamilyScaffold } from '../../models/family.js';

/**
 * What `conjecture init` writes into a research repository: a config with one
 * example conjecture on a built-in family (the family declares it), a claims
 * file, a vitest test, a CI workflow, a tsconfig and a README section.
 */
export function scaffoldFiles(example: FamilyScaffold): { path: string; content: string }[] {
  const id = example.conjectureId;
  return [
    { path: 'conjecture.config.ts', content: configTemplate(example) },
    { path: 'claims.json5', content: claimsTemplate(example) },
    { path: 'test/claims.test.ts', content: testTemplate(example) },
    { path: '.github/workflows/conjectures.yml', content: WORKFLOW_TEMPLATE },
    { path: 'tsconfig.json', content: TSCONFIG_TEMPLATE },
  ].map((f) => ({ ...f, content: f.content.replaceAll('EXAMPLE_ID', id) }));
}

const configTemplate = (e: FamilyScaffold) => `// Your own conjectures (and model families) for conjecture-harness.
// Every command (\`npx conjecture list | check | sweep | gate\`), every worker
// thread and the vitest API load this file; no build step is needed.
import { byMargin, defineConfig, defineConjecture } from 'conjecture-harness';

/** An example on a built-in family. Change it, or add yours. */
const example = ${e.conjectureSource};

export default defineConfig({
  conjectures: [example],
  // families: [ … ]  — a family of your own: see defineSimpleFamily / defineFamily in the README.
});
`;

const claimsTemplate = (e: FamilyScaffold) => `// Claims your research relies on; \`npx conjecture gate claims.json5\` fails the build when one is not met.
{
  claims: [
    {
      name: "EXAMPLE_ID holds",
      conjecture: "EXAMPLE_ID",
      domain: ${e.claimDomain},
      expect: "holds",
      budget: { timeLimit: "2m" },
    },
  ],
}
`;

const testTemplate = (e: FamilyScaffold) => `import { describe } from 'vitest';
import { conjectureTest } from 'conjecture-harness/vitest';

describe('claims', () => {
  conjectureTest('EXAMPLE_ID holds on a small grid', {
    conjecture: 'EXAMPLE_ID',
    domain: ${e.testDomain},
    expect: 'holds',
  });
});
`;

const WORKFLOW_TEMPLATE = `# Gate the claims of this repository on every pull request.
name: conjectures
on:
  pull_request:
  push:
    branches: [main]

jobs:
  gate:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - run: npx vitest run
      - run: npx conjecture gate claims.json5 --out out/gate
      - name: Gate summary
        if: always()
        run: test -f out/gate/summary.md && cat out/gate/summary.md >> "$GITHUB_STEP_SUMMARY" || true
`;

const TSCONFIG_TEMPLATE = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["conjecture.config.ts", "test"]
}
`;

export const readmeSection = (id: string) => `
## Conjectures

This repository states its conjectures in \`conjecture.config.ts\` and the claims it relies on in
\`claims.json5\`, checked exactly by conjecture-harness:

\`\`\`sh
npx conjecture list                  # every conjecture, ours and the built-in ones
npx conjecture check ${id}   # hunt a minimal counterexample
npx conjecture gate claims.json5     # exit 0 only when every claim is met (CI runs this)
npx vitest run                       # the claims in test/ as vitest tests
\`\`\`
`;
