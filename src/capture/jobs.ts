// The manifest's web captures (`screenshot: {capture: {...}}`), taken before a local or remote render:
// each distinct page once, written to the file the plan named for it, so the render reads it like any
// raw screenshot. On the user's own machine private and loopback addresses are open (a dev server on
// localhost is the common case); link-local and cloud-metadata addresses stay closed, as in the service.
import { closeSync, constants, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Job } from '../plan/types.js';
import { type Problem, UserError } from '../util/errors.js';
import { FilterListError, type FilterList, loadFilterLists } from './blocking.js';
import { findBrowser } from './browser.js';
import { CAPTURE_DEFAULTS, CaptureError } from './limits.js';
import type { Resolve } from './proxy.js';

export interface CaptureRunOptions {
  /** --browser PATH (else $STORESHOTS_BROWSER, else chromium on PATH). */
  browser?: string;
  env: NodeJS.ProcessEnv;
  /** The checked address of a host (the service's address rules, private ranges open). */
  resolve: Resolve;
  /** Where refused requests of a page are told (the capture goes on without them). */
  onNote?: (message: string) => void;
}

export async function captureJobs(jobs: readonly Job[], opts: CaptureRunOptions): Promise<void> {
  const wanted = new Map<string, Job>();
  for (const j of jobs) if (j.capture && j.screenshot && !wanted.has(j.screenshot)) wanted.set(j.screenshot, j);
  if (wanted.size === 0) return;
  // `sub`: the capture's own field at fault (CaptureError.field: `clip.width`, `device`, ...), named after the capture's.
  const problem = (j: Job, message: string, sub?: string): Problem => {
    const field = sub ? `${j.capture!.field}.${sub}` : j.capture!.field;
    return { severity: 'error', field, message: `${message} (${field})`, at: j.source.slide };
  };
  const found = findBrowser(opts.browser, opts.env);
  if (!found.path) {
    const why = found.problem
      ? `${opts.browser ? '--browser' : 'STORESHOTS_BROWSER'}: ${found.problem}`
      : 'web capture needs a Chromium: pass --browser PATH, set STORESHOTS_BROWSER, or put chromium on PATH (Debian: apt-get install chromium)';
    throw new UserError([...wanted.values()].map((j) => problem(j, why)));
  }
  // Loaded on demand: playwright-core is needed only by manifests that capture.
  const { capturePage } = await import('./capture.js');
  const { BrowserPool } = await import('./pool.js');
  // One browser for the run's captures, closed when they are done.
  const pool = new BrowserPool({ browser: found.path, maxContexts: 1, idleMs: 60_000 });
  const limits = {
    ...CAPTURE_DEFAULTS,
    timeoutMs: Number(opts.env.STORESHOTS_CAPTURE_TIMEOUT_MS) || CAPTURE_DEFAULTS.timeoutMs,
  };
  // The operator's ad-blocking lists, read only when a capture asks to block ads.
  let filters: FilterList[] | undefined;
  if ([...wanted.values()].some((j) => j.capture!.spec.block_ads)) {
    try {
      filters = loadFilterLists(opts.env.STORESHOTS_FILTER_LISTS, process.cwd());
    } catch (e) {
      if (!(e instanceof FilterListError)) throw e;
      await pool.close();
      throw new UserError(e.message);
    }
  }
  const problems: Problem[] = [];
  try {
    await captureAll();
  } finally {
    await pool.close();
  }
  if (problems.length) throw new UserError(problems);

  async function captureAll(): Promise<void> {
    for (const [file, job] of wanted) {
      try {
        const shot = await capturePage(job.capture!.spec, {
          pool,
          resolve: opts.resolve,
          limits,
          ...(filters ? { filters } : {}),
        });
        // The plan put the file in this run's private folder (util/private-dir.ts). The temporary name is
        // created exclusively and never through a symlink, and the rename replaces whatever is at the
        // name (a link included) instead of writing through it.
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.tmp`;
        const fd = openSync(
          tmp,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        );
        try {
          writeFileSync(fd, shot.png);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, file);
        for (const r of shot.refused)
          opts.onNote?.(`${job.capture!.field}: the page's request for ${r.url} was refused: ${r.reason}`);
      } catch (e) {
        if (!(e instanceof CaptureError)) throw e;
        problems.push(problem(job, e.message, e.field));
      }
    }
  }
}
