#!/usr/bin/env node
// npm run fuzz -- --seed N --cases M [--render-sample K]: the manifest fuzzer of __tests__/manifest-fuzz.test.ts
// with another seed or more cases (CI runs the fixed default seed as part of npm test).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
    cases: { type: 'string', default: '2000' },
    'render-sample': { type: 'string', default: '6' },
  },
});
for (const [k, v] of Object.entries(values)) {
  if (!/^\d+$/.test(v)) {
    console.error(`--${k} takes a whole number; received ${JSON.stringify(v)}`);
    process.exit(2);
  }
}
console.log(
  `manifest fuzzer: seed ${values.seed}, ${values.cases} cases, ${values['render-sample']} rendered (rerun with: npm run fuzz -- --seed ${values.seed} --cases ${values.cases})`,
);
const root = path.resolve(import.meta.dirname, '..');
const r = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '__tests__/manifest-fuzz.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_SEED: values.seed,
      FUZZ_CASES: values.cases,
      FUZZ_RENDER_SAMPLE: values['render-sample'],
    },
  },
);
process.exit(r.status ?? 1);
