// The release pull request: the set in fastlane layout committed to one fixed branch on top
// of the base branch (blobs, tree, commit, ref), and one pull request from it, opened,
// updated, or closed when the base already has exactly these files. A rerun that would
// produce the same tree makes no commit.
import type { GitHub } from './client.js';
import { httpStatus } from './client.js';
import {
  branchHead,
  commitInfo,
  createCommit,
  gitBlobSha,
  listTree,
  setBranch,
  type FileToCommit,
  type Repo,
} from './git.js';
import { errorMessage } from '../util/errors.js';

export interface ReleasePrOptions {
  branch: string;
  /** Base branch; the repository's default branch when unset. */
  base?: string;
  title: string;
  /** The pull request's text, or a function of what the set changes in the base branch's tree. */
  body: string | ((changes: TreeChanges) => string);
  labels: string[];
  message: string;
  files: FileToCommit[];
  /** Files of the base tree this set replaces: removed when the set does not have them. */
  owns: (path: string) => boolean;
}

/** What the set changes in the base branch's tree, byte for byte (git blob ids): what the store will get. */
export interface TreeChanges {
  /** The base branch, e.g. main. */
  base: string;
  /** Paths whose bytes differ from the base branch's. */
  changed: string[];
  /** Paths the base branch does not have. */
  added: string[];
  /** Paths of the base branch the set removes. */
  removed: string[];
  unchanged: number;
}

export type ReleaseOperation = 'created' | 'updated' | 'unchanged' | 'closed' | 'none';

export interface ReleasePrResult {
  operation: ReleaseOperation;
  number?: number;
  url?: string;
  commit?: string;
  changed: number;
  removed: number;
}

export class PullRequestsNotAllowedError extends Error {}

export async function syncReleasePr(gh: GitHub, r: Repo, o: ReleasePrOptions): Promise<ReleasePrResult> {
  const base = o.base ?? (await gh.rest.repos.get({ owner: r.owner, repo: r.repo })).data.default_branch;
  const baseHead = await branchHead(gh, r, base);
  if (!baseHead) throw new Error(`The base branch "${base}" of the release pull request does not exist`);
  const baseCommit = await commitInfo(gh, r, baseHead);
  const baseTree = await listTree(gh, r, baseCommit.tree);

  const want = new Map(o.files.map((f) => [f.path, { file: f, sha: gitBlobSha(f.content) }]));
  const add = [...want.values()].filter((w) => baseTree.files.get(w.file.path) !== w.sha).map((w) => w.file);
  // A truncated listing cannot tell which old files to remove: keep them rather than guess.
  const remove = baseTree.truncated ? [] : [...baseTree.files.keys()].filter((p) => o.owns(p) && !want.has(p));

  const changes: TreeChanges = {
    base,
    changed: add.filter((f) => baseTree.files.has(f.path)).map((f) => f.path),
    added: add.filter((f) => !baseTree.files.has(f.path)).map((f) => f.path),
    removed: remove,
    unchanged: want.size - add.length,
  };
  const body = typeof o.body === 'function' ? o.body(changes) : o.body;
  const open = (await gh.rest.pulls.list({ ...r, state: 'open', head: `${r.owner}:${o.branch}`, base, per_page: 1 }))
    .data[0];

  if (add.length === 0 && remove.length === 0) {
    if (!open) return { operation: 'none', changed: 0, removed: 0 };
    await gh.rest.issues.createComment({
      ...r,
      issue_number: open.number,
      body: `The base branch \`${base}\` now has exactly these screenshots: closing.`,
    });
    await gh.rest.pulls.update({ ...r, pull_number: open.number, state: 'closed' });
    return { operation: 'closed', number: open.number, url: open.html_url, changed: 0, removed: 0 };
  }

  // Same tree already on the branch, on the same base? Then nothing to commit.
  const head = await branchHead(gh, r, o.branch);
  let commit: string | undefined;
  let same = false;
  if (head) {
    const hc = await commitInfo(gh, r, head);
    if (hc.parents.length === 1 && hc.parents[0] === baseHead) {
      const expected = new Map(baseTree.files);
      for (const p of remove) expected.delete(p);
      for (const w of want.values()) expected.set(w.file.path, w.sha);
      const branchTree = await listTree(gh, r, hc.tree);
      same =
        !branchTree.truncated &&
        branchTree.files.size === expected.size &&
        [...expected].every(([p, s]) => branchTree.files.get(p) === s);
    }
  }
  if (!same) {
    const c = await createCommit(gh, r, baseCommit.tree, [baseHead], { add, remove }, o.message);
    await setBranch(gh, r, o.branch, c.sha, !!head, true);
    commit = c.sha;
  }

  let number: number;
  let url: string;
  let operation: ReleaseOperation;
  if (open) {
    await gh.rest.pulls.update({ ...r, pull_number: open.number, title: o.title, body });
    ({ number, html_url: url } = open);
    operation = same ? 'unchanged' : 'updated';
  } else {
    try {
      const { data } = await gh.rest.pulls.create({ ...r, head: o.branch, base, title: o.title, body });
      ({ number, html_url: url } = data);
    } catch (e) {
      if (httpStatus(e) === 403 && /not permitted to create/i.test(errorMessage(e))) {
        throw new PullRequestsNotAllowedError(
          `The branch ${o.branch} is pushed, but this token may not open pull requests: allow "GitHub Actions to create and approve pull requests" in the repository's Settings > Actions > General, or pass a personal or app token as github-token.`,
        );
      }
      throw e;
    }
    operation = 'created';
  }
  if (o.labels.length) await gh.rest.issues.addLabels({ ...r, issue_number: number, labels: o.labels });
  return { operation, number, url, commit, changed: add.length, removed: remove.length };
}
