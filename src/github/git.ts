// Commits through the Git Data API (blobs, tree, commit, ref): no checkout, no git binary.
// Blob ids are computed locally so unchanged files are neither uploaded nor committed.
import { createHash } from 'node:crypto';
import type { GitHub } from './client.js';
import { httpStatus } from './client.js';

export interface Repo {
  owner: string;
  repo: string;
}

export interface FileToCommit {
  /** Path in the repository, with forward slashes. */
  path: string;
  content: Buffer;
}

/** The id git gives a blob: sha1 of "blob <size>\0<content>". */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The commit a branch points at, or undefined when the branch does not exist. */
export async function branchHead(gh: GitHub, r: Repo, branch: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.git.getRef({ ...r, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (e) {
    if (httpStatus(e) === 404) return undefined;
    throw e;
  }
}

export async function commitInfo(
  gh: GitHub,
  r: Repo,
  sha: string,
): Promise<{ tree: string; parents: string[]; message: string }> {
  const { data } = await gh.rest.git.getCommit({ ...r, commit_sha: sha });
  return { tree: data.tree.sha, parents: data.parents.map((p) => p.sha), message: data.message };
}

/** path -> blob sha of every file in a tree (recursively). */
export async function listTree(
  gh: GitHub,
  r: Repo,
  treeSha: string,
): Promise<{ files: Map<string, string>; truncated: boolean }> {
  const { data } = await gh.rest.git.getTree({ ...r, tree_sha: treeSha, recursive: '1' });
  const files = new Map<string, string>();
  for (const e of data.tree) if (e.type === 'blob' && e.path && e.sha) files.set(e.path, e.sha);
  return { files, truncated: data.truncated };
}

export interface CommitChange {
  add: FileToCommit[];
  remove: string[];
  /** Files whose blobs the repository already has: listed by id, not uploaded again. */
  reuse?: Array<{ path: string; sha: string }>;
}

/** Uploads the blobs, builds a tree on `baseTree`, and makes a commit with the given parents. */
export async function createCommit(
  gh: GitHub,
  r: Repo,
  baseTree: string | undefined,
  parents: string[],
  change: CommitChange,
  message: string,
): Promise<{ sha: string; tree: string }> {
  const entries: Array<{ path: string; mode: '100644'; type: 'blob'; sha: string | null }> = [];
  for (const f of change.add) {
    const { data } = await gh.rest.git.createBlob({ ...r, content: f.content.toString('base64'), encoding: 'base64' });
    entries.push({ path: f.path, mode: '100644', type: 'blob', sha: data.sha });
  }
  for (const f of change.reuse ?? []) entries.push({ path: f.path, mode: '100644', type: 'blob', sha: f.sha });
  for (const p of change.remove) entries.push({ path: p, mode: '100644', type: 'blob', sha: null });
  const { data: tree } = await gh.rest.git.createTree({
    ...r,
    ...(baseTree ? { base_tree: baseTree } : {}),
    tree: entries,
  });
  const { data: commit } = await gh.rest.git.createCommit({ ...r, message, tree: tree.sha, parents });
  return { sha: commit.sha, tree: tree.sha };
}

/** Points a branch at a commit, creating it when missing; `force` for a branch that is ours alone. */
export async function setBranch(
  gh: GitHub,
  r: Repo,
  branch: string,
  sha: string,
  exists: boolean,
  force = true,
): Promise<void> {
  if (exists) await gh.rest.git.updateRef({ ...r, ref: `heads/${branch}`, sha, force });
  else await gh.rest.git.createRef({ ...r, ref: `refs/heads/${branch}`, sha });
}
