// GitHub's local runner for JavaScript actions, @github/local-action, runs the Action on (a cut of)
// the example as docs/action.md#debugging-locally says: `local-action run . src/local-action.ts .env`.
// It swaps @actions/core, /artifact, /cache and /github for stand-ins of its own; the cache stand-in
// has no isFeatureAvailable, which local mode must survive (rendering without a persistent cache).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, ROOT } from './fakes/run-action.js';

describe('@github/local-action', () => {
  it('runs the Action on the example: renders, lints, uploads to its artifact folder, sets the outputs', async () => {
    const ws = exampleWorkspace(['en-US'], ['play.phone'], 'storeshots-local-action-');
    for (const d of ['.artifacts', '.cache', '.temp']) mkdirSync(path.join(ws, d));
    const envFile = path.join(ws, '.env');
    writeFileSync(
      envFile,
      [
        'INPUT_MANIFEST=screenshots.yml',
        `GITHUB_WORKSPACE=${ws}`,
        'GITHUB_REPOSITORY=acme/habitual',
        'GITHUB_EVENT_NAME=push',
        'GITHUB_REF=refs/heads/main',
        `GITHUB_SHA=${'a'.repeat(40)}`,
        'GITHUB_RUN_ID=1',
        `RUNNER_TEMP=${path.join(ws, '.temp')}`,
        `LOCAL_ACTION_WORKSPACE=${ws}`,
        `LOCAL_ACTION_ARTIFACT_PATH=${path.join(ws, '.artifacts')}`,
        `LOCAL_ACTION_CACHE_PATH=${path.join(ws, '.cache')}`,
        '',
      ].join('\n'),
    );
    // This Node (24) first on PATH: local-action starts tsx and npm from there.
    const env = {
      PATH: [path.dirname(process.execPath), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(
        path.delimiter,
      ),
      HOME: process.env.HOME ?? ws,
    };
    const r = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        path.join(ROOT, 'node_modules/.bin/local-action'),
        ['run', ROOT, 'src/local-action.ts', envFile],
        { cwd: ROOT, env, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 },
        (e, stdout, stderr) =>
          resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, out: `${stdout}\n${stderr}` }),
      ),
    );
    expect(r.out).not.toMatch(/TypeError|is not a function/);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    expect(r.out).toContain('The Actions cache service is not available here: rendering without a persistent cache.');
    // local-action's table of outputs.
    expect(r.out).toMatch(/'images'\s*│\s*'4'/);
    expect(r.out).toMatch(/'errors'\s*│\s*'0'/);
    const report = JSON.parse(readFileSync(path.join(ws, 'storeshots-out/report.json'), 'utf8')) as {
      images: unknown[];
    };
    expect(report.images).toHaveLength(4);
    expect(readdirSync(path.join(ws, '.artifacts'))).toContain('storeshots.zip');
    expect(existsSync(path.join(ws, 'storeshots-out/en-US'))).toBe(true);
  }, 300_000);
});
