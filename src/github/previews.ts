// Preview images for comments, on a branch of their own that stays small: every update rewrites
// it as one parentless commit holding only the sheets that open pull requests' latest comments
// show, so a clone never downloads the history of old previews. Names are content-addressed (a
// name never changes meaning); the commit message carries the index of which comment shows
// which names, so the next update knows what to keep without reading any comment.
import type { GitHub } from './client.js';
import { httpStatus } from './client.js';
import { branchHead, commitInfo, createCommit, listTree, setBranch, type Repo } from './git.js';
import { sha256 } from '../util/hash.js';
import { canonicalJson } from '../util/json.js';
import { errorMessage } from '../util/errors.js';

export interface PreviewImage {
  /** What the image shows, e.g. the locale. */
  label: string;
  content: Buffer;
  ext: 'png' | 'jpg';
}

export interface PublishedPreview {
  label: string;
  name: string;
  /** Embeddable URL (the blob, served raw). */
  url: string;
}

/** Which comment (pull request and header) shows which sheet names. */
export interface PreviewIndex {
  version: 1;
  comments: Record<string, { pr: number; names: string[] }>;
}

const INDEX_START = '<!-- storeshots:previews';
const INDEX_END = '-->';

export function previewName(img: PreviewImage): string {
  return `${sha256(img.content).slice(0, 32)}.${img.ext}`;
}

export function formatIndex(index: PreviewIndex): string {
  return `storeshots: preview images of ${Object.keys(index.comments).length} comment(s)\n\n${INDEX_START}\n${JSON.stringify(index)}\n${INDEX_END}\n`;
}

/** The index in a previews commit's message; empty for a branch made by an older storeshots (or anything else). */
export function parseIndex(message: string | undefined): PreviewIndex {
  const at = message?.indexOf(INDEX_START) ?? -1;
  if (!message || at < 0) return { version: 1, comments: {} };
  const json = message.slice(at + INDEX_START.length, message.indexOf(INDEX_END, at)).trim();
  try {
    const v = JSON.parse(json) as PreviewIndex;
    if (v?.version === 1 && v.comments && typeof v.comments === 'object') return v;
  } catch {
    // Not ours, or cut: start afresh.
  }
  return { version: 1, comments: {} };
}

export interface PreviewTarget {
  /** The pull request whose comment shows these images. */
  pr: number;
  /** The comment's header ('' for the default comment). */
  header: string;
}

async function openPullRequests(gh: GitHub, r: Repo): Promise<Set<number>> {
  const open = new Set<number>();
  for await (const page of gh.paginate.iterator(gh.rest.pulls.list, { ...r, state: 'open', per_page: 100 }))
    for (const p of page.data) open.add(p.number);
  return open;
}

export async function publishPreviews(
  gh: GitHub,
  r: Repo,
  branch: string,
  serverUrl: string,
  images: PreviewImage[],
  target: PreviewTarget,
): Promise<{ previews: PublishedPreview[]; committed: boolean; names: string[] }> {
  const named = images.map((img) => ({ img, name: previewName(img) }));
  const previews = named.map(({ img, name }) => ({
    label: img.label,
    name,
    url: `${serverUrl}/${r.owner}/${r.repo}/blob/${encodeURIComponent(branch).replace(/%2F/g, '/')}/${name}?raw=true`,
  }));
  const key = `${target.pr}:${target.header}`;
  const mine = [...new Set(named.map((n) => n.name))].sort();
  // Two runs may race (a matrix, two pull requests): a refused ref move is retried once on the new head.
  for (let attempt = 0; ; attempt++) {
    const head = await branchHead(gh, r, branch);
    const base = head ? await commitInfo(gh, r, head) : undefined;
    const have = base ? (await listTree(gh, r, base.tree)).files : new Map<string, string>();
    const old = parseIndex(base?.message);
    const open = await openPullRequests(gh, r);
    const index: PreviewIndex = { version: 1, comments: {} };
    for (const [k, v] of Object.entries(old.comments)) {
      // Only sheets of open pull requests' comments stay, and only those still on the branch.
      if (k !== key && open.has(v.pr) && v.names.every((n) => have.has(n))) index.comments[k] = v;
    }
    index.comments[key] = { pr: target.pr, names: mine };
    const keep = [...new Set(Object.values(index.comments).flatMap((v) => v.names))].sort();
    // Nothing would change: the same files, and the same index (in any key order: the comment just
    // updated moves to the end of the index, which is no reason for a commit).
    const same =
      base &&
      have.size === keep.length &&
      keep.every((n) => have.has(n)) &&
      canonicalJson(parseIndex(base.message)) === canonicalJson(index);
    if (same) return { previews, committed: false, names: mine };
    const add = named
      .filter(({ name }, i) => !have.has(name) && named.findIndex((n) => n.name === name) === i)
      .map(({ img, name }) => ({ path: name, content: img.content }));
    const reuse = keep.filter((n) => have.has(n)).map((n) => ({ path: n, sha: have.get(n)! }));
    const commit = await createCommit(gh, r, undefined, [], { add, remove: [], reuse }, formatIndex(index));
    // Another update landed meanwhile: build again on it rather than drop its sheets (the REST API has no compare-and-swap).
    if (attempt < 2 && (await branchHead(gh, r, branch)) !== head) continue;
    try {
      // Parentless by design: the branch is rewritten, never appended to.
      await setBranch(gh, r, branch, commit.sha, !!head, true);
      return { previews, committed: true, names: mine };
    } catch (e) {
      if (
        attempt >= 2 ||
        (httpStatus(e) !== 422 && httpStatus(e) !== 409) ||
        /rule violations|protected/i.test(errorMessage(e))
      )
        throw e;
    }
  }
}
