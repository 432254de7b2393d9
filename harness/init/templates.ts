/**
 * What `conjecture init` writes into a research repository: a config with one
 * example conjecture on the built-in family, a claims file, a vitest test, a
 * CI workflow and a README section.
 */
export const EXAMPLE_ID = 'simulation-nonnegative';

export const CONFIG_TEMPLATE = `// Your own conjectures (and model families) for conjecture-harness.
// Every command (\`npx conjecture list | check | sweep | gate\`), every worker
// thread and the vitest API load this file; no build step is needed.
import { byMargin, defineConfig, defineConjecture } from 'conjecture-harness';

/**
 * An example on the built-in Theory/Simulation family: the Simulation never
 * holds a negative number of requests at any stage. Change it, or add yours.
 */
const simulationNonnegative = defineConjecture({
  id: '${EXAMPLE_ID}',
  statement: 'Mˢ_s ≥ 0 at every stage s and every t',
  source: 'example',
  family: 'theory-simulation',
  scope: 'step',
  preconditions: [],
  names: [],
  margin: 'min_s Mˢ_s; holds iff ≥ 0',
  check(view) {
    return byMargin(view.ar, view.minS, { simulation: view.simulation });
  },
});

export default defineConfig({
  conjectures: [simulationNonnegative],
  // families: [ … ]  — a family of your own: see defineSimpleFamily / defineFamily in the README.
});
`;

export const CLAIMS_TEMPLATE = `// Claims your research relies on; \`npx conjecture gate claims.json5\` fails the build when one is not met.
{
  claims: [
    {
      name: "the Simulation never goes negative",
      conjecture: "${EXAMPLE_ID}",
      domain: {
        l0: { from: 1, to: 8 }, lA: { from: 1, to: 3 }, lB: { from: 2, to: 5 },
        B: [60], lambdaA: [1, 2], lambdaB: [1, 2],
        init: ["canonical", { kind: "lattice", units: 2 }], steps: 30,
      },
      expect: "holds",
      budget: { timeLimit: "2m" },
    },
  ],
}
`;

export const TEST_TEMPLATE = `import { describe } from 'vitest';
import { conjectureTest } from 'conjecture-harness/vitest';

describe('claims', () => {
  conjectureTest('the Simulation never goes negative on small grids', {
    conjecture: '${EXAMPLE_ID}',
    domain: { l0: { from: 1, to: 4 }, lA: [1, 2], lB: [3, 4], B: [60], lambdaA: [1], lambdaB: [1, 2], steps: 20 },
    expect: 'holds',
  });
});
`;

export const WORKFLOW_TEMPLATE = `# Gate the claims of this repository on every pull request.
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

export const TSCONFIG_TEMPLATE = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["conjecture.config.ts", "test"]
}
`;

export const README_SECTION = `
## Conjectures

This repository states its conjectures in \`conjecture.config.ts\` and the claims it relies on in
\`claims.json5\`, checked exactly by [conjecture-harness](https://www.npmjs.com/package/conjecture-harness):

\`\`\`sh
npx conjecture list                          # every conjecture, ours and the built-in ones
npx conjecture check ${EXAMPLE_ID}     # hunt a minimal counterexample
npx conjecture gate claims.json5             # exit 0 only when every claim is met (CI runs this)
npx vitest run                               # the claims in test/ as vitest tests
\`\`\`
`;
