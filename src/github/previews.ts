// Preview images for comments: committed to a branch of their own under content-addressed
// names (a name never changes meaning, so old comments keep their pictures), then embedded
// by URL. Only names the branch lacks are uploaded; nothing new means no commit.
import { createHash } from 'node:crypto';
import type { GitHub } from './client.js';
import { httpStatus } from './client.js';
import { branchHead, commitInfo, createCommit, listTree, setBranch, type Repo } from './git.js';

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

export function previewName(img: PreviewImage): string {
  return `${createHash('sha256').update(img.content).digest('hex').slice(0, 32)}.${img.ext}`;
}

export async function publishPreviews(gh: GitHub, r: Repo, branch: string, serverUrl: string, images: PreviewImage[]): Promise<{ previews: PublishedPreview[]; committed: boolean }> {
  const named = images.map((img) => ({ img, name: previewName(img) }));
  const previews = named.map(({ img, name }) => ({
    label: img.label,
    name,
    url: `${serverUrl}/${r.owner}/${r.repo}/blob/${encodeURIComponent(branch).replace(/%2F/g, '/')}/${name}?raw=true`,
  }));
  // Two runs (a matrix) may race: the ref moves only forward, and a refused move is retried once.
  for (let attempt = 0; ; attempt++) {
    const head = await branchHead(gh, r, branch);
    const base = head ? await commitInfo(gh, r, head) : undefined;
    const have = base ? (await listTree(gh, r, base.tree)).files : new Map<string, string>();
    const add = [...new Map(named.filter(({ name }) => !have.has(name)).map(({ img, name }) => [name, { path: name, content: img.content }])).values()];
    if (add.length === 0) return { previews, committed: false };
    const commit = await createCommit(gh, r, base?.tree, head ? [head] : [], { add, remove: [] }, `storeshots: ${add.length} preview image${add.length === 1 ? '' : 's'}`);
    try {
      await setBranch(gh, r, branch, commit.sha, !!head, false);
      return { previews, committed: true };
    } catch (e) {
      if (attempt >= 1 || (httpStatus(e) !== 422 && httpStatus(e) !== 409)) throw e;
    }
  }
}
