// The manifest fuzzer of issue #13: FUZZ_CASES (default 500) seeded cases through validate in-process
// (the same main() the CLI runs), and a sample rendered by the shipped CLI in a child process.
// CI runs the fixed default seed; `npm run fuzz -- --seed N --cases M` runs more.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin, runCli } from './helpers/cli.js';
import {
  checkAnswer,
  DEFAULT_CASES,
  DEFAULT_SEED,
  fuzzCase,
  fuzzProject,
  type FuzzCase,
} from './helpers/manifest-fuzz.js';

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const CASES = Number(process.env.FUZZ_CASES ?? DEFAULT_CASES);
const RENDER_SAMPLE = Number(process.env.FUZZ_RENDER_SAMPLE ?? 4);

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function describeCase(c: FuzzCase, problems: string[]): string {
  const text = c.bytes.toString('utf8');
  return `seed ${SEED} case ${c.index} (${c.moves.join('; ')}): ${problems.join('; ')}\n--- manifest (first 600 chars) ---\n${text.slice(0, 600)}`;
}

/** Every file under `dir` but `skip`, with size and mtime: what a run must leave alone. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    if (abs === skip || abs.startsWith(skip + path.sep)) continue;
    const st = statSync(abs, { throwIfNoEntry: false });
    if (st) out.set(rel, st.isFile() ? `${st.size}:${st.mtimeMs}` : 'dir');
  }
  return out;
}

describe(`manifest fuzzer (seed ${SEED}, ${CASES} cases)`, () => {
  const passedValidate: FuzzCase[] = [];
  const failedValidate: FuzzCase[] = [];

  it('validate answers every case with exit 0 or 2, no stack trace and a position on every manifest error', async () => {
    expect(CASES).toBeGreaterThanOrEqual(1);
    const { top, dir } = fuzzProject();
    made.push(top);
    const failures: string[] = [];
    const codes = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const c = fuzzCase(SEED, i);
      writeFileSync(path.join(dir, 'screenshots.yml'), c.bytes);
      const r = await runCli(['validate'], dir).catch((e: unknown) => ({
        code: -1,
        stdout: '',
        stderr: `threw: ${(e as Error)?.stack ?? e}`,
      }));
      codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
      const problems = checkAnswer(r, [0, 2]);
      if (problems.length) failures.push(`${describeCase(c, problems)}\n--- stderr ---\n${r.stderr.slice(0, 800)}`);
      (r.code === 0 ? passedValidate : failedValidate).push(c);
    }
    expect(failures.slice(0, 5).join('\n\n')).toBe('');
    // The corpus exercises both answers: some cases stay valid, most are refused.
    expect(codes.get(0) ?? 0).toBeGreaterThan(0);
    expect(codes.get(2) ?? 0).toBeGreaterThan(CASES / 4);
  }, 240_000);

  it('the shipped CLI renders a sample: exit 0-3, no stack trace, nothing written outside --out', () => {
    // Valid cases mostly (they reach the renderer), and a couple of refused ones.
    const sample =
      RENDER_SAMPLE > 0
        ? [...passedValidate.slice(0, Math.max(1, RENDER_SAMPLE - 2)), ...failedValidate.slice(0, 2)]
        : [];
    const failures: string[] = [];
    for (const c of sample) {
      const { top, dir } = fuzzProject();
      made.push(top);
      writeFileSync(path.join(dir, 'screenshots.yml'), c.bytes);
      const out = path.join(dir, 'fuzz-out');
      const before = snapshot(top, out);
      const r = runBin(['render', '--out', out, '--no-cache', '--jobs', '1', '--fail-on', 'never'], dir);
      const problems = checkAnswer(r, [0, 1, 2, 3]);
      const after = snapshot(top, out);
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
      if (changed.length) problems.push(`wrote outside --out: ${changed.slice(0, 5).join(', ')}`);
      if (problems.length) failures.push(`${describeCase(c, problems)}\n--- stderr ---\n${r.stderr.slice(0, 800)}`);
    }
    expect(failures.join('\n\n')).toBe('');
  }, 240_000);
});
