// diff-base: render (and the fallback when the base branch has no artifact yet): the base
// commit's manifest rendered on this runner. The commit is checked out with `git worktree add`
// from the runner's checkout (fetched from origin when a shallow checkout lacks it), rendered
// with the same selection and the same render cache as the head, so only the images that differ
// from the head's cost time, then the worktree is removed again.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runPipeline } from '../pipeline.js';
import { errorMessage, oneLineMessage } from '../util/errors.js';
import type { RenderedBase } from './base.js';
import { pipelineSelection } from './modes/shared.js';
import type { ActionEnv } from './env.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', cwd, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

const firstLine = (e: unknown) =>
  ((e as { stderr?: string }).stderr || errorMessage(e))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-1)[0] ?? 'git failed';

async function hasCommit(repo: string, sha: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The base commit of `sha` checked out into a fresh folder, or why it cannot be. */
async function checkout(
  repo: string,
  sha: string,
  into: string,
): Promise<{ dir: string; fetched: boolean } | { error: string }> {
  const s = sha.slice(0, 7);
  try {
    await git(repo, ['rev-parse', '--git-dir']);
  } catch {
    return {
      error: `The workspace ${repo} is not a git checkout: no base commit ${s} to render (add actions/checkout before storeshots).`,
    };
  }
  let fetched = false;
  if (!(await hasCommit(repo, sha))) {
    const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository']).catch(() => 'false')) === 'true';
    try {
      // GitHub serves any reachable commit by its id: one commit, no history.
      await git(repo, ['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha]);
      fetched = true;
    } catch (e) {
      return {
        error: `The checkout does not have the base commit ${s}${shallow ? ' (it is shallow: actions/checkout fetches one commit by default)' : ''}, and fetching it from origin failed (${firstLine(e)}). Give actions/checkout fetch-depth: 2 (the pull request's merge commit and its first parent, the base) or fetch-depth: 0.`,
      };
    }
  }
  try {
    await git(repo, ['worktree', 'add', '--detach', '--force', into, sha]);
  } catch (e) {
    return { error: `Could not check out the base commit ${s} (${firstLine(e)}).` };
  }
  return { dir: into, fetched };
}

/** Renders the base commit `sha` of the workspace's repository into a fresh folder under RUNNER_TEMP. */
export async function renderBaseCommit(a: ActionEnv, sha: string, cacheDir: string): Promise<RenderedBase> {
  const { ctx, runner } = a;
  const s = sha.slice(0, 7);
  const tmp = mkdtempSync(path.join(ctx.tempDir, 'storeshots-base-render-'));
  const tree = path.join(tmp, 'tree');
  const got = await checkout(ctx.workspace, sha, tree);
  if ('error' in got) {
    runner.info(got.error);
    rmSync(tmp, { recursive: true, force: true });
    return got;
  }
  try {
    // The workspace's folder inside the repository (a monorepo checks out at its root, the manifest may sit deeper).
    const top = await git(ctx.workspace, ['rev-parse', '--show-toplevel']);
    const cwd = path.join(tree, path.relative(top, ctx.workspace));
    const sel = pipelineSelection(a);
    const manifest = sel.config;
    if (manifest && !existsSync(path.resolve(cwd, manifest)))
      return { error: `The base commit ${s} has no ${manifest}: nothing to compare with (a new manifest).` };
    const outDir = path.join(tmp, 'out');
    const res = await runPipeline({ ...sel, cwd, outDir, cacheDir, onNote: (m) => runner.info(m) });
    const { cached, rendered, images } = res.report.summary;
    runner.info(`Base commit ${s}: ${images} images, ${cached} from the render cache, ${rendered} rendered.`);
    return {
      dir: outDir,
      sha,
      note: `${rendered} of ${images} images drawn, the rest from the render cache${got.fetched ? '; fetched from origin' : ''}`,
    };
  } catch (e) {
    const msg = oneLineMessage(e);
    return { error: `The manifest of the base commit ${s} could not be rendered: ${msg}` };
  } finally {
    await git(ctx.workspace, ['worktree', 'remove', '--force', tree]).catch(() => undefined);
  }
}
