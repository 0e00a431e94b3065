// Runs the CLI: in-process through main() (fast, for most tests) or as the real bin (a few end-to-end checks).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

import { ROOT } from './root.js';
export { ROOT };
export const EXAMPLE = path.join(ROOT, 'examples/habitual/screenshots.yml');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    env: { ...process.env, ...env },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** The shipped entry (bin/storeshots.js -> dist/cli.js) in a child process. */
export function runBin(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The shipped bin in a child process, asynchronously: for tests whose page server lives in this process. */
export function runBinAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'bin/storeshots.js'), ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.on('close', (code) => resolve({ code, stderr }));
  });
}
